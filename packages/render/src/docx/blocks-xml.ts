import type { BlockContent, List, ListItem, PhrasingContent, RootContent, Table as MdTable } from 'mdast'
import { inlinesXml, redactionRunXml, textRunsXml } from './inline-xml.js'
import { clampListLevel, listLevelIndent } from './list-numbering.js'
import { sanitizeXmlText } from './sanitize-xml.js'
import { STYLE } from './styles.js'
import { hexColor } from './themes.js'
import { textContent } from './text-content.js'
import { paragraphXml } from './wml-paragraph.js'
import type { ParagraphProps } from './wml-paragraph.js'
import { runXml } from './wml-run.js'
import { tableXml } from './wml-table.js'
import type { BorderEdge, TableCellSpec } from './wml-table.js'
import type { XmlContext } from './xml-context.js'

/** Where a block sits: the paragraph style it takes and the list level it is in. */
export interface BlockState {
  /** Paragraph style of plain paragraphs (Cable Body, Cable Quote, Cable Footnote Text…). */
  style: string
  /** Current list level, -1 outside lists. */
  listLevel: number
  /** Nesting depth of containers, to flatten absurdly deep trees instead of overflowing the stack. */
  depth: number
}

const MAX_BLOCK_DEPTH = 48

/** The initial state: body paragraphs, outside any list. */
export const BODY_XML: BlockState = { style: STYLE.body, listLevel: -1, depth: 0 }

/**
 * WordprocessingML of mdast block content: one string per paragraph or
 * table, so that a section's last paragraph can take the section properties.
 */
export function blocksXml(ctx: XmlContext, nodes: readonly RootContent[], state: BlockState = BODY_XML, out: string[] = []): string[] {
  for (const node of nodes) block(ctx, node, state, out)
  return out
}

// A paragraph inside a list item after the first lines up with the item's text.
function plain(state: BlockState): ParagraphProps {
  return state.listLevel >= 0 ? { style: state.style, indent: { left: listLevelIndent(state.listLevel), firstLine: 0 } } : { style: state.style }
}

function block(ctx: XmlContext, node: RootContent, state: BlockState, out: string[]): void {
  if (state.depth > MAX_BLOCK_DEPTH) {
    out.push(paragraphXml({ style: state.style }, textRunsXml(ctx, textContent(node))))
    return
  }
  switch (node.type) {
    case 'paragraph':
      out.push(paragraphXml(plain(state), inlinesXml(ctx, node.children)))
      return
    case 'heading': {
      const style = node.depth <= 1 ? STYLE.heading1 : node.depth === 2 ? STYLE.heading2 : STYLE.heading3
      out.push(paragraphXml({ style }, inlinesXml(ctx, node.children)))
      return
    }
    case 'list':
      list(ctx, node, state, out)
      return
    case 'blockquote':
      blocksXml(ctx, node.children, { ...state, style: STYLE.quote, depth: state.depth + 1 }, out)
      return
    case 'code':
      for (const line of sanitizeXmlText(node.value).split(/\r\n?|\n/)) out.push(paragraphXml({ style: STYLE.code }, line === '' ? '' : runXml(line)))
      return
    case 'thematicBreak':
      out.push(paragraphXml({ style: STYLE.rule }))
      return
    case 'table':
      if (node.children.length > 0) out.push(table(ctx, node))
      return
    case 'redaction':
      out.push(paragraphXml({ style: state.style }, redactionRunXml(ctx, node.reason)))
      return
    case 'footnoteDefinition':
    case 'definition':
    case 'yaml':
      // Footnotes are written where they are cited; link definitions print nothing.
      return
    case 'html':
      out.push(paragraphXml({ style: state.style }, textRunsXml(ctx, node.value)))
      return
    default:
      break
  }
  const loose = node as { type: string; children?: unknown[] }
  if (loose.type === 'containerDirective' && Array.isArray(loose.children)) {
    blocksXml(ctx, loose.children as RootContent[], { ...state, depth: state.depth + 1 }, out)
    return
  }
  if (loose.type === 'leafDirective' && Array.isArray(loose.children)) {
    out.push(paragraphXml(plain(state), inlinesXml(ctx, loose.children)))
    return
  }
  // Phrasing content at block level (a hand-built model) or an unknown node: write its text.
  out.push(paragraphXml({ style: state.style }, inlinesXml(ctx, [node])))
}

function list(ctx: XmlContext, node: List, state: BlockState, out: string[]): void {
  const level = clampListLevel(state.listLevel + 1)
  // Each numbered list is an instance of its own, so it counts from its start again.
  const numId = node.ordered ? ctx.numbering.ordered(node.start ?? 1) : ctx.numbering.bullet()
  const inner: BlockState = { style: STYLE.listItem, listLevel: level, depth: state.depth + 1 }
  for (const item of node.children) {
    const children = item.children as BlockContent[]
    const first = children[0]
    const rest = first?.type === 'paragraph' ? children.slice(1) : children
    const lead: PhrasingContent[] = first?.type === 'paragraph' ? [...first.children] : []
    const check = taskMark(item)
    if (check) lead.unshift({ type: 'text', value: check })
    out.push(paragraphXml({ style: STYLE.listItem, numbering: { numId, level } }, inlinesXml(ctx, lead)))
    blocksXml(ctx, rest, inner, out)
  }
}

function taskMark(item: ListItem): string | undefined {
  if (item.checked === true) return '[x] '
  if (item.checked === false) return '[ ] '
  return undefined
}

const CELL_BORDER: BorderEdge = { style: 'single', size: 4, color: '888888' }
const HEADER_FILL = hexColor('#eeeeee')

function table(ctx: XmlContext, node: MdTable): string {
  const columns = Math.max(1, ...node.children.map((row) => row.children.length))
  const width = Math.floor(ctx.textWidth / columns)
  const aligns = node.align ?? []
  const rows = node.children.map((row, rowIndex) => {
    const cells: TableCellSpec[] = []
    for (let column = 0; column < columns; column++) {
      const cell = row.children[column]
      const align = aligns[column]
      const content = paragraphXml(
        { style: STYLE.tableText, alignment: align === 'center' ? 'center' : align === 'right' ? 'right' : 'left' },
        cell ? inlinesXml(ctx, cell.children, rowIndex === 0 ? { bold: true } : {}) : '',
      )
      cells.push({ width, content, ...(rowIndex === 0 ? { fill: HEADER_FILL } : {}) })
    }
    return { header: rowIndex === 0, cells }
  })
  return tableXml({ columnWidths: Array.from({ length: columns }, () => width), borders: CELL_BORDER, rows })
}
