import type { Readable } from 'node:stream'
import { layoutCable } from '../layout/layout-cable.js'
import { paintCable } from '../pdf/paint-cable.js'
import type { DossierOptions } from './dossier.js'
import { drawCover, drawDossierFolio, drawFrontFolio, drawIndexPage, drawTocPage, PAGE } from './dossier-chrome.js'
import { dossierLabels, roman } from './dossier-labels.js'
import { cableLayoutOptions, destinationOf, DossierPlacer, layoutIntroduction, planFrontMatter } from './plan-dossier.js'
import type { PreparedDossier } from './prepare-dossier.js'

/** The parts of pdfkit's document this painter reaches beyond its public types. */
interface DocumentInternals {
  _root: { data: Record<string, unknown> & { Pages: { data: { Kids: { data: Record<string, unknown> }[] } } } }
  ref(data: unknown): { end(): void }
}

/** Bytes written and not yet read after which painting waits: a slow disk must not make memory grow. */
const BEHIND = 1 << 20

/** Wait until the reader has taken what was written. */
async function drain(stream: Readable): Promise<void> {
  while (stream.readableLength > BEHIND && !stream.destroyed) await new Promise((resolve) => setTimeout(resolve, 2))
  await new Promise((resolve) => setImmediate(resolve))
}

/**
 * Paint a prepared dossier into `doc`, streaming: each cable is laid out
 * once, painted, and let go, so memory does not grow with the book; pdfkit
 * writes each page out when the next one opens.
 *
 * The contents come before the cables but need their pages, which are only
 * known once they are laid out. Their length is known from their texts,
 * though, so their pages are left out of the sequence, the cables are
 * painted at their true pages, and the contents are painted last and moved
 * to their place in the page tree (a PDF's page order is its page tree's,
 * not the order of the objects in the file).
 *
 * `prepared.cables` is emptied as the cables are painted: a prepared book is painted once.
 */
export async function paintDossier(doc: PDFKit.PDFDocument, prepared: PreparedDossier, options: DossierOptions): Promise<void> {
  const stream = doc as unknown as Readable
  const internals = doc as unknown as DocumentInternals
  const labels = dossierLabels(prepared.lang)
  const introduction = layoutIntroduction(prepared)
  const front = planFrontMatter(prepared, introduction?.pages.length ?? 0, options, doc)
  const placer = new DossierPlacer(front, options.duplex === true)
  const tagged = options.tagged === true || options.pdfa === true

  // The page the next `addPage` opens, in the book's order; pdfkit's own counter is the order of painting.
  let next = 0
  let cablePage: { width: number; height: number } | undefined
  // Pages written out whose dictionaries were let go of their contents and resources.
  let written = 0
  // paintCable adds its own pages: the dossier's folios are drawn as each page opens.
  doc.on('pageAdded', () => {
    const index = next++
    // Every page before this one is written (pdfkit ends a page as the next opens), but pdfkit keeps each
    // page's dictionary, with its resources and contents, for the page tree: only its reference and size are
    // read again (the page tree, destinations and the outline), so the rest goes, and memory stays flat.
    const kids = internals._root.data.Pages.data.Kids
    for (; written < kids.length - 1; written++) {
      const data = kids[written]!.data
      delete data['Contents']
      delete data['Resources']
    }
    if (cablePage) drawDossierFolio(doc, placer.label(index), cablePage.width, cablePage.height, (index - front.frontPages) % 2 === 0)
    else if (index >= front.tocStart && index < front.frontPages) drawFrontFolio(doc, placer.label(index))
  })
  const addPage = () => doc.addPage({ size: [PAGE.width, PAGE.height], margin: 0 })
  const padTo = (index: number) => {
    while (next < index) addPage()
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
  if (introduction) {
    padTo(front.introStart)
    paintCable(doc, introduction, { folio: (index) => roman(front.introStart + index + 1) })
  }
  padTo(front.tocStart)
  const painted = internals._root.data.Pages.data.Kids.length
  next = front.frontPages
  await drain(stream)

  const total = prepared.cables.length
  // Each prepared (redacted) cable is let go once painted: the contents and index already have what they need of it.
  const pending: (PreparedDossier['cables'][number] | undefined)[] = prepared.cables
  for (let index = 0; index < total; index++) {
    const { cable, theme } = pending[index]!
    pending[index] = undefined
    const laidOut = layoutCable(cable, cableLayoutOptions(theme, prepared.creationDate, options.finish))
    const placement = placer.place(cable, laidOut)
    padTo(placement.start)
    cablePage = { width: laidOut.width, height: laidOut.height }
    paintCable(doc, laidOut, { destination: destinationOf(index), tagged })
    cablePage = undefined
    options.onProgress?.(index + 1, total)
    await drain(stream)
  }

  const { indexStart, index, pages } = placer.index(prepared, options, doc)
  padTo(indexStart)
  index.forEach((rows, page) => {
    addPage()
    drawIndexPage(doc, rows, page === 0, labels)
    drawDossierFolio(doc, placer.label(next - 1), PAGE.width, PAGE.height, (next - 1 - front.frontPages) % 2 === 0)
  })

  // The contents, now that every number in them is known, then moved to their place in the page tree.
  next = front.tocStart
  front.toc.forEach((entries, page) => {
    addPage()
    drawTocPage(doc, entries, page === 0, labels)
  })
  padTo(front.frontPages)
  const kids = internals._root.data.Pages.data.Kids
  kids.splice(painted, 0, ...kids.splice(kids.length - (front.frontPages - front.tocStart)))
  if (kids.length !== pages) throw new Error(`@cablekit/render: the book has ${kids.length} pages, not the ${pages} planned; its contents would be wrong`)

  // One outline entry per cable, and one under it per attachment (after the move: `pageNumber` is read in the page tree).
  for (const placement of placer.cables) {
    const item = doc.outline.addItem(placement.date ? `${placement.date} — ${placement.title}` : placement.title, { pageNumber: placement.start } as {
      expanded?: boolean
    })
    for (const attachment of placement.attachments) item.addItem(attachment.title, { pageNumber: attachment.start } as { expanded?: boolean })
  }
  setPageLabels(internals, front.frontPages)
  doc.end()
}

/** Page labels: i, ii, iii… for the front matter, then 1, 2, 3… from the first cable, as printed. */
function setPageLabels(internals: DocumentInternals, frontPages: number): void {
  const labels = internals.ref({ Nums: [0, { S: 'r' }, frontPages, { S: 'D', St: 1 }] })
  labels.end()
  internals._root.data['PageLabels'] = labels
}
