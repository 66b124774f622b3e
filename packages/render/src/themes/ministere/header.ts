import type { Cable } from '@cablekit/core'
import { STYLE } from '../../docx/styles.js'
import { formatDate } from '../../text/format-date.js'
import type { HeaderBlock, HeaderContext, HeaderField, HeaderLine } from '../header-block.js'

const RTL_LANG = /^(ar|fa|he|ur|ps)/i

/**
 * The letterhead: state and ministry in French on the left, each localized
 * version (Arabic) on the right in its own language and direction, then a
 * short rule. Lines are set solid; each side keeps its own line height.
 */
function letterhead(cable: Cable): HeaderBlock[] {
  const issuer = cable.issuer
  // Set solid, in named styles and classes (`Cable Letterhead State`, `.state`): an editor restyles the letterhead at once.
  const state = (text: string, docxStyle: string, caps: boolean): HeaderLine => ({
    type: 'line',
    text,
    solid: true,
    bold: true,
    caps,
    size: 'letterhead-state',
    htmlClass: 'state',
    docxStyle,
  })
  const ministry = (text: string, docxStyle: string): HeaderLine => ({ type: 'line', text, solid: true, size: 'letterhead', htmlClass: 'ministry', docxStyle })
  const left: HeaderBlock[] = []
  if (issuer?.state) left.push(state(issuer.state, STYLE.letterheadState, true))
  if (issuer?.ministry) left.push(ministry(issuer.ministry, STYLE.letterhead))
  const right: HeaderBlock[] = []
  // Sorted by language, so the output does not depend on the order the source gave them in.
  const localized = Object.entries(issuer?.localized ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  for (const [lang, lines] of localized) {
    const blocks: HeaderBlock[] = []
    // The localized state keeps its case: Arabic has no capitals, and the letterhead prints each version as written.
    if (lines.state) blocks.push(state(lines.state, STYLE.letterheadRtl, false))
    if (lines.ministry) blocks.push(ministry(lines.ministry, STYLE.letterheadRtl))
    if (blocks.length > 0) right.push({ type: 'localized', lang, ...(RTL_LANG.test(lang) ? { dir: 'rtl' as const } : {}), blocks })
  }
  if (left.length === 0 && right.length === 0) return []
  return [
    { type: 'columns', left, right, docxSplit: 0.55 },
    { type: 'rule', extent: 'short' },
    { type: 'space', points: 6, docx: false },
  ]
}

/** `le 14 août 2014` in French, the date alone otherwise, after the place. */
function placeAndDate(cable: Cable, context: HeaderContext): string {
  const date = cable.date ? `${context.lang.startsWith('fr') ? 'le ' : ''}${formatDate(cable.date, context.lang)}` : undefined
  return [cable.place, date].filter(Boolean).join(', ')
}

/** Post and `N°` on the left, place and date on the right, then the boxed precedence and classification stamps flush right. */
function postAndStamps(cable: Cable, context: HeaderContext): HeaderBlock[] {
  const post = cable.issuer?.post ?? cable.issuer?.localized?.['fr']?.post
  const left: HeaderBlock[] = []
  if (post) left.push({ type: 'line', text: post, size: 'letterhead', solid: true, docxStyle: STYLE.post })
  if (cable.reference) left.push({ type: 'line', text: `N° ${cable.reference}`, bold: true, docxStyle: STYLE.post })
  const when = placeAndDate(cable, context)
  const right: HeaderBlock[] = when ? [{ type: 'line', text: when, docxStyle: STYLE.placeDate }] : []
  const blocks: HeaderBlock[] = left.length > 0 || right.length > 0 ? [{ type: 'columns', left, right, docxSplit: 0.55 }] : []
  const stamps = [cable.precedence?.label, cable.classification?.label].filter((label): label is string => Boolean(label))
  if (stamps.length > 0) {
    blocks.push({ type: 'line', text: stamps.map((label) => ({ text: label })), boxed: true, caps: true, align: 'right', docxStyle: STYLE.stamps })
  }
  if (blocks.length > 0) blocks.push({ type: 'space', points: 14, docx: false })
  return blocks
}

/** The sender, `A` and the addressees, centred in bold capitals. */
function addresses(cable: Cable, context: HeaderContext): HeaderBlock[] {
  const blocks: HeaderBlock[] = []
  const line = (text: string, docxStyle: string): HeaderBlock => ({ type: 'line', text, align: 'center', bold: true, caps: true, docxStyle })
  if (cable.from) blocks.push(line(cable.from, STYLE.sender))
  if (cable.to && cable.to.length > 0) {
    // The `A` line stands above the addressees whether or not a sender stands above it.
    blocks.push(line(context.labels.to, STYLE.toMark))
    for (const to of cable.to) blocks.push(line(to, STYLE.addressee))
  }
  if (blocks.length > 0) blocks.push({ type: 'space', points: 12, docx: false })
  return blocks
}

/** Distribution (and information copies) on the left, transmission on the right, in small type. */
function routing(cable: Cable, context: HeaderContext): HeaderBlock[] {
  const { labels } = context
  const distribution: HeaderField[] = []
  if (cable.distribution?.primary?.length) distribution.push({ label: labels.distributionPrimary, value: cable.distribution.primary.join(', ') })
  if (cable.distribution?.cc?.length) distribution.push({ label: labels.distributionCc, value: cable.distribution.cc.join(', ') })
  if (cable.info?.length) distribution.push({ label: labels.info, value: cable.info.join(', ') })
  const transmission: HeaderField[] = cable.transmission ? [{ label: labels.transmission, value: cable.transmission }] : []
  if (distribution.length === 0 && transmission.length === 0) return []
  const fields = (entries: HeaderField[]): HeaderBlock[] =>
    entries.length > 0 ? [{ type: 'fields', entries, label: { size: 'routing' }, docxStyle: STYLE.distribution, docxTab: false }] : []
  return [
    { type: 'columns', left: fields(distribution), right: fields(transmission), widths: [0.62, 0.36], docxSplit: 0.55 },
    { type: 'space', points: 12, docx: false },
  ]
}

/** `Objet :` (the document's title) and `Réf. :`, labels in bold, values in a column. */
function subjectAndReferences(cable: Cable, context: HeaderContext): HeaderBlock[] {
  const entries: HeaderField[] = []
  if (cable.subject) entries.push({ label: context.labels.subject, value: cable.subject, title: true, docxStyle: STYLE.subject })
  for (const [index, reference] of (cable.references ?? []).entries()) {
    entries.push({ label: index === 0 ? context.labels.references : '', value: reference, docxStyle: STYLE.references })
  }
  if (entries.length === 0) return []
  // The text starts after a gap, as on the paper: in Word an empty line.
  return [
    { type: 'fields', entries },
    { type: 'space', points: 14, docx: STYLE.telegramLine },
  ]
}

/**
 * The French ministerial header (domain.md, family 1), described once for
 * the PDF, the DOCX and the HTML: letterhead with the Arabic beside the
 * French, post and `N°` top left, place and date top right, boxed stamps,
 * sender / `A` / addressee centred, distribution beside transmission, then
 * `Objet :` and `Réf. :`. Each line names its DOCX paragraph style
 * (`Cable Sender`…), so an editor restyles the header from Word's Styles pane.
 */
export function ministereHeader(cable: Cable, context: HeaderContext): HeaderBlock[] {
  return [
    ...letterhead(cable),
    ...postAndStamps(cable, context),
    ...addresses(cable, context),
    ...routing(cable, context),
    ...subjectAndReferences(cable, context),
  ]
}

/** The signer, in bold, centred right of the middle as letters sign. */
export function letterSignature(cable: Cable): HeaderBlock[] {
  return cable.signature ? [{ type: 'signature', text: cable.signature, position: 'letter', bold: true }] : []
}
