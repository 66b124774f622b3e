import type { HeaderBlock, HeaderEmphasis, HeaderLine } from '../themes/header-block.js'
import { headerSize, lineText } from '../themes/header-size.js'
import type { Group, Row } from './laid-out.js'
import { labelledLines } from './labelled-lines.js'
import type { LayoutKit } from './layout-kit.js'
import type { Style } from './style.js'
import { translateBox } from './translate-box.js'

/** The horizontal band blocks are set in, and the alignment lines take when they name none. */
interface Band {
  x: number
  width: number
  align: 'left' | 'center' | 'right'
  /** Lines of a right-to-left language. */
  direction?: 'rtl'
}

function styleOf(kit: LayoutKit, emphasis: HeaderEmphasis | undefined): Partial<Style> {
  return {
    ...(emphasis?.bold ? { bold: true } : {}),
    ...(emphasis?.size && emphasis.size !== 'body' ? { size: headerSize(kit.theme, emphasis.size) } : {}),
    ...(emphasis?.muted ? { color: kit.theme.colors.muted } : {}),
  }
}

function blockRows(kit: LayoutKit, block: HeaderBlock, band: Band): Row[] {
  switch (block.type) {
    case 'line': {
      const indent = block.indent ?? 0
      const align = block.align ?? band.align
      if (block.boxed) return stampRows(kit, block, { x: band.x + indent, width: band.width - indent, align })
      const text = lineText(block.text)
      return kit.paragraph(block.caps ? text.toUpperCase() : text, {
        x: band.x + indent,
        width: band.width - indent,
        align,
        style: styleOf(kit, block),
        // Letterheads are set solid: no leading beyond the fonts' own line height.
        ...(block.solid ? { gap: 0.5 } : {}),
        ...(band.direction ? { direction: band.direction } : {}),
        ...(block.title ? { role: 'H1' } : {}),
      })
    }
    case 'hanging': {
      const style = styleOf(kit, block)
      const hang = kit.measure(`${block.label} `, style)
      return block.values.flatMap((value, index) => {
        const x = band.x + (index === 0 ? 0 : hang)
        const text = index === 0 ? `${block.label} ${value}` : value
        return kit.paragraph(text, { x, width: band.width - (x - band.x), align: 'left', style, ...(block.title && index === 0 ? { role: 'H1' } : {}) })
      })
    }
    case 'fields':
      return labelledLines(
        kit,
        block.entries.map((entry) => [entry.label, entry.value]),
        { x: band.x, width: band.width, labelStyle: styleOf(kit, block.label), valueStyle: styleOf(kit, block.value) },
      )
    case 'columns': {
      const [leftShare, rightShare] = block.widths ?? [0.48, 0.48]
      const left = blocksRows(kit, block.left, { x: band.x, width: band.width * leftShare, align: 'left' })
      const right = blocksRows(kit, block.right, { x: band.x + band.width - band.width * rightShare, width: band.width * rightShare, align: 'right' })
      // Each side keeps its own line height: lines are paired by block, not row by row.
      return kit.columns(left.length > 0 ? [kit.stack(left)] : [], right.length > 0 ? [kit.stack(right)] : [])
    }
    case 'localized':
      return blocksRows(kit, block.blocks, { ...band, ...(block.dir ? { direction: block.dir } : {}) })
    case 'space':
      return [kit.spacer(block.points)]
    case 'rule': {
      const short = block.extent === 'short'
      const height = short ? 8 : 12
      const x2 = short ? band.x + Math.min(110, band.width) : band.x + band.width
      return [
        {
          height,
          boxes: [
            {
              type: 'rule',
              x1: band.x,
              y1: height / 2 + (short ? 1 : 0),
              x2,
              y2: height / 2 + (short ? 1 : 0),
              color: kit.theme.colors.rule,
              lineWidth: short ? 0.8 : 0.5,
            },
          ],
        },
      ]
    }
    case 'signature': {
      const margin = block.position === 'margin'
      const x = margin ? band.x : band.x + band.width * 0.45
      const align = block.position === 'letter' ? 'center' : 'left'
      return kit.paragraph(block.text, { x, width: band.x + band.width - x, align, style: styleOf(kit, block) })
    }
  }
}

/** Boxed stamps, one per span, side by side with a gap and flush with the alignment: one row a little taller than the tallest box. */
function stampRows(kit: LayoutKit, block: HeaderLine, band: Band): Row[] {
  const spans = (typeof block.text === 'string' ? [block.text] : block.text.map((span) => span.text)).map((text) => (block.caps ? text.toUpperCase() : text))
  const stamps = spans.filter((label) => label !== '').map((label) => kit.stamp(label))
  if (stamps.length === 0) return []
  const gap = 8
  const width = stamps.reduce((sum, stamp) => sum + stamp.width, 0) + gap * (stamps.length - 1)
  let x = band.align === 'right' ? band.x + band.width - width : band.align === 'center' ? band.x + (band.width - width) / 2 : band.x
  const height = Math.max(...stamps.map((stamp) => stamp.height))
  const boxes = stamps.flatMap((stamp) => {
    const placed = stamp.boxes.map((box) => translateBox(box, x, 0))
    x += stamp.width + gap
    return placed
  })
  return [{ height: height + 4, boxes: [{ type: 'group', rotate: 0, originX: 0, originY: 0, boxes }] }]
}

function blocksRows(kit: LayoutKit, blocks: readonly HeaderBlock[], band: Band): Row[] {
  return blocks.flatMap((block) => blockRows(kit, block, band))
}

/**
 * A header description set as one group of rows across the frame, with the
 * kit's shaped fonts. The group may split between pages, a line at least
 * on each side, so a long telegram header never overflows a page.
 */
export function layoutHeader(kit: LayoutKit, blocks: readonly HeaderBlock[]): Group[] {
  const rows = blocksRows(kit, blocks, { x: kit.frame.x, width: kit.frame.width, align: 'left' })
  return rows.length > 0 ? [kit.group(rows, { minSplit: 2 })] : []
}

/**
 * A closing description (signature, place and date…) set after the body:
 * each signature as a group of its own, spaced as letters and telegrams
 * space them, anything else in one group kept together.
 */
export function layoutClosing(kit: LayoutKit, blocks: readonly HeaderBlock[]): Group[] {
  const gap = kit.theme.sizes.paragraphGap
  const band: Band = { x: kit.frame.x, width: kit.frame.width, align: 'left' }
  const groups: Group[] = []
  let pending: HeaderBlock[] = []
  const flush = () => {
    if (pending.length > 0) groups.push(kit.group(blocksRows(kit, pending, band), { spaceBefore: gap * 2, spaceAfter: gap }))
    pending = []
  }
  for (const block of blocks) {
    if (block.type !== 'signature') {
      pending.push(block)
      continue
    }
    flush()
    const margin = block.position === 'margin'
    groups.push(kit.group(blockRows(kit, block, band), margin ? { spaceBefore: gap } : { spaceBefore: gap * 2, spaceAfter: gap }))
  }
  flush()
  return groups
}
