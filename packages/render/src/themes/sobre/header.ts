import type { Cable } from '@cablekit/core'
import { formatDate } from '../../text/format-date.js'
import type { HeaderBlock, HeaderContext } from '../header-block.js'
import type { Labels } from '../theme.js'

/**
 * The header fields the reading layout (`sobre`) lists under its title, as
 * label and value, in order: issuer, reference, place and date, sender,
 * addressees, precedence, classification, references, tags.
 *
 * @param french whether the labels that `Labels` has no entry for are in French.
 */
function sobreHeaderEntries(cable: Cable, labels: Labels, lang: string, french: boolean): [string, string][] {
  const entries: [string, string][] = []
  const issuer = [cable.issuer?.state, cable.issuer?.ministry, cable.issuer?.post].filter(Boolean).join(' — ')
  if (issuer) entries.push([french ? 'Émetteur' : 'Issuer', issuer])
  const reference = cable.reference ?? cable.id
  if (reference) entries.push([french ? 'Référence' : 'Reference', reference])
  if (cable.date || cable.place) entries.push(['Date', [cable.place, cable.date ? formatDate(cable.date, lang) : undefined].filter(Boolean).join(', ')])
  if (cable.from) entries.push([labels.from, cable.from])
  if (cable.to?.length) entries.push([labels.to, cable.to.join('; ')])
  if (cable.info?.length) entries.push([labels.info, cable.info.join('; ')])
  if (cable.precedence) entries.push([french ? 'Priorité' : 'Precedence', cable.precedence.label])
  if (cable.classification) entries.push(['Classification', cable.classification.label])
  if (cable.references?.length) entries.push([labels.references, cable.references.join('; ')])
  if (cable.tags?.length) entries.push([labels.tags, cable.tags.join(', ')])
  return entries
}

/**
 * The reading layout's header: the subject as the title, a quiet list of the
 * header fields in muted type, then a hairline across the text.
 */
export function sobreHeader(cable: Cable, context: HeaderContext): HeaderBlock[] {
  const blocks: HeaderBlock[] = []
  if (cable.subject) blocks.push({ type: 'line', text: cable.subject, bold: true, size: 'title', title: true }, { type: 'space', points: 8 })
  const entries = sobreHeaderEntries(cable, context.labels, context.lang, context.french)
  if (entries.length > 0)
    blocks.push({
      type: 'fields',
      entries: entries.map(([label, value]) => ({ label, value })),
      label: { muted: true, size: 'reduced' },
      value: { size: 'reduced' },
    })
  blocks.push({ type: 'rule', extent: 'full' }, { type: 'space', points: 8 })
  return blocks
}

/** The signer, in bold, from the middle of the line. */
export function sobreClosing(cable: Cable): HeaderBlock[] {
  return cable.signature ? [{ type: 'signature', text: cable.signature, position: 'letter-left', bold: true }] : []
}
