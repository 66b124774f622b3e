import type { List, ListItem, RootContent, Table } from 'mdast'
import { collectInlines, textOf } from './collect-inlines.js'
import type { Span } from './collect-inlines.js'
import type { Box, Group, Row } from './laid-out.js'
import type { LayoutKit } from './layout-kit.js'
import { layoutTable } from './layout-table.js'
import { translateBox } from './translate-box.js'

/** Where blocks are set: the column and the nesting depth of lists. */
export interface BlockFrame {
  x: number
  width: number
  listDepth: number
  /** Rows of a footnote by identifier (attached to the row that calls it). */
  footnoteRows: (identifier: string) => Row[] | undefined
}

type AnyNode = RootContent & { children?: RootContent[] }

const LIST_INDENT = 20

/**
 * Lay out body blocks as groups of rows, one handler per mdast block type;
 * an unknown type prints its text content as a paragraph, never throws.
 */
export function layoutBlocks(nodes: readonly RootContent[], kit: LayoutKit, frame: BlockFrame): Group[] {
  const groups: Group[] = []
  for (const node of nodes) groups.push(...layoutBlock(node as AnyNode, kit, frame))
  return groups
}

function layoutBlock(node: AnyNode, kit: LayoutKit, frame: BlockFrame): Group[] {
  const { theme } = kit
  const gap = theme.sizes.paragraphGap
  switch (node.type) {
    case 'paragraph': {
      const spans = collectInlines(node.children, kit.style(), kit.inline)
      const rows = paragraphRows(spans, kit, frame, frame.listDepth === 0 ? theme.text.firstLineIndent : 0, theme.text.align)
      return rows.length > 0 ? [{ rows, spaceBefore: 0, spaceAfter: gap, minSplit: 2, role: 'P' }] : []
    }
    case 'heading': {
      const size = node.depth <= 2 ? theme.sizes.heading : theme.sizes.body
      const spans = collectInlines(node.children, kit.style({ bold: true, size }), kit.inline)
      const rows = paragraphRows(spans, kit, frame, 0, 'left')
      return [{ rows, spaceBefore: gap, spaceAfter: gap * 0.6, keepWithNext: true, minSplit: Infinity, role: `H${Math.min(6, node.depth)}` }]
    }
    case 'list':
      return layoutList(node, kit, frame)
    case 'blockquote': {
      const inner = layoutBlocks(node.children, kit, { ...frame, x: frame.x + 16, width: frame.width - 16 })
      for (const group of inner) {
        group.role ??= 'BlockQuote'
        group.rows = group.rows.map((row) => ({
          ...row,
          boxes: [{ type: 'rule', x1: frame.x + 4, y1: 0, x2: frame.x + 4, y2: row.height + 0.01, color: theme.colors.rule, lineWidth: 1.5 }, ...row.boxes],
        }))
        // The rule runs through the space between paragraphs of the quote too.
        if (group.spaceAfter > 0 && group !== inner[inner.length - 1]) {
          group.rows.push({
            height: group.spaceAfter,
            boxes: [{ type: 'rule', x1: frame.x + 4, y1: 0, x2: frame.x + 4, y2: group.spaceAfter, color: theme.colors.rule, lineWidth: 1.5 }],
          })
          group.spaceAfter = 0
        }
      }
      return inner
    }
    case 'code': {
      const style = kit.style({ family: 'mono', size: theme.sizes.body * 0.9 })
      const rows = String(node.value ?? '')
        .split('\n')
        .flatMap((line) => {
          // No-break spaces keep the code's indentation, which spaces would collapse.
          const spans = collectInlines(
            [{ type: 'text', value: line.replace(/ /g, '\u00a0') || '\u00a0' }],
            { ...style, uppercase: false },
            { ...kit.inline, french: false },
          )
          return kit.paragraph(spans, { x: frame.x + 8, width: frame.width - 8, style, gap: 1 })
        })
      return [{ rows, spaceBefore: 0, spaceAfter: gap, minSplit: 2, role: 'Code' }]
    }
    case 'thematicBreak': {
      const middle = frame.x + frame.width / 2
      return [
        {
          rows: [{ height: gap * 2, boxes: [{ type: 'rule', x1: middle - 60, y1: gap, x2: middle + 60, y2: gap, color: theme.colors.rule, lineWidth: 0.6 }] }],
          spaceBefore: 0,
          spaceAfter: gap,
        },
      ]
    }
    case 'table':
      return [layoutTable(node as Table, kit, frame.x, frame.width)]
    case 'footnoteDefinition':
    case 'definition':
    case 'yaml':
      return []
    case 'html': {
      const rows = paragraphRows(kit.spans(String(node.value ?? '')), kit, frame, 0, 'left')
      return rows.length > 0 ? [{ rows, spaceBefore: 0, spaceAfter: gap, minSplit: 2, role: 'P' }] : []
    }
    default: {
      if (node.type === 'redaction' || (typeof (node as { value?: unknown }).value !== 'string' && !node.children)) {
        const spans = collectInlines([node], kit.style(), kit.inline)
        const rows = paragraphRows(spans, kit, frame, 0, 'left')
        return rows.length > 0 ? [{ rows, spaceBefore: 0, spaceAfter: gap, minSplit: 2, role: 'P' }] : []
      }
      // Containers of blocks (directives) lay out their children; anything else prints its text.
      const children = node.children ?? []
      if (children.length > 0 && children.every((child) => isBlock(child))) return layoutBlocks(children, kit, frame)
      const spans = node.children ? collectInlines(children, kit.style(), kit.inline) : kit.spans(textOf(node as never))
      const rows = paragraphRows(spans, kit, frame, 0, 'left')
      return rows.length > 0 ? [{ rows, spaceBefore: 0, spaceAfter: gap, minSplit: 2, role: 'P' }] : []
    }
  }
}

const BLOCK_TYPES = new Set([
  'paragraph',
  'heading',
  'list',
  'blockquote',
  'code',
  'thematicBreak',
  'table',
  'html',
  'footnoteDefinition',
  'containerDirective',
  'leafDirective',
])

function isBlock(node: RootContent): boolean {
  return BLOCK_TYPES.has(node.type)
}

function paragraphRows(spans: Span[], kit: LayoutKit, frame: BlockFrame, indent: number, align: 'left' | 'justify'): Row[] {
  return kit.paragraph(spans, { x: frame.x, width: frame.width, indent, align, footnoteRows: frame.footnoteRows })
}

function layoutList(list: List, kit: LayoutKit, frame: BlockFrame): Group[] {
  const groups: Group[] = []
  const french = kit.lang.startsWith('fr')
  const bullet = frame.listDepth % 2 === 0 ? (french ? '–' : '•') : '◦'
  const start = list.start ?? 1
  list.children.forEach((item: ListItem, index) => {
    const marker = list.ordered ? `${start + index}.` : item.checked === true ? '☒' : item.checked === false ? '☐' : bullet
    const inner = layoutBlocks(item.children, kit, { ...frame, x: frame.x + LIST_INDENT, width: frame.width - LIST_INDENT, listDepth: frame.listDepth + 1 })
    const first = inner[0]?.rows[0]
    if (first) {
      const markerRows = kit.paragraph(marker, { x: frame.x, width: LIST_INDENT - 4, align: list.ordered ? 'right' : 'left', gap: 0 })
      const markerBox = markerRows[0]?.boxes.find((box) => box.type === 'text')
      const text = first.boxes.find((box): box is Extract<Box, { type: 'text' }> => box.type === 'text')
      if (markerBox && markerBox.type === 'text') {
        // Align the marker on the item's first baseline.
        first.boxes.push(translateBox(markerBox, 0, (text?.y ?? markerBox.y) - markerBox.y))
      }
    }
    for (const group of inner) {
      if (!list.spread) group.spaceAfter = Math.min(group.spaceAfter, kit.theme.sizes.paragraphGap * 0.4)
      group.role = group.role === 'P' ? 'LBody' : group.role
    }
    groups.push(...inner)
  })
  const last = groups[groups.length - 1]
  if (last && frame.listDepth === 0) last.spaceAfter = kit.theme.sizes.paragraphGap
  return groups
}
