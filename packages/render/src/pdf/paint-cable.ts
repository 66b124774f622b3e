import type { Box, LaidOutCable, TextBox } from '../layout/laid-out.js'
import { paintBox } from './paint-boxes.js'
import type { PaintDocument, PaintState } from './paint-boxes.js'
import type { PdfDocument } from './pdf-document.js'
import { paintScanBackground } from './scan-finish.js'

/** Options of {@link paintCable}. */
export interface PaintOptions {
  /** Pages of the document before this cable: numbers the folio `pageOffset + n`. */
  pageOffset?: number
  /** Total pages printed in the folio (default: `pageOffset` + this cable's pages). */
  totalPages?: number
  /** The folio of page `index` (0-based within this cable), replacing the theme's `n/N`. */
  folio?: (index: number) => string
  /** A named destination added at the cable's first page (for links from a table of contents). */
  destination?: string
  /** Tag the content (the document must have been created with `tagged: true`). */
  tagged?: boolean
}

interface StructElement {
  add(child: unknown): StructElement
  end(): void
}

type TaggingDocument = Omit<PaintDocument, 'struct' | 'addStructure' | 'markStructureContent' | 'markContent' | 'endMarkedContent'> & {
  struct(type: string, options?: Record<string, unknown>, children?: unknown[]): StructElement
  addStructure(element: StructElement): unknown
  markStructureContent(tag: string, options?: Record<string, unknown>): unknown
  markContent(tag: string, options?: Record<string, unknown> | null): unknown
  endMarkedContent(): unknown
}

/**
 * Paint a laid-out cable into an existing pdfkit document, one new page per
 * laid-out page: content, then the furniture (classification, running header,
 * folio). Many cables can go into one document (a dossier), each numbered
 * from `pageOffset`.
 *
 * @example
 * const doc = createPdfDocument(laidOut.metadata)
 * paintCable(doc, laidOut)
 * doc.end()
 */
export function paintCable(doc: PdfDocument, laidOut: LaidOutCable, options: PaintOptions = {}): void {
  const document = doc as PaintDocument
  const offset = options.pageOffset ?? 0
  const total = options.totalPages ?? offset + laidOut.pages.length
  const tagged = options.tagged === true
  const tagging = document as unknown as TaggingDocument
  const root = tagged ? tagging.struct('Document') : undefined
  if (root) tagging.addStructure(root)
  const elements = new Map<number, StructElement>()
  laidOut.pages.forEach((page, index) => {
    document.addPage({ size: [laidOut.width, laidOut.height], margin: 0 })
    if (index === 0 && options.destination) document.addNamedDestination(options.destination)
    const state: PaintState = { doc: document }
    let rotate = 0
    if (laidOut.finish === 'scan') {
      const scan = paintScanBackground(document, laidOut.width, laidOut.height, laidOut.seed + index * 7919)
      rotate = scan.rotate
      state.stampInk = { rotate: scan.stampRotate, opacity: 0.82 }
    }
    if (root) {
      state.text = (box: TextBox, draw: () => void) => {
        if (box.role === 'Artifact') {
          tagging.markContent('Artifact', { type: 'Pagination' })
          draw()
          tagging.endMarkedContent()
          return
        }
        const role = box.role ?? 'P'
        const key = box.group ?? -1
        let element = key >= 0 ? elements.get(key) : undefined
        if (!element) {
          element = tagging.struct(role)
          root.add(element)
          if (key >= 0) elements.set(key, element)
        }
        const content = tagging.markStructureContent(role)
        draw()
        tagging.endMarkedContent()
        element.add(content)
      }
    }
    document.save()
    if (rotate !== 0) document.rotate(rotate, { origin: [laidOut.width / 2, laidOut.height / 2] })
    for (const box of page.boxes) paintBox(box, state)
    const folio = options.folio ? options.folio(index) : laidOut.folio(offset + index + 1, total)
    const furniture: Box[] = options.folio || offset > 0 || options.totalPages !== undefined ? laidOut.furnitureFor(index, folio) : page.furniture
    const furnitureState: PaintState = root ? { ...state, text: (box, draw) => state.text!({ ...box, role: 'Artifact' }, draw) } : state
    for (const box of furniture) paintBox(box, furnitureState)
    document.restore()
  })
}
