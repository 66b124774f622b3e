import type { Cable } from '@cablekit/core'
import { dateParts } from '../../text/format-date.js'
import type { HeaderBlock, HeaderContext, HeaderField } from '../header-block.js'

const pad = (value: number | undefined) => String(value ?? 0).padStart(2, '0')

/**
 * The post's own date and local time as a TD types it: `KIGALI LE
 * 07/04/94 A 22H23` (the time only when the date has one).
 *
 * @example tdDateLine('Kigali', '1994-04-07T22:23') // 'KIGALI LE 07/04/94 A 22H23'
 */
export function tdDateLine(place: string | undefined, date: string | undefined): string | undefined {
  const parts = date ? dateParts(date) : undefined
  let when: string | undefined
  if (parts?.day !== undefined) when = `LE ${pad(parts.day)}/${pad(parts.month)}/${String(parts.year).slice(-2)}`
  else if (parts) when = `LE ${parts.month !== undefined ? `${pad(parts.month)}/` : ''}${parts.year}`
  if (when && parts?.hour !== undefined) when += ` A ${pad(parts.hour)}H${pad(parts.minute)}`
  return [place?.toUpperCase(), when].filter(Boolean).join(' ') || undefined
}

/** `TD KIGALI 315` from the reference, which may carry the `TD` already. */
export function tdNumberLine(reference: string | undefined): string | undefined {
  if (!reference) return undefined
  const upper = reference.toUpperCase()
  return /^TD\b/.test(upper) ? upper : `TD ${upper}`
}

/**
 * The French TD header (domain.md, more families): the TD number with the
 * precedence beside it, the post's date and local time, then in capitals
 * `ORIGINE`, the distribution notes, `AD` (action) and `CQ` (copy)
 * addressees, `TXT`, `OBJET` and `REFERENCE`. The classification is the
 * page's banner, top and bottom.
 */
export function tdHeader(cable: Cable, { labels }: HeaderContext): HeaderBlock[] {
  const blocks: HeaderBlock[] = []
  const upper = (value: string) => value.toUpperCase()
  const number = tdNumberLine(cable.reference)
  const precedence = cable.precedence?.label
  if (number || precedence) {
    blocks.push({
      type: 'columns',
      left: number ? [{ type: 'line', text: number, bold: true }] : [],
      right: precedence ? [{ type: 'line', text: upper(precedence), bold: true }] : [],
    })
  }
  const when = tdDateLine(cable.place, cable.date)
  if (when) blocks.push({ type: 'line', text: when })
  blocks.push({ type: 'space', points: 8 })
  const routing: HeaderField[] = []
  if (cable.from) routing.push({ label: labels.from, value: upper(cable.from) })
  cable.to?.forEach((to, index) => routing.push({ label: index === 0 ? labels.to : '', value: upper(to) }))
  cable.info?.forEach((info, index) => routing.push({ label: index === 0 ? labels.info : '', value: upper(info) }))
  if (routing.length > 0) blocks.push({ type: 'fields', entries: routing })
  for (const note of [...(cable.distribution?.primary ?? []), ...(cable.distribution?.cc ?? [])]) blocks.push({ type: 'line', text: upper(note) })
  if (cable.transmission) blocks.push({ type: 'line', text: upper(cable.transmission) })
  blocks.push({ type: 'space', points: 8 }, { type: 'line', text: 'TXT' }, { type: 'space', points: 6 })
  const subject: HeaderField[] = []
  if (cable.subject) subject.push({ label: labels.subject, value: upper(cable.subject), title: true })
  cable.references?.forEach((reference, index) => subject.push({ label: index === 0 ? labels.references : '', value: upper(reference) }))
  if (subject.length > 0) blocks.push({ type: 'fields', entries: subject }, { type: 'space', points: 10 })
  return blocks
}

/** The surname that signs a TD, in capitals at the margin. */
export function tdClosing(cable: Cable): HeaderBlock[] {
  return cable.signature ? [{ type: 'signature', text: cable.signature.toUpperCase(), position: 'margin' }] : []
}
