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

let measurer: Doc | undefined

/** A document never written, only used to measure text with the same fonts as the real one. */
function measuring(): Doc {
  if (!measurer) {
    measurer = new PDFDocument({ autoFirstPage: false, font: null } as unknown as PDFKit.PDFDocumentOptions)
    registerChromeFonts(measurer)
    measurer.addPage({ size: [PAGE.width, PAGE.height], margin: 0 })
  }
  return measurer
}

function clean(text: string): string {
  return sanitizeText(text)
}

/** Height of a table of contents entry. */
function tocEntryHeight(entry: TocEntry): number {
  const doc = measuring()
  doc.font(REGULAR).fontSize(10)
  return Math.max(doc.heightOfString(clean(entry.title), { width: SUBJECT_COLUMN }), doc.heightOfString(clean(entry.date), { width: DATE_COLUMN - 6 })) + 7
}

function indexLineHeight(line: IndexLine): number {
  const doc = measuring()
  const heading = line.heading ? (doc.font(BOLD).fontSize(13), doc.heightOfString(clean(line.heading), { width: WIDTH }) + 14) : 0
  doc.font(REGULAR).fontSize(10)
  return heading + doc.heightOfString(clean(line.text), { width: WIDTH, indent: 0 }) + 3
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

/** The table of contents, cut into pages. */
export function paginateToc(entries: readonly TocEntry[]): TocEntry[][] {
  return paginateItems(entries, tocEntryHeight)
}

/** The index, cut into pages. */
export function paginateIndex(lines: readonly IndexLine[]): IndexLine[][] {
  return paginateItems(lines, indexLineHeight)
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
  doc.fillColor(INK).font(BOLD).fontSize(26).text(clean(cover.title), MARGIN, 250, { width: WIDTH, align: 'center' })
  let y = doc.y + 14
  if (cover.subtitle) {
    doc.font(REGULAR).fontSize(15).fillColor(MUTED).text(clean(cover.subtitle), MARGIN, y, { width: WIDTH, align: 'center' })
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
      .text(`${labels.editedBy} ${clean(cover.editor)}`, MARGIN, y, { width: WIDTH, align: 'center' })
    y = doc.y + 6
  }
  const facts = [cover.date ? formatDate(cover.date, cover.lang) : undefined, labels.cables(cover.count)].filter(Boolean).join(' — ')
  doc.font(REGULAR).fontSize(11).fillColor(MUTED).text(facts, MARGIN, y, { width: WIDTH, align: 'center' })
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
    const height = tocEntryHeight(entry)
    doc
      .font(REGULAR)
      .fontSize(10)
      .fillColor(MUTED)
      .text(clean(entry.date), MARGIN, y, { width: DATE_COLUMN - 6 })
    doc
      .font(REGULAR)
      .fontSize(10)
      .fillColor(INK)
      .text(clean(entry.title), MARGIN + DATE_COLUMN, y, { width: SUBJECT_COLUMN })
    doc
      .font(BOLD)
      .fontSize(10)
      .fillColor(INK)
      .text(entry.page, PAGE.width - MARGIN - NUMBER_COLUMN, y, { width: NUMBER_COLUMN, align: 'right', lineBreak: false })
    doc.goTo(MARGIN, y, WIDTH, height - 4, entry.destination)
    y += height
  }
  doc.restore()
}

/** Draw one page of the index. */
export function drawIndexPage(doc: Doc, lines: readonly IndexLine[], first: boolean, labels: DossierLabels): void {
  doc.save()
  if (first) drawHeading(doc, labels.index)
  let y = first ? MARGIN + 56 : MARGIN
  for (const line of lines) {
    if (line.heading) {
      doc
        .font(BOLD)
        .fontSize(13)
        .fillColor(INK)
        .text(clean(line.heading), MARGIN, y + 6, { width: WIDTH })
      y = doc.y + 8
    }
    doc.font(REGULAR).fontSize(10).fillColor(INK).text(clean(line.text), MARGIN, y, { width: WIDTH })
    y = doc.y + 3
  }
  doc.restore()
}

/** Draw the introduction's title above the laid-out text of its first page. */
export function drawFrontFolio(doc: Doc, label: string): void {
  doc.save()
  doc
    .font(REGULAR)
    .fontSize(9)
    .fillColor(MUTED)
    .text(label, 0, PAGE.height - 40, { width: PAGE.width, align: 'center', lineBreak: false })
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
  doc.font(BOLD).fontSize(8).fillColor(INK).text(label, x, y, { width: boxWidth, align: 'center', lineBreak: false })
  doc.restore()
}
