import type { Readable } from 'node:stream'
import type { Cable } from '@cablekit/core'
import { layoutCable } from '../layout/layout-cable.js'
import type { LaidOutCable } from '../layout/laid-out.js'
import { createPdfDocument } from '../pdf/create-pdf-document.js'
import { paintCable } from '../pdf/paint-cable.js'
import { formatDate } from '../text/format-date.js'
import type { ThemeName } from '../themes/registry.js'
import type { ThemeData } from '../themes/theme.js'
import type { Dossier, DossierOptions } from './dossier.js'
import {
  drawCover,
  drawDossierFolio,
  drawFrontFolio,
  drawIndexPage,
  drawTocPage,
  PAGE,
  paginateIndex,
  paginateToc,
  registerChromeFonts,
} from './dossier-chrome.js'
import type { IndexLine, TocEntry } from './dossier-chrome.js'
import { dossierIndex } from './dossier-index.js'
import { dossierLabels, roman } from './dossier-labels.js'
import { prepareDossier } from './prepare-dossier.js'
import { assertValidDossier } from '../validate/assert-valid-dossier.js'
import type { PreparedDossier } from './prepare-dossier.js'

/** Where one cable sits in the book. */
export interface CablePlacement {
  /** 0-based index of the page where the cable starts. */
  start: number
  /** Its number of pages. */
  pages: number
  /** A blank page before it, so it starts on a right-hand page. */
  blankBefore: boolean
  /** The title of its outline entry and table of contents line. */
  title: string
  date: string
  /** Its attachments' outline titles and 0-based start pages. */
  attachments: { title: string; start: number }[]
}

/** The page plan of a dossier, known before a page is painted. */
export interface DossierPlan {
  /** Pages before the first cable (cover, introduction, contents, blanks): numbered i, ii, iii… */
  frontPages: number
  introStart: number
  tocStart: number
  toc: TocEntry[][]
  cables: CablePlacement[]
  indexStart: number
  index: IndexLine[][]
  /** Total pages. */
  pages: number
  /** The printed label of page `index` (0-based): `ii` in the front matter, `12` after. */
  label(index: number): string
}

/**
 * Render a dossier as one PDF book: a cover, the introduction, a table of
 * contents whose page numbers are the pages where the cables really start
 * (every cable is laid out before anything is painted), every cable in its
 * own facsimile theme with the dossier's folio in the margin beside its own
 * `n/N`, and an index of tags, places and senders. The PDF has one outline
 * entry per cable and per attachment, page labels (i, ii… then 1, 2…), and
 * contents lines that link to their pages. With `redact`, every cable and the
 * dossier's own texts are redacted on the model first.
 *
 * @returns the PDF's bytes. For large books use {@link toDossierPdfStream}.
 * @example await writeFile('book.pdf', await toDossierPdf({ title: 'Maroc Leaks', cables }, { duplex: true }))
 */
export async function toDossierPdf(dossier: Dossier, options: DossierOptions = {}): Promise<Uint8Array> {
  const chunks: Buffer[] = []
  for await (const chunk of toDossierPdfStream(dossier, options)) chunks.push(chunk as Buffer)
  const buffer = Buffer.concat(chunks)
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}

/**
 * Render a dossier as a PDF stream. Pages flow out as they are painted, and
 * painting waits while the reader is behind, so memory stays bounded: only
 * the page plan (a few numbers per cable) is kept, and each cable is laid out
 * again when its turn comes rather than held.
 *
 * @example toDossierPdfStream(dossier).pipe(createWriteStream('book.pdf'))
 */
export function toDossierPdfStream(dossier: Dossier, options: DossierOptions = {}): Readable {
  assertValidDossier(dossier, options)
  const prepared = prepareDossier(dossier, options)
  const plan = planDossier(prepared, options)
  const doc = createPdfDocument(
    {
      title: prepared.title,
      ...(prepared.editor ? { author: prepared.editor } : {}),
      ...(prepared.subtitle ? { subject: prepared.subtitle } : {}),
      lang: prepared.lang,
      creationDate: prepared.creationDate,
    },
    { tagged: options.tagged === true || options.pdfa === true, pdfa: options.pdfa === true },
  )
  registerChromeFonts(doc)
  const stream = doc as unknown as Readable
  paintDossier(doc, prepared, plan, options).catch((error: unknown) => stream.destroy(error as Error))
  return stream
}

function layoutOptions(theme: ThemeName | ThemeData | undefined, creationDate: Date, finish?: DossierOptions['finish']) {
  return { ...(theme ? { theme } : {}), creationDate, ...(finish ? { finish } : {}) }
}

/** The text laid out as the introduction: a cable with a body only, in the plain theme. */
function introCable(prepared: PreparedDossier): Cable | undefined {
  if (prepared.introduction.length === 0) return undefined
  const title = dossierLabels(prepared.lang).introduction
  return { lang: prepared.lang, subject: title, body: prepared.introduction as Cable['body'], attachments: [] }
}

/**
 * Lay out every cable once to know its page count and where its attachments
 * start; keep only those numbers. The contents' length depends only on its
 * entries, so every page number is settled before painting.
 */
export function planDossier(prepared: PreparedDossier, options: DossierOptions = {}): DossierPlan {
  const duplex = options.duplex === true
  const intro = introCable(prepared)
  const introPages = intro ? layoutCable(intro, { theme: 'sobre', creationDate: prepared.creationDate }).pages.length : 0
  let page = 1
  if (duplex) page++ // the back of the cover
  const introStart = page
  page += introPages
  if (duplex && page % 2 === 1) page++
  const tocStart = page

  const measured = prepared.cables.map(({ cable, theme }) => {
    const laidOut = layoutCable(cable, layoutOptions(theme, prepared.creationDate, options.finish))
    return { pages: laidOut.pages.length, attachmentPages: attachmentStarts(laidOut, cable.attachments.length) }
  })
  const entries = prepared.cables.map(({ cable }, index): TocEntry => ({
    date: cable.date ? formatDate(cable.date, prepared.lang) : '',
    title: tocTitle(cable),
    page: '',
    destination: destinationOf(index),
  }))
  const toc = paginateToc(entries)
  page += toc.length
  if (duplex && page % 2 === 1) page++
  const frontPages = page

  const cables: CablePlacement[] = []
  prepared.cables.forEach(({ cable }, index) => {
    const blankBefore = duplex && (page - frontPages) % 2 === 1
    if (blankBefore) page++
    const start = page
    const { pages, attachmentPages } = measured[index]!
    cables.push({
      start,
      pages,
      blankBefore,
      title: tocTitle(cable),
      date: entries[index]!.date,
      attachments: cable.attachments.map((attachment, i) => ({
        title: [attachment.label, attachment.title].filter(Boolean).join(' : '),
        start: start + (attachmentPages[i] ?? 0),
      })),
    })
    page += pages
  })
  const label = (index: number) => (index < frontPages ? roman(index + 1) : String(index - frontPages + 1))
  entries.forEach((entry, index) => (entry.page = label(cables[index]!.start)))
  if (duplex && (page - frontPages) % 2 === 1) page++
  const indexStart = page
  const index =
    options.index === false
      ? []
      : paginateIndex(
          dossierIndex(
            prepared.cables.map((c) => c.cable),
            cables.map((c) => label(c.start)),
            dossierLabels(prepared.lang),
          ),
        )
  page += index.length
  return { frontPages, introStart, tocStart, toc, cables, indexStart, index, pages: page, label }
}

/** Where each attachment starts, as a page index within its cable, as layout placed it. */
function attachmentStarts(laidOut: LaidOutCable, count: number): number[] {
  return laidOut.attachments.slice(0, count).map((attachment) => attachment.page)
}

function tocTitle(cable: Cable): string {
  const reference = cable.reference ? `N° ${cable.reference}` : cable.id
  return [reference, cable.subject ?? cable.publication?.title].filter(Boolean).join(' — ') || '—'
}

function destinationOf(index: number): string {
  // Names say nothing of the cable: they are written in the file as they are.
  return `cable-${index + 1}`
}

/** Wait until the reader has taken what was written, so a slow disk does not make memory grow. */
async function drain(stream: Readable): Promise<void> {
  while (stream.readableLength > 1 << 20 && !stream.destroyed) await new Promise((resolve) => setTimeout(resolve, 2))
  await new Promise((resolve) => setImmediate(resolve))
}

async function paintDossier(doc: PDFKit.PDFDocument, prepared: PreparedDossier, plan: DossierPlan, options: DossierOptions): Promise<void> {
  const stream = doc as unknown as Readable
  const labels = dossierLabels(prepared.lang)
  let current = -1
  let folio: { width: number; height: number } | undefined
  // pdfkit flushes a page when the next one is added, so the dossier's folio is drawn as each page opens.
  doc.on('pageAdded', () => {
    current++
    if (folio) drawDossierFolio(doc, plan.label(current), folio.width, folio.height, (current - plan.frontPages) % 2 === 0)
    else if (current > 0 && current < plan.frontPages && current >= plan.tocStart) drawFrontFolio(doc, plan.label(current))
  })
  const addPage = (size: { width: number; height: number } = PAGE) => doc.addPage({ size: [size.width, size.height], margin: 0 })
  const padTo = (index: number) => {
    while (current + 1 < index) addPage()
  }

  addPage()
  drawCover(
    doc,
    {
      title: prepared.title,
      ...(prepared.subtitle ? { subtitle: prepared.subtitle } : {}),
      ...(prepared.editor ? { editor: prepared.editor } : {}),
      ...(prepared.date ? { date: prepared.date } : {}),
      lang: prepared.lang,
      count: prepared.cables.length,
    },
    labels,
  )
  const intro = introCable(prepared)
  if (intro) {
    padTo(plan.introStart)
    const introPages = layoutCable(intro, { theme: 'sobre', creationDate: prepared.creationDate })
    paintCable(doc, introPages, { folio: (index) => roman(plan.introStart + index + 1) })
  }
  padTo(plan.tocStart)
  plan.toc.forEach((entries, index) => {
    addPage()
    drawTocPage(doc, entries, index === 0, labels)
  })
  await drain(stream)

  const total = prepared.cables.length
  for (const [index, { cable, theme }] of prepared.cables.entries()) {
    const placement = plan.cables[index]!
    padTo(placement.start)
    const laidOut = layoutCable(cable, layoutOptions(theme, prepared.creationDate, options.finish))
    if (laidOut.pages.length !== placement.pages) {
      throw new Error(
        `@cablekit/render: cable ${index + 1} laid out to ${laidOut.pages.length} pages, not the ${placement.pages} planned; the contents would be wrong`,
      )
    }
    folio = { width: laidOut.width, height: laidOut.height }
    paintCable(doc, laidOut, { destination: destinationOf(index), tagged: options.tagged === true || options.pdfa === true })
    folio = undefined
    options.onProgress?.(index + 1, total)
    await drain(stream)
  }

  padTo(plan.indexStart)
  plan.index.forEach((lines, index) => {
    addPage()
    folio = undefined
    drawIndexPage(doc, lines, index === 0, labels)
    drawDossierFolio(doc, plan.label(current), PAGE.width, PAGE.height, (current - plan.frontPages) % 2 === 0)
  })

  // One outline entry per cable, and one under it per attachment.
  for (const placement of plan.cables) {
    const item = doc.outline.addItem(placement.date ? `${placement.date} — ${placement.title}` : placement.title, { pageNumber: placement.start } as {
      expanded?: boolean
    })
    for (const attachment of placement.attachments) item.addItem(attachment.title, { pageNumber: attachment.start } as { expanded?: boolean })
  }
  setPageLabels(doc, plan.frontPages)
  doc.end()
}

/** Page labels: i, ii, iii… for the front matter, then 1, 2, 3… from the first cable, as printed. */
function setPageLabels(doc: PDFKit.PDFDocument, frontPages: number): void {
  const internals = doc as unknown as { _root: { data: Record<string, unknown> }; ref(data: unknown): { end(): void } }
  const nums: unknown[] = [0, { S: 'r' }]
  nums.push(frontPages, { S: 'D', St: 1 })
  const labels = internals.ref({ Nums: nums })
  labels.end()
  internals._root.data['PageLabels'] = labels
}
