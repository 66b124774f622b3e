import type { PaintDocument } from './paint-boxes.js'

/** A small deterministic PRNG (mulberry32): the grain is the same for the same cable. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let value = state
    value = Math.imul(value ^ (value >>> 15), value | 1)
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61)
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * The scanned look, under the content: paper tone and grain, and the small
 * rotation of a page fed askew (returned, for the caller to apply to the
 * content). The text stays real text.
 */
export function paintScanBackground(doc: PaintDocument, width: number, height: number, seed: number): { rotate: number; stampRotate: number } {
  const next = random(seed)
  doc.save()
  doc.rect(0, 0, width, height).fill('#f3eddc')
  doc.fillColor('#6b6250').fillOpacity(0.18)
  for (let index = 0; index < 700; index++) {
    const size = 0.3 + next() * 0.9
    doc.rect(next() * width, next() * height, size, size)
  }
  doc.fill()
  doc.restore()
  return { rotate: (next() - 0.5) * 1.2, stampRotate: (next() - 0.5) * 6 }
}
