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
 * The action line of a telegram from what the cable has: the precedence
 * letter when it has a precedence, the date-time group when its date has a
 * time, the day alone (`9 JANUARY 2006`) when it has only a day.
 *
 * @example actionLine({ level: 'immediate', label: 'IMMEDIATE' }, '2009-08-14T15:30Z') // 'O 141530Z AUG 09'
 */
export function actionLine(precedence: { level: string } | undefined, date: string | undefined): string | undefined {
  const letter = precedence ? PRECEDENCE_LETTER[precedence.level] : undefined
  const when = date ? (/T\d/.test(date) ? telegramDateTimeGroup(date) : formatDate(date, 'en').toUpperCase()) : undefined
  return [letter, when].filter(Boolean).join(' ') || undefined
}

/**
 * The Classified By line as telegrams print it, with the reasons the model
 * keeps apart (`1.4(b)`, `1.4(d)` → `for reasons 1.4 (b) and (d)`).
 *
 * @example classifiedByLine('Ambassador Robert F. Godec', ['1.4(b)', '1.4(d)']) // 'Classified By: Ambassador Robert F. Godec for reasons 1.4 (b) and (d)'
 */
export function classifiedByLine(by: string | undefined, reasons: readonly string[] | undefined): string | undefined {
  const groups: { section: string; letters: string[] }[] = []
  for (const code of reasons ?? []) {
    const match = /^(\d\.\d)\(([a-z])\)$/.exec(code)
    const section = match?.[1] ?? code
    const group = groups.at(-1)?.section === section ? groups.at(-1)! : groups[groups.push({ section, letters: [] }) - 1]!
    if (match) group.letters.push(`(${match[2]})`)
  }
  const words = groups.map(({ section, letters }) => (letters.length > 1 ? `${section} ${letters.slice(0, -1).join(', ')} and ${letters.at(-1)}` : `${section} ${letters.join('')}`.trim()))
  const because = words.length > 0 ? `for reasons ${words.join('; ')}` : undefined
  if (!by) return because ? `Classified ${because}` : undefined
  const head = /^(?:classified by|derived from)/i.test(by) ? by : `Classified By: ${by}`
  return because ? `${head} ${because}` : head
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
    // Only what the cable has: no action letter without a precedence, no date-time group without a time (a WikiLeaks metadata-only record or a partial extract has neither).
    const action = actionLine(cable.precedence, cable.date)
    if (action) line(action)
    if (cable.from) line(`FM ${cable.from}`)
    if (cable.to?.length) hanging('TO', cable.to.map((to, index) => (index === 0 && precedence ? `${to} ${precedence.label.toUpperCase()}` : to)))
    if (cable.info?.length) hanging('INFO', cable.info)
    line('BT')
    const banner = [cable.classification ? spacedBanner(cable.classification.label) : undefined, cable.reference ?? cable.id].filter(Boolean).join(' ')
    if (banner) line(banner)
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
    const classified = classifiedByLine(cable.classifiedBy, cable.classificationReasons)
    if (classified) {
      line(classified)
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
