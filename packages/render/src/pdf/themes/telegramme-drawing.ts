import type { Row } from '../../layout/laid-out.js'
import type { LayoutKit } from '../../layout/layout-kit.js'
import type { ThemeDrawing } from '../../layout/theme-drawing.js'
import { formatDate, telegramDateTimeGroup } from '../../text/format-date.js'
import { attachmentHeading } from './shared-drawing.js'

const PRECEDENCE_LETTER: Record<string, string> = { routine: 'R', priority: 'P', urgent: 'O', 'very-urgent': 'O', immediate: 'O', flash: 'Z' }

/** `C O N F I D E N T I A L`: the spaced-out banner of telegrams (words kept apart by three spaces). */
export function spacedBanner(label: string): string {
  return label
    .toUpperCase()
    .split(/\s+/)
    .map((word) => [...word].join(' '))
    .join('   ')
}

/**
 * The US telegram facsimile (domain.md, family 2): one typewriter face, the
 * header lines in telegram order (precedence and date-time group, FM, TO,
 * INFO), the banner, E.O., TAGS, SUBJECT, REF and Classified By, as written.
 */
export const telegrammeDrawing: ThemeDrawing = {
  header(kit) {
    const { cable } = kit
    const lines: Row[] = []
    const line = (text: string, indent = 0) => lines.push(...kit.paragraph(text, { x: kit.frame.x + indent, width: kit.frame.width - indent }))
    const hanging = (label: string, values: string[]) => {
      values.forEach((value, index) => line(index === 0 ? `${label} ${value}` : value, index === 0 ? 0 : kit.measure(`${label} `)))
    }
    const precedence = cable.precedence
    if (cable.date) {
      const letter = precedence ? PRECEDENCE_LETTER[precedence.level] ?? 'R' : 'R'
      line(`${letter} ${/T\d/.test(cable.date) ? telegramDateTimeGroup(cable.date) : formatDate(cable.date, 'en').toUpperCase()}`)
    }
    if (cable.from) line(`FM ${cable.from}`)
    if (cable.to?.length) hanging('TO', cable.to.map((to, index) => (index === 0 && precedence ? `${to} ${precedence.label.toUpperCase()}` : to)))
    if (cable.info?.length) hanging('INFO', cable.info)
    line('BT')
    const banner = cable.classification ? spacedBanner(cable.classification.label) : 'U N C L A S'
    line([banner, cable.reference ?? cable.id].filter(Boolean).join(' '))
    lines.push(kit.spacer(8))
    if (cable.declassification) line(cable.declassification)
    if (cable.tags?.length) line(`TAGS: ${cable.tags.join(', ')}`)
    if (cable.subject) hanging('SUBJECT:', [cable.subject])
    lines.push(kit.spacer(6))
    if (cable.references?.length) {
      const refs = cable.references.map((ref, index) => (cable.references!.length > 1 && !/^[A-Z]\.\s/.test(ref) ? `${String.fromCharCode(65 + index)}. ${ref}` : ref))
      refs.forEach((ref, index) => line(index === 0 ? `REF: ${ref}` : ref, index === 0 ? 0 : kit.measure('REF: ')))
      lines.push(kit.spacer(6))
    }
    if (cable.classifiedBy) {
      line(/^classified by/i.test(cable.classifiedBy) ? cable.classifiedBy : `Classified By: ${cable.classifiedBy}`)
      lines.push(kit.spacer(6))
    }
    return [kit.group(lines, { spaceAfter: 6, minSplit: 2 })]
  },
  closing(kit) {
    const signature = kit.cable.signature
    if (!signature) return []
    return [kit.group(kit.paragraph(signature), { spaceBefore: kit.theme.sizes.paragraphGap })]
  },
  attachmentHeading: (kit, attachment) => attachmentHeading(kit, attachment),
  folio: (page, total) => `PAGE ${String(page).padStart(2, '0')} OF ${String(total).padStart(2, '0')}`,
  classificationMark: (label) => spacedBanner(label),
}
