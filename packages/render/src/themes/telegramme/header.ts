import type { Cable } from '@cablekit/core'
import { actionLine } from '../../text/action-line.js'
import { classifiedByLine } from '../../text/classified-by-line.js'
import { spacedBanner } from '../../text/spaced-banner.js'
import type { HeaderBlock, HeaderSpan } from '../header-block.js'

/**
 * `A. RABAT 398`, `B. STATE 81234`: several references are lettered, unless
 * they already are.
 */
export function letteredReferences(references: readonly string[]): string[] {
  return references.map((ref, index) => (references.length > 1 && !/^[A-Z]\.\s/.test(ref) ? `${String.fromCharCode(65 + (index % 26))}. ${ref}` : ref))
}

/** The spaced classification banner (read as its word) followed by `rest`, or `rest` alone. */
export function bannerSpans(classification: string | undefined, rest: string | undefined): HeaderSpan[] {
  const spans: HeaderSpan[] = []
  if (classification) spans.push({ text: spacedBanner(classification), spoken: classification })
  if (rest) spans.push({ text: spans.length > 0 ? ` ${rest}` : rest })
  return spans
}

/**
 * The US telegram header (domain.md, family 2), in telegram order: action
 * line (precedence letter and date-time group), `FM`, `TO` with the
 * precedence, `INFO`, `BT`, the banner with the reference, `E.O.`, `TAGS`,
 * `SUBJECT`, `REF`, `Classified By`. Only what the cable has: a WikiLeaks
 * metadata record or partial extract has no action letter, nor a date-time
 * group without a time.
 */
export function telegrammeHeader(cable: Cable): HeaderBlock[] {
  const blocks: HeaderBlock[] = []
  const line = (text: string | HeaderSpan[]) => blocks.push({ type: 'line', text })
  const action = actionLine(cable.precedence, cable.date)
  if (action) line(action)
  if (cable.from) line(`FM ${cable.from}`)
  const precedence = cable.precedence
  if (cable.to?.length)
    blocks.push({
      type: 'hanging',
      label: 'TO',
      values: cable.to.map((to, index) => (index === 0 && precedence ? `${to} ${precedence.label.toUpperCase()}` : to)),
    })
  if (cable.info?.length) blocks.push({ type: 'hanging', label: 'INFO', values: cable.info })
  line('BT')
  const banner = bannerSpans(cable.classification?.label, cable.reference ?? cable.id)
  if (banner.length > 0) line(banner)
  blocks.push({ type: 'space', points: 8 })
  if (cable.declassification) line(cable.declassification)
  if (cable.tags?.length) line(`TAGS: ${cable.tags.join(', ')}`)
  if (cable.subject) blocks.push({ type: 'hanging', label: 'SUBJECT:', values: [cable.subject], title: true })
  blocks.push({ type: 'space', points: 6 })
  if (cable.references?.length) blocks.push({ type: 'hanging', label: 'REF:', values: letteredReferences(cable.references) }, { type: 'space', points: 6 })
  const classified = classifiedByLine(cable.classifiedBy, cable.classificationReasons)
  if (classified) blocks.push({ type: 'line', text: classified }, { type: 'space', points: 6 })
  blocks.push({ type: 'space', points: 6 })
  return blocks
}

/** The signer, typed at the margin like the text. */
export function marginSignature(cable: Cable): HeaderBlock[] {
  return cable.signature ? [{ type: 'signature', text: cable.signature, position: 'margin' }] : []
}
