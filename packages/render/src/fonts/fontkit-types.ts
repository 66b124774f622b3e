/**
 * The fontkit 2 objects cablekit reads: fontkit ships no types, and these
 * describe what its objects carry at run time. A module rather than the
 * ambient `declare module 'fontkit'` of `fontkit.d.ts`, so that the
 * declarations published for layout's boxes (`FontFace.font`, `ShapedText.glyphs`)
 * name them and compile where fontkit has no types.
 */

/** A glyph of a font. */
export interface Glyph {
  id: number
  codePoints: number[]
  advanceWidth: number
}

/** Where a shaped glyph goes, in font units. */
export interface GlyphPosition {
  xAdvance: number
  yAdvance: number
  xOffset: number
  yOffset: number
}

/** Text shaped by a font. */
export interface GlyphRun {
  glyphs: Glyph[]
  positions: GlyphPosition[]
  direction: 'ltr' | 'rtl'
  advanceWidth: number
}

/** A parsed font file. */
export interface Font {
  postscriptName: string
  unitsPerEm: number
  ascent: number
  descent: number
  lineGap: number
  capHeight: number
  xHeight: number
  layout(text: string, features?: string[] | Record<string, boolean>, script?: string, language?: string, direction?: 'ltr' | 'rtl'): GlyphRun
  hasGlyphForCodePoint(codePoint: number): boolean
  glyphForCodePoint(codePoint: number): Glyph
  getGlyph(id: number): Glyph
}
