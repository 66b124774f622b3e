import type { Cable } from '@cablekit/core'
import { dateParts } from '../../text/format-date.js'
import type { HeaderBlock } from '../header-block.js'

const MONTHS = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER']
const pad = (value: number | undefined) => String(value ?? 0).padStart(2, '0')

/**
 * The `OF` line of an FCO telegram: day, time and zone, month, two-digit
 * year (UTC), or what the date has of these.
 *
 * @example fcoDateLine('2003-03-21T19:00Z') // 'OF 211900Z MARCH 03'
 */
export function fcoDateLine(date: string | undefined): string | undefined {
  const parts = date ? dateParts(date) : undefined
  if (!parts) return undefined
  const month = parts.month !== undefined ? MONTHS[parts.month - 1] : undefined
  const year = String(parts.year).slice(-2)
  const day = parts.day !== undefined ? `${pad(parts.day)}${parts.hour !== undefined ? `${pad(parts.hour)}${pad(parts.minute)}Z` : ''}` : undefined
  return ['OF', day, month, year].filter(Boolean).join(' ')
}

/** `TELNO 123` from the reference, which may carry the `TELNO` already. */
export function telnoLine(reference: string | undefined): string | undefined {
  if (!reference) return undefined
  return /^TELNO\b/i.test(reference) ? reference : `TELNO ${reference}`
}

/**
 * The FCO telegram header (domain.md, more families): `FM` the post, `TO`
 * with the precedence and the addressee, `TELNO`, `OF` the date-time group,
 * `INFO` the information addressees, then the subject and the references
 * (`MIPT`, `YOUR TELNO 123`) as written. The classification is the banner
 * at the top and bottom of every page.
 */
export function fcoHeader(cable: Cable): HeaderBlock[] {
  const blocks: HeaderBlock[] = []
  const line = (text: string) => blocks.push({ type: 'line', text })
  if (cable.from) line(`FM ${cable.from}`)
  const precedence = cable.precedence ? `${cable.precedence.label.toUpperCase()} ` : ''
  if (cable.to?.length) blocks.push({ type: 'hanging', label: 'TO', values: cable.to.map((to, index) => (index === 0 ? `${precedence}${to}` : to)) })
  const telno = telnoLine(cable.reference)
  if (telno) line(telno)
  const of = fcoDateLine(cable.date)
  if (of) line(of)
  if (cable.info?.length) blocks.push({ type: 'hanging', label: 'INFO', values: cable.info })
  blocks.push({ type: 'space', points: 10 })
  if (cable.subject) blocks.push({ type: 'hanging', label: 'SUBJECT:', values: [cable.subject], title: true, bold: true })
  if (cable.references?.length) blocks.push({ type: 'hanging', label: 'REF:', values: cable.references })
  blocks.push({ type: 'space', points: 10 })
  return blocks
}

/** The surname that signs, typed at the margin. */
export function fcoClosing(cable: Cable): HeaderBlock[] {
  return cable.signature ? [{ type: 'signature', text: cable.signature, position: 'margin' }] : []
}
