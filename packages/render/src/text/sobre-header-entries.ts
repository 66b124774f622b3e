import type { Cable } from '@cablekit/core'
import type { Labels } from '../themes/theme.js'
import { formatDate } from './format-date.js'

/**
 * The header fields the reading layout (`sobre`) lists under its title, as
 * label and value, in order: issuer, reference, place and date, sender,
 * addressees, precedence, classification, references, tags. The PDF drawing
 * and the HTML header print the same list.
 *
 * @param french whether the labels that `Labels` has no entry for are in French.
 */
export function sobreHeaderEntries(cable: Cable, labels: Labels, lang: string, french: boolean): [string, string][] {
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
