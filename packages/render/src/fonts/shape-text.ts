import type { Glyph } from './fontkit-types.js'
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
 * How many entries each of the cache's two generations holds. A word shaped
 * or used again goes into the young generation; when that is full, it becomes
 * the old one and the previous old one is dropped. So the words in use stay
 * (close to a least-recently-used cache, without its bookkeeping) while memory
 * is bounded: an entry costs about 0.6 KB of heap, so at most 16,000 entries,
 * about 10 MB. A batch worker renders a whole archive with this cache: its
 * vocabulary outgrows any bound, and what it renders next is mostly hot words.
 */
const GENERATION_SIZE = 8_000
let young = new Map<string, ShapedText>()
let old = new Map<string, ShapedText>()
let hits = 0
let misses = 0

function remember(key: string, shaped: ShapedText): void {
  if (young.size >= GENERATION_SIZE) {
    old = young
    young = new Map()
  }
  young.set(key, shaped)
}

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
  const cached = young.get(key)
  if (cached) {
    hits++
    return cached
  }
  const older = old.get(key)
  if (older) {
    hits++
    remember(key, older)
    return older
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
  remember(key, shaped)
  return shaped
}

/** Counters of the shaping cache, for benchmarks and tests. */
export function shapeCacheStats(): { size: number; hits: number; misses: number } {
  return { size: young.size + old.size, hits, misses }
}

/** Empty the shaping cache (benchmarks measure cold runs with it). */
export function clearShapeCache(): void {
  young = new Map()
  old = new Map()
  hits = 0
  misses = 0
}
