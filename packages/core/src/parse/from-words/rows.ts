import { median, unionBox } from './boxes.js'
import type { Word, WordBox } from './word-page.js'

/** A run of words on one baseline with no wide gap: one column's part of a row. */
export interface Segment {
  words: Word[]
  box: WordBox
  /** Most of its letters are Arabic (or Hebrew): its words read right to left. */
  rtl: boolean
  /** Set apart as a stamp: much larger than the text around it, or rotated. */
  stamp: boolean
}

/** Words whose vertical extents overlap, left to right, cut into segments at wide gaps. */
export interface Row {
  segments: Segment[]
  box: WordBox
}

const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}]/gu
const LETTER = /\p{L}/gu

/** Options of {@link groupRows}. */
export interface RowOptions {
  /** A gap wider than this many times the row's text height starts a new segment (column). */
  columnGap: number
  /** A word this many times taller than the page's median is a stamp. */
  stampScale: number
  /** Words rotated by more than this many degrees are stamps. */
  stampAngle: number
}

/**
 * Group a page's words into rows: a word joins the row its vertical middle
 * falls in, so words of one line that sit a little higher or lower (accents,
 * a larger place-and-date line beside the letterhead) stay together. Rows are
 * cut at gaps wider than a few letters: the two columns of a letterhead, or a
 * label block beside another, become separate segments.
 */
export function groupRows(words: readonly Word[], options: RowOptions): { rows: Row[]; height: number } {
  const level = words.filter((word) => Math.abs(word.angle ?? 0) <= options.stampAngle)
  const height = median(level.map((word) => word.box.y1 - word.box.y0)) || 1
  const stamps: Word[] = []
  const normal: Word[] = []
  const tall = (word: Word) => word.box.y1 - word.box.y0 > options.stampScale * height && [...word.text].length > 1
  for (const word of words) {
    // A tall box beside ordinary words on its line is OCR's glitch (a box swallowing the line below), not a stamp.
    const stamp = Math.abs(word.angle ?? 0) > options.stampAngle || (tall(word) && !hasNeighbour(word, level, height))
    if (stamp) stamps.push(word)
    else normal.push(word)
  }
  // Where a word's line is: its top, plus half its height, tall boxes cut to the page's text height.
  const middle = (box: WordBox) => box.y0 + Math.min(box.y1 - box.y0, 1.3 * height) / 2
  // Sorted by middle, ties by left edge: the grouping is the same whatever order the reader gave the words in.
  const sorted = [...normal].sort((a, b) => middle(a.box) - middle(b.box) || a.box.x0 - b.box.x0 || compareText(a.text, b.text))
  const groups: Word[][] = []
  let current: Word[] = []
  let top = 0
  let bottom = 0
  for (const word of sorted) {
    const mid = middle(word.box)
    if (current.length > 0 && mid <= bottom && mid >= top) {
      current.push(word)
      continue
    }
    if (current.length > 0) groups.push(current)
    current = [word]
    // The band a row owns is its first word's extent (tall boxes cut), shrunk a little so the next line's ascenders do not join it.
    const extent = Math.min(word.box.y1 - word.box.y0, 1.3 * height)
    top = word.box.y0 + extent * 0.15
    bottom = word.box.y0 + extent * 0.85
  }
  if (current.length > 0) groups.push(current)
  const rows = groups.map((group) => toRow(group, options, false))
  for (const stamp of stamps) rows.push(toRow([stamp], options, true))
  rows.sort((a, b) => a.box.y0 - b.box.y0 || a.box.x0 - b.box.x0)
  return { rows, height }
}

function toRow(words: Word[], options: RowOptions, stamp: boolean): Row {
  const sorted = [...words].sort((a, b) => a.box.x0 - b.box.x0 || compareText(a.text, b.text))
  const rowHeight = median(sorted.map((word) => word.box.y1 - word.box.y0)) || 1
  const segments: Segment[] = []
  let run: Word[] = []
  for (const word of sorted) {
    const previous = run.at(-1)
    if (previous && word.box.x0 - previous.box.x1 > options.columnGap * rowHeight) {
      segments.push(toSegment(run, stamp))
      run = []
    }
    run.push(word)
  }
  if (run.length > 0) segments.push(toSegment(run, stamp))
  return { segments, box: unionBox(words.map((word) => word.box)) }
}

function toSegment(words: Word[], stamp: boolean): Segment {
  const text = words.map((word) => word.text).join('')
  const rtl = (text.match(RTL_LETTER)?.length ?? 0) * 2 > (text.match(LETTER)?.length ?? 0)
  // Right to left: the word furthest right is read first.
  const ordered = rtl ? [...words].sort((a, b) => b.box.x1 - a.box.x1) : words
  return { words: glue(ordered, rtl), box: unionBox(words.map((word) => word.box)), rtl, stamp }
}

/**
 * Join pieces of one word that touch: some PDF writers (LibreOffice's Arabic,
 * kerned Latin) put each glyph or cluster in a text run of its own, which
 * would otherwise read as a word per letter.
 */
function glue(words: Word[], rtl: boolean): Word[] {
  const out: Word[] = []
  for (const word of words) {
    const previous = out.at(-1)
    const size = Math.min(word.box.y1 - word.box.y0, previous ? previous.box.y1 - previous.box.y0 : Infinity)
    const gap = previous ? (rtl ? previous.box.x0 - word.box.x1 : word.box.x0 - previous.box.x1) : Infinity
    if (previous && gap < 0.08 * size && gap > -0.3 * size && previous.confidence === undefined && word.confidence === undefined) {
      out[out.length - 1] = { ...previous, text: previous.text + word.text, box: unionBox([previous.box, word.box]) }
      continue
    }
    out.push(word)
  }
  return out
}

/** Whether an ordinary word sits beside `word` on its top line, within a few letters. */
function hasNeighbour(word: Word, words: readonly Word[], height: number): boolean {
  const top = word.box.y0
  const bottom = word.box.y0 + height
  return words.some((other) => {
    if (other === word || other.box.y1 - other.box.y0 > 1.5 * height) return false
    const overlaps = other.box.y0 < bottom && other.box.y1 > top
    const near = other.box.x0 - word.box.x1 < 3 * height && word.box.x0 - other.box.x1 < 3 * height
    return overlaps && near
  })
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
