import type { Word, WordPage } from '@cablekit/core'

/** One printed line for {@link typeset}: its text, where it starts (or ends, `align: 'right'`), and its size. */
export interface PrintedLine {
  text: string
  x: number
  y: number
  size?: number
  align?: 'left' | 'right'
  confidence?: number
}

/**
 * Words with boxes for lines of text, as a text layer or OCR gives them: each
 * character half the size wide, words separated by one space, y the top of the
 * line. Right-to-left lines (Arabic) put their first word furthest right.
 */
export function typeset(lines: PrintedLine[]): Word[] {
  const words: Word[] = []
  for (const line of lines) {
    const size = line.size ?? 10
    const unit = size * 0.5
    const parts = line.text.split(' ').filter(Boolean)
    const width = [...line.text].length * unit
    const rtl = /\p{Script=Arabic}/u.test(line.text)
    const start = line.align === 'right' ? line.x - width : line.x
    let offset = 0
    for (const part of parts) {
      const span = [...part].length * unit
      const x0 = rtl ? start + width - offset - span : start + offset
      words.push({
        text: part,
        box: { x0, y0: line.y, x1: x0 + span, y1: line.y + size },
        ...(line.confidence !== undefined ? { confidence: line.confidence } : {}),
      })
      offset += span + unit
    }
  }
  return words
}

/** An A4 page in PDF points. */
export function page(number: number, lines: PrintedLine[]): WordPage {
  return { number, width: 595, height: 842, words: typeset(lines) }
}

/** A seeded shuffle (mulberry32), so a test's word order is random but the same on every run. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const out = [...items]
  for (let index = out.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1))
    ;[out[index], out[other]] = [out[other]!, out[index]!]
  }
  return out
}
