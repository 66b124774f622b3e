import type { WordBox } from './word-page.js'

/** The smallest box holding all of `boxes`. */
export function unionBox(boxes: readonly WordBox[]): WordBox {
  let x0 = Infinity
  let y0 = Infinity
  let x1 = -Infinity
  let y1 = -Infinity
  for (const box of boxes) {
    x0 = Math.min(x0, box.x0)
    y0 = Math.min(y0, box.y0)
    x1 = Math.max(x1, box.x1)
    y1 = Math.max(y1, box.y1)
  }
  return { x0, y0, x1, y1 }
}

/** A box rounded to tenths, so provenance is the same bytes whatever the float noise of the reader. */
export function roundBox(box: WordBox): WordBox {
  const round = (value: number) => Math.round(value * 10) / 10
  return { x0: round(box.x0), y0: round(box.y0), x1: round(box.x1), y1: round(box.y1) }
}

/** The median of `values` (0 for none). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}
