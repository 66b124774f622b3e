import { AlignmentType, BorderStyle, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx'
import type { FileChild } from 'docx'
import type { BlockContent, List, ListItem, PhrasingContent, RootContent, Table as MdTable } from 'mdast'
import type { WriteContext } from './context.js'
import { inlines, redactionRun, textRuns } from './inline.js'
import { BULLET_LIST, clampListLevel, orderedListStartingAt } from './numbering.js'
import { sanitizeXmlText } from './sanitize-xml.js'
import { STYLE } from './styles.js'
import { hexColor } from './themes.js'
import { textContent } from './text-content.js'

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
export const BODY: BlockState = { style: STYLE.body, listLevel: -1, depth: 0 }

/** DOCX paragraphs and tables for mdast block content. */
export function blocks(ctx: WriteContext, nodes: readonly RootContent[], state: BlockState = BODY): FileChild[] {
  const out: FileChild[] = []
  for (const node of nodes) block(ctx, node, state, out)
  return out
}

function paragraphOf(ctx: WriteContext, children: readonly PhrasingContent[] | readonly unknown[], state: BlockState): Paragraph {
  return new Paragraph({ style: state.style, children: inlines(ctx, children), ...listIndent(state) })
}

// A paragraph inside a list item after the first lines up with the item's text.
function listIndent(state: BlockState) {
  return state.listLevel >= 0 ? { indent: { left: 360 * (state.listLevel + 1) + 80, firstLine: 0 } } : {}
}

function block(ctx: WriteContext, node: RootContent, state: BlockState, out: FileChild[]): void {
  if (state.depth > MAX_BLOCK_DEPTH) {
    out.push(new Paragraph({ style: state.style, children: textRuns(ctx, textContent(node)) }))
    return
  }
  switch (node.type) {
    case 'paragraph':
      out.push(paragraphOf(ctx, node.children, state))
      return
    case 'heading': {
      const style = node.depth <= 1 ? STYLE.heading1 : node.depth === 2 ? STYLE.heading2 : STYLE.heading3
      out.push(new Paragraph({ style, children: inlines(ctx, node.children) }))
      return
    }
    case 'list':
      list(ctx, node, state, out)
      return
    case 'blockquote':
      out.push(...blocks(ctx, node.children, { ...state, style: STYLE.quote, depth: state.depth + 1 }))
      return
    case 'code':
      for (const line of sanitizeXmlText(node.value).split(/\r\n?|\n/)) {
        out.push(new Paragraph({ style: STYLE.code, children: line === '' ? [] : [new TextRun({ text: line })] }))
      }
      return
    case 'thematicBreak':
      out.push(new Paragraph({ style: STYLE.rule, children: [] }))
      return
    case 'table':
      if (node.children.length > 0) out.push(table(ctx, node))
      return
    case 'redaction':
      out.push(new Paragraph({ style: state.style, children: [redactionRun(ctx, node.reason)] }))
      return
    case 'footnoteDefinition':
    case 'definition':
    case 'yaml':
      // Footnotes are written where they are cited; link definitions print nothing.
      return
    case 'html':
      out.push(new Paragraph({ style: state.style, children: textRuns(ctx, node.value) }))
      return
    default:
      break
  }
  const loose = node as { type: string; name?: string; children?: unknown[] }
  if (loose.type === 'containerDirective' && Array.isArray(loose.children)) {
    out.push(...blocks(ctx, loose.children as RootContent[], { ...state, depth: state.depth + 1 }))
    return
  }
  if (loose.type === 'leafDirective' && Array.isArray(loose.children)) {
    out.push(paragraphOf(ctx, loose.children, state))
    return
  }
  // Phrasing content at block level (a hand-built model) or an unknown node: write its text.
  out.push(new Paragraph({ style: state.style, children: inlines(ctx, [node]) }))
}

function list(ctx: WriteContext, node: List, state: BlockState, out: FileChild[]): void {
  const level = clampListLevel(state.listLevel + 1)
  const reference = node.ordered ? orderedListStartingAt(node.start ?? 1) : BULLET_LIST
  // Each numbered list is an instance of its own, so it counts from its start again.
  const instance = node.ordered ? ++ctx.listInstance : undefined
  const inner: BlockState = { style: STYLE.listItem, listLevel: level, depth: state.depth + 1 }
  for (const item of node.children) {
    const children = item.children as BlockContent[]
    const first = children[0]
    const rest = first?.type === 'paragraph' ? children.slice(1) : children
    const lead: PhrasingContent[] = first?.type === 'paragraph' ? [...first.children] : []
    const check = taskMark(item)
    if (check) lead.unshift({ type: 'text', value: check })
    out.push(
      new Paragraph({
        style: STYLE.listItem,
        numbering: { reference, level, ...(instance !== undefined ? { instance } : {}) },
        children: inlines(ctx, lead),
      }),
    )
    out.push(...blocks(ctx, rest, inner))
  }
}

function taskMark(item: ListItem): string | undefined {
  if (item.checked === true) return '[x] '
  if (item.checked === false) return '[ ] '
  return undefined
}

const CELL_BORDER = { style: BorderStyle.SINGLE, size: 4, color: '888888' }

function table(ctx: WriteContext, node: MdTable): Table {
  const columns = Math.max(1, ...node.children.map((row) => row.children.length))
  const width = Math.floor(ctx.textWidth / columns)
  const aligns = node.align ?? []
  const rows = node.children.map((row, rowIndex) => {
    const cells: TableCell[] = []
    for (let column = 0; column < columns; column++) {
      const cell = row.children[column]
      const align = aligns[column]
      cells.push(
        new TableCell({
          width: { size: width, type: WidthType.DXA },
          ...(rowIndex === 0 ? { shading: { fill: hexColor('#eeeeee') } } : {}),
          children: [
            new Paragraph({
              style: STYLE.tableText,
              alignment: align === 'center' ? AlignmentType.CENTER : align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
              children: cell ? inlines(ctx, cell.children, rowIndex === 0 ? { bold: true } : {}) : [],
            }),
          ],
        }),
      )
    }
    return new TableRow({ children: cells, tableHeader: rowIndex === 0 })
  })
  return new Table({
    rows,
    width: { size: width * columns, type: WidthType.DXA },
    columnWidths: Array.from({ length: columns }, () => width),
    borders: { top: CELL_BORDER, bottom: CELL_BORDER, left: CELL_BORDER, right: CELL_BORDER, insideHorizontal: CELL_BORDER, insideVertical: CELL_BORDER },
  })
}
