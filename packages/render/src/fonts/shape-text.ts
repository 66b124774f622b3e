import type { Glyph } from 'fontkit'
import type { FontFace } from './font-face.js'

/**
 * Text shaped by fontkit, in ems (multiply by the font size for points), in
 * visual order (fontkit reverses right-to-left runs).
 */
export interface ShapedText {
  glyphs: Glyph[]
  /** Advance of each glyph, per em. */
  advances: Float64Array
  /** Offsets of each glyph (marks on Arabic letters), per em; `undefined` when all are zero. */
  offsets: Float64Array | undefined
  /** Sum of advances, per em. */
  width: number
}

/**
 * Entries kept before the cache starts over: bounds memory in long batches.
 * An entry costs about 1 KB of resident memory (glyph arrays, typed arrays,
 * key), so 20,000 keep a batch worker's cache near 20 MB; a real archive's
 * vocabulary passes that, and re-shaping the hot words after a reset is cheap.
 */
const MAX_ENTRIES = 20_000
const cache = new Map<string, ShapedText>()
let hits = 0
let misses = 0

/**
 * Shape `text` in `face` with its default OpenType features (kerning,
 * ligatures, Arabic joining), cached across documents for the whole process.
 * The key is face and text only: results are in ems, so one entry serves every
 * font size, and the feature set is fixed per face.
 *
 * @example shapeText(fontFace('serif'), 'Objet').width * 11 // width in points at 11 pt
 */
export function shapeText(face: FontFace, text: string): ShapedText {
  const key = `${face.key}\u0000${text}`
  const cached = cache.get(key)
  if (cached) {
    hits++
    return cached
  }
  misses++
  const run = face.font.layout(text)
  const em = face.font.unitsPerEm
  const count = run.glyphs.length
  const advances = new Float64Array(count)
  let offsets: Float64Array | undefined
  let width = 0
  for (let index = 0; index < count; index++) {
    const position = run.positions[index]!
    advances[index] = position.xAdvance / em
    width += position.xAdvance / em
    if (position.xOffset !== 0 || position.yOffset !== 0) {
      offsets ??= new Float64Array(count * 2)
      offsets[index * 2] = position.xOffset / em
      offsets[index * 2 + 1] = position.yOffset / em
    }
  }
  const shaped: ShapedText = { glyphs: run.glyphs, advances, offsets, width }
  if (cache.size >= MAX_ENTRIES) cache.clear()
  cache.set(key, shaped)
  return shaped
}

/** Counters of the shaping cache, for benchmarks and tests. */
export function shapeCacheStats(): { size: number; hits: number; misses: number } {
  return { size: cache.size, hits, misses }
}

/** Empty the shaping cache (benchmarks measure cold runs with it). */
export function clearShapeCache(): void {
  cache.clear()
  hits = 0
  misses = 0
}
