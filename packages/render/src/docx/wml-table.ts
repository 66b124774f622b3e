/** One border edge: `single` lines of `size` eighths of a point, or none. */
export interface BorderEdge {
  style: 'single' | 'none' | 'nil'
  size: number
  color: string
}

/** A table cell: its width in twips, optional shading and borders, and its block content as XML. */
export interface TableCellSpec {
  width: number
  /** Background colour (`EEEEEE`). */
  fill?: string
  /** The same border on all four edges of the cell. */
  borders?: BorderEdge
  /** Block XML; a cell must end with a paragraph, so an empty one is added when it does not. */
  content: string
}

/** A table row and whether it repeats as a header row on each page (left unsaid when undefined). */
export interface TableRowSpec {
  header?: boolean
  cells: readonly TableCellSpec[]
}

/** A table: column widths in twips, borders, cell margins and rows. */
export interface TableSpec {
  columnWidths: readonly number[]
  /** The same border on every edge and inside line. */
  borders: BorderEdge
  /** Zero cell margins (layout tables that must line up with the text column). */
  zeroMargins?: boolean
  rows: readonly TableRowSpec[]
}

function edge(name: string, border: BorderEdge): string {
  return `<w:${name} w:val="${border.style}" w:color="${border.color}" w:sz="${border.size}"/>`
}

const EMPTY_PARAGRAPH = '<w:p/>'

/**
 * A table (`w:tbl`) with a fixed grid, as Word writes one: width, borders,
 * grid, then rows of cells.
 *
 * @example tableXml({ columnWidths: [4000, 5000], borders: { style: 'none', size: 0, color: 'auto' }, rows: [...] })
 */
export function tableXml(spec: TableSpec): string {
  const width = spec.columnWidths.reduce((sum, w) => sum + w, 0)
  let xml = `<w:tbl><w:tblPr><w:tblW w:type="dxa" w:w="${width}"/><w:tblBorders>`
  for (const name of ['top', 'left', 'bottom', 'right', 'insideH', 'insideV']) xml += edge(name, spec.borders)
  xml += '</w:tblBorders>'
  if (spec.zeroMargins)
    xml +=
      '<w:tblCellMar><w:top w:type="dxa" w:w="0"/><w:left w:type="dxa" w:w="0"/><w:bottom w:type="dxa" w:w="0"/><w:right w:type="dxa" w:w="0"/></w:tblCellMar>'
  xml += '</w:tblPr><w:tblGrid>'
  for (const column of spec.columnWidths) xml += `<w:gridCol w:w="${column}"/>`
  xml += '</w:tblGrid>'
  for (const row of spec.rows) {
    xml += row.header === undefined ? '<w:tr>' : `<w:tr><w:trPr>${row.header ? '<w:tblHeader/>' : '<w:tblHeader w:val="off"/>'}</w:trPr>`
    for (const cell of row.cells) {
      xml += `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${cell.width}"/>`
      if (cell.borders) xml += `<w:tcBorders>${['top', 'left', 'bottom', 'right'].map((name) => edge(name, cell.borders!)).join('')}</w:tcBorders>`
      if (cell.fill) xml += `<w:shd w:fill="${cell.fill}" w:val="clear"/>`
      xml += `</w:tcPr>${cell.content.endsWith('</w:p>') || cell.content.endsWith('<w:p/>') ? cell.content : cell.content + EMPTY_PARAGRAPH}</w:tc>`
    }
    xml += '</w:tr>'
  }
  return `${xml}</w:tbl>`
}
