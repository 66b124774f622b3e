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

/**
 * The boxes printed in the margins of a page: the classification centred at
 * the top and bottom, the running header at the top left (from page 2), the
 * folio at the bottom right.
 */
export function layoutFurniture(kit: LayoutKit, drawing: ThemeDrawing, text: FurnitureText): Box[] {
  const { theme, page } = kit
  const margins = theme.page.margins
  const boxes: Box[] = []
  const topY = margins.top * 0.38
  const bottomY = page.height - margins.bottom * 0.62
  const place = (value: string, y: number, align: 'left' | 'center' | 'right', style: Parameters<LayoutKit['style']>[0]) => {
    const rows = kit.paragraph(value, { x: margins.left, width: page.width - margins.left - margins.right, align, style, role: 'Artifact' })
    const row = rows[0]
    if (row) for (const box of row.boxes) if (box.type === 'text') boxes.push({ ...box, y: box.y + y })
  }
  if (text.classification) {
    const mark = drawing.classificationMark ? drawing.classificationMark(text.classification, kit) : text.classification.toUpperCase()
    const style = { bold: true, color: theme.colors.stamp, size: theme.sizes.stamp, family: theme.fonts.stamp }
    place(mark, topY, 'center', style)
    place(mark, bottomY, 'center', style)
  }
  const small = { size: theme.sizes.small, color: theme.colors.muted }
  if (text.runningHeader) place(text.runningHeader, topY, 'left', small)
  place(text.folio, text.folioBelowMark && text.classification ? bottomY + theme.sizes.small * 1.6 : bottomY, 'right', small)
  return boxes
}
