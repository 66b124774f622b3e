import type { Cable } from '@cablekit/core'
import { formatDate } from '../../text/format-date.js'
import type { HeaderBlock, HeaderContext, HeaderField } from '../header-block.js'

/**
 * The head of a note verbale: the sender's letterhead lines as text (never
 * a crest), the number (`No. 123/2006`, `N° 123/2006`), the centred `NOTE
 * VERBALE` title, then the subject and references when the note has them.
 */
export function noteVerbaleHeader(cable: Cable, { labels, french }: HeaderContext): HeaderBlock[] {
  const blocks: HeaderBlock[] = []
  const issuer = [cable.issuer?.state, cable.issuer?.ministry, cable.issuer?.post].filter((line): line is string => Boolean(line))
  for (const [index, line] of issuer.entries()) blocks.push({ type: 'line', text: line, align: 'center', size: 'letterhead', bold: index === 0 })
  if (issuer.length > 0) blocks.push({ type: 'space', points: 18 })
  if (cable.reference) blocks.push({ type: 'line', text: `${french ? 'N°' : 'No.'} ${cable.reference}` }, { type: 'space', points: 18 })
  blocks.push({ type: 'line', text: 'NOTE VERBALE', align: 'center', bold: true, size: 'heading', title: !cable.subject }, { type: 'space', points: 18 })
  const fields: HeaderField[] = []
  if (cable.subject) fields.push({ label: labels.subject, value: cable.subject, title: true })
  cable.references?.forEach((reference, index) => fields.push({ label: index === 0 ? labels.references : '', value: reference }))
  if (fields.length > 0) blocks.push({ type: 'fields', entries: fields }, { type: 'space', points: 12 })
  return blocks
}

/**
 * The foot of a note verbale: the signature when there is one, place and
 * date on the right (`New York, 12 March 2006`, `Rabat, le 14 août 2014`),
 * then the addressee at the left, as notes set it.
 */
export function noteVerbaleClosing(cable: Cable, { lang, french }: HeaderContext): HeaderBlock[] {
  const blocks: HeaderBlock[] = []
  if (cable.signature) blocks.push({ type: 'signature', text: cable.signature, position: 'letter' })
  const when = cable.date ? `${french ? 'le ' : ''}${formatDate(cable.date, lang)}` : undefined
  const placeDate = [cable.place, when].filter(Boolean).join(', ')
  if (placeDate) blocks.push({ type: 'line', text: placeDate, align: 'right' })
  if (cable.to?.length) {
    blocks.push({ type: 'space', points: 18 })
    for (const to of cable.to) blocks.push({ type: 'line', text: to })
  }
  return blocks
}
