import type { Group, Row } from '../../layout/laid-out.js'
import { labelledLines } from '../../layout/labelled-lines.js'
import type { ThemeDrawing } from '../../layout/theme-drawing.js'
import { translateBox } from '../../layout/translate-box.js'
import { formatDate } from '../../text/format-date.js'

/**
 * The French ministerial facsimile (domain.md, family 1): letterhead with the
 * Arabic beside the French, post and `N°` top left, place and date top right,
 * boxed stamps, sender / `A` / addressee centred, distribution and
 * transmission, then `Objet :` and `Réf. :` with bold labels. Drawn by
 * hand rather than from a description: the letterhead keeps each side's own
 * line height (Arabic lines are taller) and the stamps are boxes.
 */
export const ministereDrawing: Pick<ThemeDrawing, 'header'> = {
  header(kit) {
    const { cable, frame, theme } = kit
    const groups: Group[] = []
    const half = frame.width * 0.48
    const right = frame.x + frame.width - half
    const size = theme.sizes.letterhead

    // Letterhead: French on the left, the localized lines (Arabic) on the right, right to left.
    // Letterheads are set solid: no leading beyond the fonts' own line height.
    const gap = 0.5
    const issuer = cable.issuer
    const left: Row[] = []
    if (issuer?.state) left.push(...kit.paragraph(issuer.state.toUpperCase(), { width: half, gap, style: { bold: true, size: size + 1 } }))
    if (issuer?.ministry) left.push(...kit.paragraph(issuer.ministry, { width: half, gap, style: { size } }))
    const localized = Object.entries(issuer?.localized ?? {})
    const rightRows: Row[] = []
    for (const [lang, lines] of localized) {
      const rtl = /^(ar|fa|he|ur|ps)/i.test(lang)
      const options = { x: right, width: half, align: 'right' as const, gap, ...(rtl ? { direction: 'rtl' as const } : {}) }
      if (lines.state) rightRows.push(...kit.paragraph(lines.state, { ...options, style: { bold: true, size: size + 1 } }))
      if (lines.ministry) rightRows.push(...kit.paragraph(lines.ministry, { ...options, style: { size } }))
    }
    // Each side keeps its own line height: Arabic lines are taller, and pairing
    // them row by row would spread the French lines beside them.
    const letterhead = kit.columns(left.length > 0 ? [kit.stack(left)] : [], rightRows.length > 0 ? [kit.stack(rightRows)] : [])
    if (letterhead.length > 0) {
      letterhead.push({ height: 8, boxes: [{ type: 'rule', x1: frame.x, y1: 5, x2: frame.x + 110, y2: 5, color: theme.colors.rule, lineWidth: 0.8 }] })
      groups.push(kit.group(letterhead, { spaceAfter: 6, role: 'Artifact' }))
    }

    // Post (left) and place, date (right).
    const post = issuer?.post ?? issuer?.localized?.['fr']?.post
    const postRows = post ? kit.paragraph(post, { width: half, gap, style: { size, italic: false } }) : []
    const dateText = [cable.place, cable.date ? `${kit.lang.startsWith('fr') ? 'le ' : ''}${formatDate(cable.date, kit.lang)}` : undefined]
      .filter(Boolean)
      .join(', ')
    const dateRows = dateText ? kit.paragraph(dateText, { x: right, width: half, align: 'right' }) : []
    const referenceRows = cable.reference ? kit.paragraph(`N° ${cable.reference}`, { width: half, style: { bold: true } }) : []
    const postColumn = [...postRows, ...referenceRows]
    const topRows = kit.columns(postColumn.length > 0 ? [kit.stack(postColumn)] : [], dateRows.length > 0 ? [kit.stack(dateRows)] : [])

    // Stamps, right-aligned, side by side.
    const stamps = [cable.precedence?.label, cable.classification?.label]
      .filter((label): label is string => Boolean(label))
      .map((label) => kit.stamp(label.toUpperCase()))
    if (stamps.length > 0) {
      const gap = 8
      let x = frame.x + frame.width - stamps.reduce((sum, stamp) => sum + stamp.width, 0) - gap * (stamps.length - 1)
      const height = Math.max(...stamps.map((stamp) => stamp.height))
      const boxes = stamps.flatMap((stamp) => {
        const placed = stamp.boxes.map((box) => translateBox(box, x, 0))
        x += stamp.width + gap
        return placed
      })
      topRows.push({ height: height + 4, boxes: [{ type: 'group', rotate: 0, originX: 0, originY: 0, boxes }] })
    }
    if (topRows.length > 0) groups.push(kit.group(topRows, { spaceAfter: 14 }))

    // Sender, A, addressee.
    const addressRows: Row[] = []
    if (cable.from) addressRows.push(...kit.paragraph(cable.from.toUpperCase(), { align: 'center', style: { bold: true } }))
    if (cable.to && cable.to.length > 0) {
      addressRows.push(...kit.paragraph(kit.labels.to, { align: 'center', style: { bold: true } }))
      for (const to of cable.to) addressRows.push(...kit.paragraph(to.toUpperCase(), { align: 'center', style: { bold: true } }))
    }
    if (addressRows.length > 0) groups.push(kit.group(addressRows, { spaceAfter: 12 }))

    // Distribution (left) and transmission (right).
    const distribution: [string, string][] = []
    if (cable.distribution?.primary?.length) distribution.push([kit.labels.distributionPrimary, cable.distribution.primary.join(', ')])
    if (cable.distribution?.cc?.length) distribution.push([kit.labels.distributionCc, cable.distribution.cc.join(', ')])
    if (cable.info?.length) distribution.push([kit.labels.info, cable.info.join(', ')])
    const small = { size: theme.sizes.small + 0.5 }
    const distributionRows = labelledLines(kit, distribution, { width: frame.width * 0.62, labelStyle: small })
    const transmissionRows = cable.transmission
      ? labelledLines(kit, [[kit.labels.transmission, cable.transmission]], { x: frame.x + frame.width * 0.64, width: frame.width * 0.36, labelStyle: small })
      : []
    const block = kit.columns(distributionRows, transmissionRows)
    if (block.length > 0) groups.push(kit.group(block, { spaceAfter: 12 }))

    // Objet and Réf.
    const subject: [string, string][] = []
    if (cable.subject) subject.push([kit.labels.subject, cable.subject])
    for (const [index, reference] of (cable.references ?? []).entries()) subject.push([index === 0 ? kit.labels.references : '', reference])
    if (subject.length > 0) {
      const rows = labelledLines(kit, subject)
      groups.push(kit.group(rows, { spaceAfter: 14, keepWithNext: true }))
    }
    return groups
  },
}
