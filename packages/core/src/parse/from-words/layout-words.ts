import { roundBox, unionBox } from './boxes.js'
import { findFurniture } from './furniture.js'
import type { FurnitureZones, PlacedSegment } from './furniture.js'
import { groupRows } from './rows.js'
import type { Row, RowOptions, Segment } from './rows.js'
import type { LaidOutLine, PlacedWord, Word, WordLayout, WordPage } from './word-page.js'

/** Options of {@link layoutWords}. */
export interface LayoutWordsOptions extends Partial<RowOptions> {
  /** A vertical gap wider than this many times the text height separates paragraphs (a blank line). */
  paragraphGap?: number
  /** Top and bottom bands of the page where running headers, footers and page numbers are looked for. */
  zones?: Partial<FurnitureZones>
}

const DEFAULTS = { columnGap: 3, stampScale: 1.9, stampAngle: 12, paragraphGap: 0.9, zones: { top: 0.06, bottom: 0.06 } }

/** Bidi controls: OCR wraps Arabic in U+200E/U+200F, pdftotext in U+202B/U+202C; none is text. */
const BIDI_MARKS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g

/** A line in the making: its words, and how it may be joined. */
interface Draft {
  page: number
  words: Word[]
  /** Only plain full-width text rows may be joined to the next: never a column, a stamp or a label block. */
  joinable: boolean
  /** A blank line goes before it. */
  breakBefore: boolean
  /** The right edge of the page's text, to tell a wrapped line from a short one. */
  measure: number
  /** The right edge of its last row. */
  right: number
  /** The left edge of its first row, and its text height. */
  left: number
  height: number
  stamp: boolean
}

/**
 * Lay out pages of words (from OCR or a PDF's text layer) as the text the raw-text
 * readers expect: rows in reading order; columns by their gaps, each read whole
 * (the letterhead on the left, then the place and date on the right); Arabic
 * right to left, without bidi marks; hyphenations and wrapped sentences joined;
 * paragraphs separated by blank lines; page numbers, running headers and
 * footers removed; stamps (much larger or rotated words) on lines of their own.
 * Every line keeps its page and box, every word its box and column.
 *
 * Pure and deterministic: the same words in any order give the same text.
 *
 * @example
 * const { text, lines } = layoutWords([{ number: 1, width: 595, height: 842, words }])
 */
export function layoutWords(pages: readonly WordPage[], options: LayoutWordsOptions = {}): WordLayout {
  const rowOptions: RowOptions = {
    columnGap: options.columnGap ?? DEFAULTS.columnGap,
    stampScale: options.stampScale ?? DEFAULTS.stampScale,
    stampAngle: options.stampAngle ?? DEFAULTS.stampAngle,
  }
  const zones: FurnitureZones = { ...DEFAULTS.zones, ...options.zones }
  const paragraphGap = options.paragraphGap ?? DEFAULTS.paragraphGap
  const ordered = [...pages].sort((a, b) => a.number - b.number)
  const perPage = ordered.map((page) => ({ page, ...groupRows(cleanWords(page.words), rowOptions) }))
  const placed: PlacedSegment[] = perPage.flatMap(({ page, rows }) => rows.flatMap((row) => row.segments.map((segment) => ({ page, segment }))))
  const furniture = findFurniture(placed, zones)
  const removed = placed
    .filter((item) => furniture.has(item.segment) && item.segment.words.length > 0)
    .map((item) => ({ text: item.segment.words.map((word) => word.text).join(' '), page: item.page.number, box: roundBox(item.segment.box) }))
  const drafts: Draft[] = []
  for (const { page, rows, height } of perPage) {
    const kept = rows
      .map((row) => ({ ...row, segments: row.segments.filter((segment) => !furniture.has(segment) && segment.words.length > 0) }))
      .filter((row) => row.segments.length > 0)
    const first = drafts.length
    pageDrafts(page, kept, height, paragraphGap, drafts)
    // A page break is a paragraph break unless the sentence visibly runs on.
    if (first > 0 && drafts[first]) drafts[first]!.breakBefore = !runsOn(drafts[first - 1]!, drafts[first]!)
  }
  return { ...render(joinWrapped(drafts)), furniture: removed }
}

function cleanWords(words: readonly Word[]): Word[] {
  const clean: Word[] = []
  for (const word of words) {
    const text = word.text.replace(BIDI_MARKS, '').replace(/\s+/g, ' ').trim()
    if (text.replace(/[\p{Cf}\p{Z}]/gu, '') === '' || !(word.box.x1 >= word.box.x0 && word.box.y1 >= word.box.y0)) continue
    if (isSpeck(text, word.confidence)) continue
    clean.push({ ...word, text })
  }
  return clean
}

/**
 * OCR's reading of a speck, a frame edge or a smudge: no letter or digit, or
 * one small letter read with little confidence. A text layer (no
 * confidence) is never second-guessed.
 */
function isSpeck(text: string, confidence: number | undefined): boolean {
  if (confidence === undefined) return false
  const letters = text.match(/[\p{L}\p{N}]/gu)?.length ?? 0
  if (letters === 0) return !/^[-–—:;,.«»()/'’]+$/u.test(text) || confidence < 50
  return letters === 1 && text.length === 1 && /\p{Ll}/u.test(text) && confidence < 30
}

/** The drafts of one page, columns read whole. */
function pageDrafts(page: WordPage, rows: Row[], height: number, paragraphGap: number, drafts: Draft[]): void {
  const measure = Math.max(...rows.map((row) => row.box.x1))
  let previousBottom: number | undefined
  const push = (segment: Segment, joinable: boolean, breakBefore: boolean) => {
    const left = segment.box.x0
    const size = segment.box.y1 - segment.box.y0
    drafts.push({
      page: page.number,
      words: segment.words,
      joinable: joinable && !segment.stamp,
      breakBefore,
      measure,
      right: segment.box.x1,
      left,
      height: size,
      stamp: segment.stamp,
    })
  }
  // A paragraph break is a gap well past the page's usual leading: OCR boxes are tight (capitals only, in a
  // telegram) while a text layer's are a full em, so the text height alone cannot tell.
  // The usual leading is the lower quartile of the gaps between rows: headers have more air than text.
  const gaps = rows
    .slice(1)
    .map((row, index) => row.box.y0 - rows[index]!.box.y1)
    .filter((gap) => gap > 0 && gap < 3 * height)
    .sort((a, b) => a - b)
  const leading = gaps[Math.floor(gaps.length / 4)] ?? 0
  const threshold = Math.max(paragraphGap * height, leading + 0.5 * height)
  const gapBefore = (row: Row) => previousBottom !== undefined && row.box.y0 - previousBottom > threshold
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index]!
    if (row.segments.length < 2) {
      push(row.segments[0]!, true, gapBefore(row))
      previousBottom = row.box.y1
      continue
    }
    // A row in two columns: gather the rows under it that keep to the same columns, then read the left column, then the right.
    const split = splitPoint(row.segments)
    const block: Row[] = [row]
    while (index + 1 < rows.length) {
      const next = rows[index + 1]!
      if (next.box.y0 - block.at(-1)!.box.y1 > threshold * 1.5) break
      if (next.segments.some((segment) => segment.box.x0 < split && segment.box.x1 > split)) break
      block.push(next)
      index++
    }
    const breakBefore = gapBefore(row)
    // Segments of one row on one side of the split are one column's line (`Destinataire CC      : Cab2`).
    const side = (keep: (segment: Segment) => boolean) =>
      block
        .map((item) => item.segments.filter(keep))
        .filter((segments) => segments.length > 0)
        .map(mergeSegments)
    const left = side((segment) => segment.box.x1 <= split)
    const right = side((segment) => segment.box.x0 >= split)
    left.forEach((segment, at) => push(segment, false, at === 0 && breakBefore))
    right.forEach((segment, at) => push(segment, false, at === 0 && (left.length > 0 || breakBefore)))
    previousBottom = Math.max(...block.map((item) => item.box.y1))
  }
}

function mergeSegments(segments: Segment[]): Segment {
  if (segments.length === 1) return segments[0]!
  return {
    words: segments.flatMap((segment) => segment.words),
    box: unionBox(segments.map((segment) => segment.box)),
    rtl: false,
    stamp: segments.every((segment) => segment.stamp),
  }
}

/** The middle of the widest gap between a row's segments. */
function splitPoint(segments: Segment[]): number {
  let best = 0
  let split = segments[0]!.box.x1
  for (let index = 1; index < segments.length; index++) {
    const gap = segments[index]!.box.x0 - segments[index - 1]!.box.x1
    if (gap > best) {
      best = gap
      split = (segments[index]!.box.x0 + segments[index - 1]!.box.x1) / 2
    }
  }
  return split
}

const HYPHENATED = /\p{Ll}-$/u
const STARTS_LOWER = /^\p{Ll}/u
const ENDS_OPEN = /[\p{Ll},]$/u

/** A line that ends on one of these words is cut mid-phrase: letterheads wrap so (`Ministère … et de la` / `Coopération`). */
const OPEN_WORD = /^(?:de|du|des|la|le|les|et|à|au|aux|auprès|d'|l'|d’|l’|of|the|and|for|to|in|on)$/iu

/** Whether `next` continues `previous`'s sentence: a hyphenated word, a line ending on an article or preposition, or a full line ending mid-sentence. */
function runsOn(previous: Draft, next: Draft): boolean {
  const last = previous.words.at(-1)!.text
  const first = next.words[0]!.text
  if (OPEN_WORD.test(last) && /^\p{L}/u.test(first) && previous.page === next.page && !previous.stamp && !next.stamp) {
    // The same column: both lines start at the same left edge.
    if (Math.abs(previous.left - next.left) <= 2 * previous.height) return true
  }
  if (!previous.joinable || !next.joinable) return false
  if (!STARTS_LOWER.test(first)) return false
  if (HYPHENATED.test(last)) return true
  return ENDS_OPEN.test(last) && previous.right >= previous.measure * 0.85
}

/** Join wrapped lines and hyphenations into the line they continue. */
function joinWrapped(drafts: Draft[]): { drafts: Draft[]; hyphens: Set<Word> } {
  const joined: Draft[] = []
  const hyphens = new Set<Word>()
  for (const draft of drafts) {
    const previous = joined.at(-1)
    if (previous && !draft.breakBefore && previous.page === draft.page && runsOn(previous, draft)) {
      if (HYPHENATED.test(previous.words.at(-1)!.text)) hyphens.add(previous.words.at(-1)!)
      previous.words = [...previous.words, ...draft.words]
      previous.right = draft.right
      continue
    }
    joined.push({ ...draft })
  }
  return { drafts: joined, hyphens }
}

/** Text and lines, with each word's column: a hyphenated word and its end are written as one. */
function render({ drafts, hyphens }: { drafts: Draft[]; hyphens: Set<Word> }): Omit<WordLayout, 'furniture'> {
  const out: string[] = []
  const lines: LaidOutLine[] = []
  for (const draft of drafts) {
    if (draft.breakBefore && out.length > 0) out.push('')
    let text = ''
    const words: PlacedWord[] = []
    for (const word of draft.words) {
      const glued = words.length > 0 && hyphens.has(draft.words[words.length - 1]!)
      if (glued) text = text.slice(0, -1)
      else if (text !== '') text += ' '
      words.push({ ...word, box: roundBox(word.box), column: text.length + 1 })
      text += word.text
    }
    out.push(text)
    lines.push({ text, line: out.length, page: draft.page, box: roundBox(unionBox(draft.words.map((word) => word.box))), words })
  }
  return { text: out.length > 0 ? `${out.join('\n')}\n` : '', lines }
}
