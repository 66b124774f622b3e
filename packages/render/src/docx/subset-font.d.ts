/**
 * The part of subset-font 2 (harfbuzz's hb-subset compiled to wasm) that
 * cablekit uses. subset-font ships no types.
 */
declare module 'subset-font' {
  export interface SubsetFontOptions {
    /** `truetype` keeps the input's format for a TTF; also `woff`, `woff2`, `sfnt`. */
    targetFormat?: 'truetype' | 'sfnt' | 'woff' | 'woff2'
    /** Name table ids to keep beyond hb-subset's defaults (0 to 6). */
    preserveNameIds?: number[]
    /** Drop TrueType hinting instructions. */
    noHinting?: boolean
  }
  /** The font `font` cut down to the glyphs that `text`'s characters need, layout closure included. */
  export default function subsetFont(font: Uint8Array, text: string, options?: SubsetFontOptions): Promise<Buffer>
}
