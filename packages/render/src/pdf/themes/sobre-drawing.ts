import type { Row } from '../../layout/laid-out.js'
import type { ThemeDrawing } from '../../layout/theme-drawing.js'
import { sobreHeaderEntries } from '../../text/sobre-header-entries.js'
import { attachmentHeading, labelledLines, signatureBlock } from './shared-drawing.js'

/**
 * A clean reading layout: the subject as a title, a quiet table of the header
 * fields in muted type, a hairline, then the text. No stamps or letterhead.
 */
export const sobreDrawing: ThemeDrawing = {
  header(kit) {
    const { cable, labels, theme, frame } = kit
    const rows: Row[] = []
    if (cable.subject) rows.push(...kit.paragraph(cable.subject, { style: { bold: true, size: theme.sizes.heading + 4 }, role: 'H1' }), kit.spacer(8))
    const french = kit.lang.startsWith('fr')
    const entries = sobreHeaderEntries(cable, labels, kit.lang, french)
    const size = theme.sizes.body - 1
    rows.push(...labelledLines(kit, entries, { labelStyle: { color: theme.colors.muted, size }, valueStyle: { size } }))
    rows.push({ height: 12, boxes: [{ type: 'rule', x1: frame.x, y1: 6, x2: frame.x + frame.width, y2: 6, color: theme.colors.rule, lineWidth: 0.5 }] })
    return [kit.group(rows, { spaceAfter: 8 })]
  },
  closing: (kit) => signatureBlock(kit, { align: 'left' }),
  attachmentHeading: (kit, attachment) => attachmentHeading(kit, attachment),
  folio: (page, total) => `${page}/${total}`,
}
