import PDFDocument from 'pdfkit'
import { fontFiles } from '../fonts/font-files.js'
import { formatDate } from '../text/format-date.js'
import { sanitizeText } from '../text/sanitize-text.js'
import type { DossierLabels } from './dossier-labels.js'

/** The dossier's own pages are A4, whatever the cables' themes. */
export const PAGE = { width: 595.28, height: 841.89 } as const
const MARGIN = 72
const WIDTH = PAGE.width - 2 * MARGIN
const BOTTOM = PAGE.height - MARGIN
const DATE_COLUMN = 86
const NUMBER_COLUMN = 40
const SUBJECT_COLUMN = WIDTH - DATE_COLUMN - NUMBER_COLUMN - 8
const INK = '#111111'
const MUTED = '#555555'

/** One line of the table of contents. */
export interface TocEntry {
  date: string
  /** Reference and subject, as printed. */
  title: string
  /** The label of the page where the cable starts. */
  page: string
  /** Named destination of that page. */
  destination: string
}

/** One line of the index: a term and the labels of the pages where cables that carry it start. */
export interface IndexLine {
  heading?: string
  text: string
}

type Doc = PDFKit.PDFDocument

const REGULAR = 'cablekit-dossier-regular'
const BOLD = 'cablekit-dossier-bold'

/** Register the dossier's faces (Noto Serif, embedded and subset like the cables' fonts). */
export function registerChromeFonts(doc: Doc): void {
  const serif = fontFiles().serif
  doc.registerFont(REGULAR, serif.regular)
  doc.registerFont(BOLD, serif.bold ?? serif.regular)
}

/** One line of the index as printed: a wrapped piece of a term's line, the first of a section under its heading. */
export interface IndexRow {
  heading?: string
  text: string
  /** The last piece of its term: a little space follows. */
  last: boolean
}

/** Lines of a table of contents entry as they are drawn, and its height. */
interface WrappedEntry {
  date: string[]
  title: string[]
  height: number
}

/** Longest word measured whole: a subject with no spaces is cut rather than measured whole (quadratic in fontkit). */
const LONGEST_WORD = 120
/** The pieces a word wider than a line is cut into, each measured on its own. */
const LONGEST_PIECE = 24
/** Most lines of a subject in the contents: the rest is cut with an ellipsis, so one entry never outgrows a page. */
const MOST_TITLE_LINES = 6
/** Words measured before the measuring document is replaced: pdfkit caches every word's layout for as long as the document lives. */
const MEASURED_WORDS_KEPT = 50_000

let measurer: Doc | undefined
let measuredWords = 0

/** A document never written, only used to measure text with the same fonts as the real one. */
function measuring(): Doc {
  if (!measurer || measuredWords > MEASURED_WORDS_KEPT) {
    measurer = new PDFDocument({ autoFirstPage: false, font: null } as unknown as PDFKit.PDFDocumentOptions)
    registerChromeFonts(measurer)
    measurer.addPage({ size: [PAGE.width, PAGE.height], margin: 0 })
    measuredWords = 0
  }
  return measurer
}

function clean(text: string): string {
  return sanitizeText(text)
}

/**
 * Break `text` into lines no wider than `width` in the font and size set on
 * `doc`, at spaces, and inside a word only when it is wider than a line. The
 * dossier's pages draw these lines one by one: what was measured is what is
 * drawn, and pdfkit never breaks a line or adds a page on its own.
 */
function wrap(doc: Doc, text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  let lineWidth = 0
  const space = doc.widthOfString(' ')
  for (const word of clean(text).split(/\s+/)) {
    if (!word) continue
    const characters = Array.from(word)
    measuredWords++
    const whole = characters.length <= LONGEST_WORD ? doc.widthOfString(word) : Infinity
    // A word wider than a line is cut in pieces, as pdfkit would cut it; any other moves to the next line whole.
    const pieces: string[] = []
    if (whole <= width) pieces.push(word)
    else for (let at = 0; at < characters.length; at += LONGEST_PIECE) pieces.push(characters.slice(at, at + LONGEST_PIECE).join(''))
    pieces.forEach((piece, index) => {
      const gap = index === 0 && line ? space : 0
      if (pieces.length > 1) measuredWords++
      const pieceWidth = pieces.length === 1 ? whole : doc.widthOfString(piece)
      if (line && lineWidth + gap + pieceWidth > width) {
        lines.push(line)
        line = piece
        lineWidth = pieceWidth
      } else {
        line += (gap ? ' ' : '') + piece
        lineWidth += gap + pieceWidth
      }
    })
  }
  lines.push(line)
  return lines
}

const wrappedEntries = new WeakMap<TocEntry, WrappedEntry>()

/** An entry's lines and height, measured once (in `measure`): when cut into pages, and again when drawn. */
function wrapEntry(entry: TocEntry, measure?: Doc): WrappedEntry {
  let wrapped = wrappedEntries.get(entry)
  if (!wrapped) {
    const doc = (measure ?? measuring()).font(REGULAR).fontSize(10)
    const title = wrap(doc, entry.title, SUBJECT_COLUMN)
    if (title.length > MOST_TITLE_LINES) {
      title.length = MOST_TITLE_LINES
      title[MOST_TITLE_LINES - 1] += '…'
    }
    const date = wrap(doc, entry.date, DATE_COLUMN - 6)
    wrapped = { date, title, height: Math.max(title.length, date.length) * doc.currentLineHeight(true) + 7 }
    wrappedEntries.set(entry, wrapped)
  }
  return wrapped
}

/** The index's lines, wrapped into rows: a term listed in every cable of a big book runs over pages. */
function indexRows(lines: readonly IndexLine[], measure: Doc): IndexRow[] {
  const doc = measure.font(REGULAR).fontSize(10)
  return lines.flatMap((line) => {
    const pieces = wrap(doc, line.text, WIDTH)
    return pieces.map((text, index) => ({ ...(index === 0 && line.heading ? { heading: line.heading } : {}), text, last: index === pieces.length - 1 }))
  })
}

function indexRowHeight(doc: Doc, row: IndexRow): number {
  const heading = row.heading ? doc.font(BOLD).fontSize(13).currentLineHeight(true) + 14 : 0
  return heading + doc.font(REGULAR).fontSize(10).currentLineHeight(true) + (row.last ? 3 : 0)
}

/**
 * Cut a list of items into pages by their measured heights: the first page
 * starts lower, under the heading. Page counts are known before painting, so
 * the cables' page numbers are too.
 */
export function paginateItems<T>(items: readonly T[], height: (item: T) => number): T[][] {
  const pages: T[][] = [[]]
  let y = MARGIN + 56
  for (const item of items) {
    const h = height(item)
    if (y + h > BOTTOM && pages[pages.length - 1]!.length > 0) {
      pages.push([])
      y = MARGIN
    }
    pages[pages.length - 1]!.push(item)
    y += h
  }
  return pages
}

/**
 * The table of contents, cut into pages. Its length depends on the dates and
 * titles only, not on the page numbers.
 *
 * @param measure the document the contents will be drawn in, to measure with its fonts (pdfkit then draws each word from
 *   the layout it cached when measuring); default: a document kept for measuring only.
 */
export function paginateToc(entries: readonly TocEntry[], measure?: Doc): TocEntry[][] {
  return paginateItems(entries, (entry) => wrapEntry(entry, measure).height)
}

/** The index, wrapped into rows and cut into pages (`measure` as for {@link paginateToc}). */
export function paginateIndex(lines: readonly IndexLine[], measure?: Doc): IndexRow[][] {
  const doc = measure ?? measuring()
  return paginateItems(indexRows(lines, doc), (row) => indexRowHeight(doc, row))
}

/** Draw the cover: title, subtitle, editor, date and the number of cables. */
export function drawCover(
  doc: Doc,
  cover: { title: string; subtitle?: string; editor?: string; date?: string; lang: string; count: number },
  labels: DossierLabels,
): void {
  doc.save()
  doc
    .moveTo(MARGIN, 230)
    .lineTo(PAGE.width - MARGIN, 230)
    .lineWidth(1.5)
    .strokeColor(INK)
    .stroke()
  // Each text is held to the page (`height`): pdfkit would otherwise add pages of its own for a very long title.
  const held = (y: number) => ({ width: WIDTH, align: 'center' as const, height: Math.max(BOTTOM - y, 40), ellipsis: true })
  doc.fillColor(INK).font(BOLD).fontSize(26).text(clean(cover.title), MARGIN, 250, held(250))
  let y = doc.y + 14
  if (cover.subtitle) {
    doc.font(REGULAR).fontSize(15).fillColor(MUTED).text(clean(cover.subtitle), MARGIN, y, held(y))
    y = doc.y + 10
  }
  doc
    .moveTo(MARGIN, y + 6)
    .lineTo(PAGE.width - MARGIN, y + 6)
    .lineWidth(0.75)
    .strokeColor(INK)
    .stroke()
  y += 30
  if (cover.editor) {
    doc
      .font(REGULAR)
      .fontSize(12)
      .fillColor(INK)
      .text(`${labels.editedBy} ${clean(cover.editor)}`, MARGIN, y, held(y))
    y = doc.y + 6
  }
  const facts = [cover.date ? formatDate(cover.date, cover.lang) : undefined, labels.cables(cover.count)].filter(Boolean).join(' — ')
  doc.font(REGULAR).fontSize(11).fillColor(MUTED).text(facts, MARGIN, y, held(y))
  doc.restore()
}

/** Draw a page heading (Contents, Index). */
function drawHeading(doc: Doc, text: string): void {
  doc.fillColor(INK).font(BOLD).fontSize(20).text(clean(text), MARGIN, MARGIN, { width: WIDTH, lineBreak: false })
  doc
    .moveTo(MARGIN, MARGIN + 32)
    .lineTo(PAGE.width - MARGIN, MARGIN + 32)
    .lineWidth(0.75)
    .strokeColor(INK)
    .stroke()
}

/** Draw lines one under the other from `y`, each as one piece (no wrapping by pdfkit); returns the `y` under them. */
function drawLines(doc: Doc, lines: readonly string[], x: number, y: number): number {
  const height = doc.currentLineHeight(true)
  for (const line of lines) {
    doc.text(line, x, y, { lineBreak: false })
    y += height
  }
  return y
}

/**
 * Draw one page of the table of contents: date, reference and subject, and
 * the page number, each entry a link to the named destination of the page
 * where its cable starts.
 */
export function drawTocPage(doc: Doc, entries: readonly TocEntry[], first: boolean, labels: DossierLabels): void {
  doc.save()
  if (first) drawHeading(doc, labels.contents)
  let y = first ? MARGIN + 56 : MARGIN
  for (const entry of entries) {
    const { date, title, height } = wrapEntry(entry)
    drawLines(doc.font(REGULAR).fontSize(10).fillColor(MUTED), date, MARGIN, y)
    drawLines(doc.fillColor(INK), title, MARGIN + DATE_COLUMN, y)
    doc.font(BOLD).fontSize(10)
    const page = clean(entry.page)
    doc.text(page, PAGE.width - MARGIN - doc.widthOfString(page), y, { lineBreak: false })
    doc.goTo(MARGIN, y, WIDTH, height - 4, entry.destination)
    y += height
  }
  doc.restore()
}

/** Draw one page of the index. */
export function drawIndexPage(doc: Doc, rows: readonly IndexRow[], first: boolean, labels: DossierLabels): void {
  doc.save()
  if (first) drawHeading(doc, labels.index)
  let y = first ? MARGIN + 56 : MARGIN
  for (const row of rows) {
    if (row.heading) {
      doc.font(BOLD).fontSize(13).fillColor(INK)
      y = drawLines(doc, [clean(row.heading)], MARGIN, y + 6) + 8
    }
    y = drawLines(doc.font(REGULAR).fontSize(10).fillColor(INK), [row.text], MARGIN, y) + (row.last ? 3 : 0)
  }
  doc.restore()
}

/** Draw the introduction's title above the laid-out text of its first page. */
export function drawFrontFolio(doc: Doc, label: string): void {
  doc.save()
  doc.font(REGULAR).fontSize(9).fillColor(MUTED)
  doc.text(label, (PAGE.width - doc.widthOfString(label)) / 2, PAGE.height - 40, { lineBreak: false })
  doc.restore()
}

/**
 * Draw the dossier's folio in the outer margin of a cable's page, beside the
 * cable's own `n/N`: right on right-hand pages, left on left-hand ones.
 */
export function drawDossierFolio(doc: Doc, label: string, width: number, height: number, rightHand: boolean): void {
  doc.save()
  const boxWidth = 30
  const x = rightHand ? width - boxWidth - 8 : 8
  const y = height - 34
  doc
    .rect(x, y - 4, boxWidth, 16)
    .lineWidth(0.5)
    .strokeColor(MUTED)
    .stroke()
  // Centred by hand: pdfkit would set up a line wrapper for every page of the book.
  doc.font(BOLD).fontSize(8).fillColor(INK)
  doc.text(label, x + (boxWidth - doc.widthOfString(label)) / 2, y, { lineBreak: false })
  doc.restore()
}
