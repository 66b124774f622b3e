import type { Box, GroupBox, LinkBox, RectBox, RedactionBox, RuleBox, TextBox } from '../layout/laid-out.js'
import { writeRuns } from './glyph-writer.js'
import type { PdfDocumentInternals } from './glyph-writer.js'

/** A pdfkit document as the painter uses it. */
export type PaintDocument = PDFKit.PDFDocument & PdfDocumentInternals

/** What painters share while drawing one page. */
export interface PaintState {
  doc: PaintDocument
  /** Called around each text box, for tagging. */
  text?: (box: TextBox, draw: () => void) => void
  /** Extra rotation and opacity for stamps (the scanned finish). */
  stampInk?: { rotate: number; opacity: number }
}

type Painters = { [K in Box['type']]: (box: Extract<Box, { type: K }>, state: PaintState) => void }

/**
 * The painter: one function per box type, looked up by `box.type`. Adding a
 * box type means adding a line here and its interface in `laid-out.ts`.
 */
export const paint: Painters = {
  text(box: TextBox, state) {
    const draw = () => writeRuns(state.doc, box.runs, box.x, box.y)
    if (state.text) state.text(box, draw)
    else draw()
  },
  rect(box: RectBox, { doc }) {
    doc.save()
    doc.rect(box.x, box.y, box.width, box.height)
    if (box.fill && box.stroke) doc.lineWidth(box.lineWidth ?? 1).fillAndStroke(box.fill, box.stroke)
    else if (box.fill) doc.fill(box.fill)
    else doc.lineWidth(box.lineWidth ?? 1).stroke(box.stroke ?? '#000000')
    doc.restore()
  },
  rule(box: RuleBox, { doc }) {
    doc.save()
    doc.moveTo(box.x1, box.y1).lineTo(box.x2, box.y2).lineWidth(box.lineWidth).stroke(box.color)
    doc.restore()
  },
  link(box: LinkBox, { doc }) {
    // The URL passed `safeLink`: http, https or mailto only.
    doc.link(box.x, box.y, box.width, box.height, box.url)
  },
  redaction(box: RedactionBox, state) {
    const { doc } = state
    doc.save()
    doc.rect(box.x, box.y, box.width, box.height).fill(box.color)
    doc.restore()
    for (const label of box.labels) paint.text(label, state)
  },
  group(box: GroupBox, state) {
    const { doc } = state
    const ink = state.stampInk
    const rotate = box.rotate + (ink?.rotate ?? 0)
    const opacity = ink ? ink.opacity * (box.opacity ?? 1) : box.opacity
    doc.save()
    if (rotate !== 0) {
      const bounds = boundsOf(box.boxes)
      doc.rotate(rotate, { origin: [bounds.x, bounds.y] })
    }
    if (opacity !== undefined && opacity < 1) doc.opacity(opacity)
    for (const child of box.boxes) paintBox(child, state)
    doc.restore()
  },
}

/** Paint one box with the painter of its type. */
export function paintBox(box: Box, state: PaintState): void {
  ;(paint[box.type] as (box: Box, state: PaintState) => void)(box, state)
}

function boundsOf(boxes: readonly Box[]): { x: number; y: number } {
  let x = Infinity
  let y = Infinity
  for (const box of boxes) {
    if (box.type === 'rect' || box.type === 'link' || box.type === 'redaction') {
      x = Math.min(x, box.x)
      y = Math.min(y, box.y)
    }
  }
  return { x: Number.isFinite(x) ? x : 0, y: Number.isFinite(y) ? y : 0 }
}
