import type { Box } from './laid-out.js'
import type { LayoutKit } from './layout-kit.js'
import type { ThemeDrawing } from './theme-drawing.js'

/** What {@link layoutFurniture} prints on a page. */
export interface FurnitureText {
  classification?: string
  runningHeader?: string
  folio: string
  /**
   * Set the folio on a line of its own under the bottom mark rather than
   * beside it: a teletype banner must stand alone on its line, or a reader
   * of the text layer takes `BANNER  PAGE 01 OF 02` for the last line of the
   * text and loses the signature above it.
   */
  folioBelowMark?: boolean
}

// Gap kept between the mark and the folio or running header beside it, and the smallest size a mark is shrunk to before it moves or wraps.
const GAP = 12
const MIN_SCALE = 0.8

/**
 * The boxes printed in the margins of a page: the classification centred at
 * the top and bottom, the running header at the top left (from page 2), the
 * folio at the bottom right. A mark never overprints what sits beside it: one
 * too long for the room left by the folio (or running header) is first set
 * smaller, down to 80 %; if it still does not fit, the folio goes on a line of
 * its own under the mark (the running header under the top mark), and a mark
 * wider than the whole line wraps rather than losing its end.
 */
export function layoutFurniture(kit: LayoutKit, drawing: ThemeDrawing, text: FurnitureText): Box[] {
  const { theme, page } = kit
  const margins = theme.page.margins
  const boxes: Box[] = []
  const width = page.width - margins.left - margins.right
  const topY = margins.top * 0.38
  const bottomY = page.height - margins.bottom * 0.62
  type Style = Parameters<LayoutKit['style']>[0]
  // Every row of the text, stacked from `y`; returns the height set.
  const place = (value: string, y: number, align: 'left' | 'center' | 'right', style: Style): number => {
    const rows = kit.paragraph(value, { x: margins.left, width, align, style, role: 'Artifact' })
    let offset = 0
    for (const row of rows) {
      for (const box of row.boxes) if (box.type === 'text') boxes.push({ ...box, y: box.y + y + offset })
      offset += row.height
    }
    return offset
  }
  const small: Style = { size: theme.sizes.small, color: theme.colors.muted }
  const lineOf = (size: number) => size * 1.6

  // The size the mark fits at beside a neighbour of `beside` points (0: alone), or undefined when it must move.
  const fitting = (mark: string, style: Style, beside: number): number | undefined => {
    const size = style?.size ?? theme.sizes.stamp
    const room = beside > 0 ? width - 2 * (beside + GAP) : width
    const natural = kit.measure(mark, style)
    if (natural <= room) return size
    const scaled = size * (room / natural)
    return scaled >= size * MIN_SCALE ? Math.floor(scaled * 10) / 10 : undefined
  }

  const label = text.classification
  const mark = label ? (drawing.classificationMark ? drawing.classificationMark(label, kit) : label.toUpperCase()) : undefined
  const markStyle: Style = { bold: true, color: theme.colors.stamp, size: theme.sizes.stamp, family: theme.fonts.stamp }
  const folioBelow = text.folioBelowMark === true && mark !== undefined

  // Top: the mark, with the running header at its left.
  if (mark) {
    const header = text.runningHeader ? kit.measure(text.runningHeader, small) : 0
    const beside = fitting(mark, markStyle, header)
    if (beside !== undefined) {
      place(mark, topY, 'center', { ...markStyle, size: beside })
      if (text.runningHeader) place(text.runningHeader, topY, 'left', small)
    } else {
      const alone = fitting(mark, markStyle, 0) ?? theme.sizes.stamp * MIN_SCALE
      const height = place(mark, topY, 'center', { ...markStyle, size: alone })
      if (text.runningHeader) place(text.runningHeader, topY + height, 'left', small)
    }
  } else if (text.runningHeader) place(text.runningHeader, topY, 'left', small)

  // Bottom: the mark, with the folio at its right or on the line under it.
  if (!mark) {
    place(text.folio, bottomY, 'right', small)
    return boxes
  }
  const folio = kit.measure(text.folio, small)
  const beside = folioBelow ? undefined : fitting(mark, markStyle, folio)
  if (beside !== undefined) {
    place(mark, bottomY, 'center', { ...markStyle, size: beside })
    place(text.folio, bottomY, 'right', small)
    return boxes
  }
  const alone = fitting(mark, markStyle, 0) ?? theme.sizes.stamp * MIN_SCALE
  const rows = Math.max(1, Math.ceil(kit.measure(mark, { ...markStyle, size: alone }) / width))
  // A wrapped mark starts higher so that the folio under it stays on the page.
  const start = Math.max(page.height - margins.bottom + 2, bottomY - (rows - 1) * lineOf(alone))
  const height = place(mark, start, 'center', { ...markStyle, size: alone })
  place(text.folio, start + Math.max(height, lineOf(theme.sizes.small)), 'right', small)
  return boxes
}
