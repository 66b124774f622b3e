import type { Table, TableCell } from 'mdast'
import { collectInlines } from './collect-inlines.js'
import type { Box, Group, Row } from './laid-out.js'
import type { LayoutKit } from './layout-kit.js'
import { makeAtoms } from './make-atoms.js'
import { translateBox } from './translate-box.js'

const PADDING = 4

/**
 * Lay out a GFM table as slices: slice i of a table row holds line i of every
 * cell, so a cell taller than a page continues on the next one line by line
 * (pdfkit's own `table` cuts it). Column widths follow the cells' natural
 * widths; a table wider than the frame keeps each column's widest word and
 * shares the rest of the room in proportion (see `columnWidths`).
 */
export function layoutTable(table: Table, kit: LayoutKit, x: number, width: number): Group {
  const columns = Math.max(1, ...table.children.map((row) => row.children.length))
  const style = kit.style({ size: kit.theme.sizes.body * 0.92 })
  const natural = new Array<number>(columns).fill(0)
  /** The narrowest each column can be: its widest word, or a short bar (a bar can wrap its reason). */
  const least = new Array<number>(columns).fill(0)
  const cellSpans = table.children.map((row, rowIndex) =>
    row.children.map((cell: TableCell) => collectInlines(cell.children, rowIndex === 0 ? { ...style, bold: true } : style, kit.inline)),
  )
  cellSpans.forEach((row) => {
    row.forEach((spans, column) => {
      // Measured as set, redaction bars included, so a column asks for the width its bars need.
      const atoms = makeAtoms(spans, kit.theme, Infinity)
      const measured = atoms.reduce((sum, atom, index) => sum + atom.width + (index + 1 < atoms.length ? atom.space : 0), 0)
      const widest = Math.max(0, ...atoms.map((atom) => (atom.redaction ? Math.min(atom.width, atom.redaction.style.size * 4) : atom.width)))
      natural[column] = Math.max(natural[column]!, Math.min(measured, width) + PADDING * 2 + 2)
      least[column] = Math.max(least[column]!, Math.min(widest, width) + PADDING * 2 + 2)
    })
  })
  const widths = columnWidths(natural, least, width)
  const edges = [x]
  for (const value of widths) edges.push(edges[edges.length - 1]! + value)
  const right = edges[edges.length - 1]!
  const rule = kit.theme.colors.rule
  const rows: Row[] = []
  cellSpans.forEach((cells, rowIndex) => {
    const align = table.align ?? []
    const lines = widths.map((columnWidth, column) =>
      kit.paragraph(cells[column] ?? [], {
        x: edges[column]! + PADDING,
        width: columnWidth - PADDING * 2,
        align: align[column] === 'right' ? 'right' : align[column] === 'center' ? 'center' : 'left',
        style: rowIndex === 0 ? { ...style, bold: true } : style,
        gap: 1,
      }),
    )
    const count = Math.max(1, ...lines.map((cell) => cell.length))
    for (let index = 0; index < count; index++) {
      const first = index === 0
      const last = index === count - 1
      const top = first ? PADDING : 0
      const bottom = last ? PADDING : 0
      const height = Math.max(...lines.map((cell) => cell[index]?.height ?? 0), style.size) + top + bottom
      const boxes: Box[] = []
      if (rowIndex === 0) boxes.push({ type: 'rect', x, y: 0, width: right - x, height, fill: '#eeeeee' })
      for (const cell of lines) for (const box of cell[index]?.boxes ?? []) boxes.push(translateBox(box, 0, top))
      for (const edge of edges) boxes.push({ type: 'rule', x1: edge, y1: 0, x2: edge, y2: height, color: rule, lineWidth: 0.5 })
      if (first) boxes.push({ type: 'rule', x1: x, y1: 0, x2: right, y2: 0, color: rule, lineWidth: 0.5 })
      if (last) boxes.push({ type: 'rule', x1: x, y1: height, x2: right, y2: height, color: rule, lineWidth: 0.5 })
      rows.push({ height, boxes })
    }
  })
  return { rows, spaceBefore: 4, spaceAfter: kit.theme.sizes.paragraphGap + 2, minSplit: 1, role: 'Table' }
}

/**
 * Share `width` between columns as browsers do for automatic tables: natural
 * widths when they fit; else each column keeps its narrowest (its widest word,
 * at least 36 pt) and the rest of the room goes in proportion to what each
 * wanted beyond it, so one long cell does not squeeze short words into pieces.
 */
function columnWidths(natural: readonly number[], least: readonly number[], width: number): number[] {
  const columns = natural.length
  const floor = least.map((value, column) => Math.min(natural[column]!, Math.max(value, Math.min(36, width / columns))))
  const wanted = natural.map((value, column) => Math.max(value, floor[column]!))
  const total = wanted.reduce((sum, value) => sum + value, 0)
  if (total <= width) return wanted
  const floors = floor.reduce((sum, value) => sum + value, 0)
  if (floors >= width) return floor.map((value) => (value / floors) * width)
  const share = (width - floors) / (total - floors)
  return wanted.map((value, column) => floor[column]! + (value - floor[column]!) * share)
}
