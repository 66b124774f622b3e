/**
 * The small part of fontkit 2 that cablekit uses. fontkit ships no types;
 * these describe what its objects carry at run time.
 */
declare module 'fontkit' {
  // The shapes live in a module of their own, so the published declarations carry them (an ambient module is not shipped).
  export type Glyph = import('./fontkit-types.js').Glyph
  export type GlyphPosition = import('./fontkit-types.js').GlyphPosition
  export type GlyphRun = import('./fontkit-types.js').GlyphRun
  export type Font = import('./fontkit-types.js').Font
  export function create(buffer: Uint8Array, postscriptName?: string): Font
  export function openSync(path: string, postscriptName?: string): Font
}

declare module 'bidi-js' {
  export interface EmbeddingLevels {
    levels: Uint8Array
    paragraphs: { start: number; end: number; level: number }[]
  }
  export interface Bidi {
    getEmbeddingLevels(text: string, direction?: 'ltr' | 'rtl' | 'auto'): EmbeddingLevels
    getMirroredCharacter(char: string): string | null
  }
  export default function bidiFactory(): Bidi
}
