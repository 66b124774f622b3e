import type { Table, TableCell } from 'mdast'
import { collectInlines } from './collect-inlines.js'
import type { Box, Group, Row } from './laid-out.js'
import type { LayoutKit } from './layout-kit.js'
import { translateBox } from './translate-box.js'

const PADDING = 4

/**
 * Lay out a GFM table as slices: slice i of a table row holds line i of every
 * cell, so a cell taller than a page continues on the next one line by line
 * (pdfkit's own `table` cuts it). Column widths follow the cells' natural
 * widths, squeezed in proportion when the table is wider than the frame.
 */
export function layoutTable(table: Table, kit: LayoutKit, x: number, width: number): Group {
  const columns = Math.max(1, ...table.children.map((row) => row.children.length))
  const style = kit.style({ size: kit.theme.sizes.body * 0.92 })
  const natural = new Array<number>(columns).fill(0)
  const cellSpans = table.children.map((row, rowIndex) =>
    row.children.map((cell: TableCell) => collectInlines(cell.children, rowIndex === 0 ? { ...style, bold: true } : style, kit.inline)),
  )
  cellSpans.forEach((row, rowIndex) => {
    row.forEach((spans, column) => {
      const text = spans.map((span) => (span.kind === 'text' ? span.text : ' ')).join('')
      const measured = kit.measure(text, rowIndex === 0 ? { ...style, bold: true } : style)
      natural[column] = Math.max(natural[column]!, Math.min(measured, width) + PADDING * 2 + 2)
    })
  })
  const total = natural.reduce((sum, value) => sum + value, 0)
  const minimum = Math.min(36, width / columns)
  let widths = natural.map((value) => Math.max(minimum, total > width ? (value / total) * width : value))
  const sum = widths.reduce((a, b) => a + b, 0)
  widths = widths.map((value) => (value / sum) * Math.min(width, Math.max(sum, total)))
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
