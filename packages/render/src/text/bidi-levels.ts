import bidiFactory from 'bidi-js'

const bidi = bidiFactory()

/** Strong right-to-left characters (Hebrew, Arabic, Syriac, Thaana, NKo…, presentation forms). */
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]|\ud802[\udc00-\udfff]|\ud83a[\udc00-\udfff]/

/** Whether `text` has any right-to-left character: left-to-right text skips the bidi pass. */
export function hasRtl(text: string): boolean {
  return RTL.test(text)
}

/**
 * The Unicode bidi embedding level of each UTF-16 unit of `text` (even: left
 * to right, odd: right to left), by bidi-js (UAX #9). pdfkit has no bidi of
 * its own, so layout reorders words by these levels.
 *
 * @example bidiLevels('Maroc المغرب', 'ltr') // [0,0,0,0,0,0,1,1,1,1,1,1]
 */
export function bidiLevels(text: string, direction: 'ltr' | 'rtl' | 'auto' = 'ltr'): Uint8Array {
  if (!hasRtl(text)) return new Uint8Array(text.length).fill(direction === 'rtl' ? 1 : 0)
  return bidi.getEmbeddingLevels(text, direction).levels
}

/**
 * Reorder items of one line from logical to visual order by rule L2 of UAX #9:
 * from the highest level down to the lowest odd level, reverse every run of
 * items at that level or above.
 */
export function reorderByLevel<T>(items: T[], levelOf: (item: T) => number): T[] {
  const levels = items.map(levelOf)
  let max = 0
  let minOdd = Infinity
  for (const level of levels) {
    if (level > max) max = level
    if (level % 2 === 1 && level < minOdd) minOdd = level
  }
  if (minOdd === Infinity) return items
  const order = items.map((_, index) => index)
  for (let level = max; level >= minOdd; level--) {
    for (let index = 0; index < order.length; index++) {
      if (levels[order[index]!]! < level) continue
      let end = index
      while (end + 1 < order.length && levels[order[end + 1]!]! >= level) end++
      const slice = order.slice(index, end + 1).reverse()
      order.splice(index, slice.length, ...slice)
      index = end
    }
  }
  return order.map((index) => items[index]!)
}

/** The mirrored form of a bracket in right-to-left text (`(` → `)`), if any. */
export function mirrored(char: string): string | null {
  return bidi.getMirroredCharacter(char)
}
