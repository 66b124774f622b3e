import { classifiedByLine } from '../pdf/themes/telegramme-drawing.js'
import { formatDate, telegramDateTimeGroup } from '../text/format-date.js'
import { prepareTextXml, textRunsXml } from './inline-xml.js'
import { STYLE } from './styles.js'
import { paragraphXml } from './wml-paragraph.js'
import type { ParagraphProps } from './wml-paragraph.js'
import { runXml } from './wml-run.js'
import { tableXml } from './wml-table.js'
import type { BorderEdge } from './wml-table.js'
import type { XmlContext } from './xml-context.js'

/**
 * The blocks a cable opens with, before its body, as XML: the letterhead and
 * header fields, laid out as the theme's family does (`ministere`,
 * `telegramme`, or the quiet `sobre` table).
 */
export function cableHeaderXml(ctx: XmlContext): string[] {
  switch (ctx.extras.layout) {
    case 'ministere':
      return ministereHeader(ctx)
    case 'telegramme':
      return telegramHeader(ctx)
    default:
      return sobreHeader(ctx)
  }
}

/** The blocks a cable closes with after its body, as XML: signature and the list of attachments. */
export function cableClosingXml(ctx: XmlContext): string[] {
  const { cable, labels } = ctx
  const out: string[] = []
  const count = cable.attachments.length
  // Signature and list of attachments are one block: a page break between them would strand `PJ :` alone on a page.
  if (cable.signature) {
    const style = ctx.extras.layout === 'telegramme' ? STYLE.telegramLine : STYLE.signature
    out.push(paragraphXml({ style, keepNext: count > 0, spacing: { before: 240 } }, textRunsXml(ctx, cable.signature)))
  }
  cable.attachments.forEach((attachment, index) => {
    out.push(paragraphXml({ style: STYLE.attachmentList, keepNext: index < count - 1 }, labelledXml(ctx, attachment.label || labels.attachment, attachment.title, false)))
  })
  return out
}

/** `Objet :` in the label style, then the value: the label's punctuation follows the cable's language. */
export function labelledXml(ctx: XmlContext, label: string, value: string, tab: boolean): string {
  const colon = ctx.french ? ' :' : ':'
  return runXml(prepareTextXml(ctx, `${label}${colon}`), { style: STYLE.label }) + runXml(tab ? '\t' : ' ') + textRunsXml(ctx, value)
}

function para(ctx: XmlContext, style: string, text: string | undefined, extra: ParagraphProps = {}): string[] {
  if (!text) return []
  return [paragraphXml({ style, ...extra }, textRunsXml(ctx, text))]
}

const NONE: BorderEdge = { style: 'none', size: 0, color: 'auto' }
const NIL: BorderEdge = { style: 'nil', size: 0, color: 'auto' }

// Borderless layout tables: what a secretary would use in Word to set two blocks side by side.
function layoutTable(columns: { width: number; children: string[] }[]): string {
  return tableXml({
    columnWidths: columns.map((c) => c.width),
    borders: NONE,
    zeroMargins: true,
    rows: [
      {
        cells: columns.map((c) => ({
          width: c.width,
          borders: NIL,
          // A cell must end with a paragraph.
          content: c.children.join('') + (c.children.length > 0 && c.children[c.children.length - 1]!.startsWith('<w:p') ? '' : paragraphXml({ style: STYLE.letterhead })),
        })),
      },
    ],
  })
}

function ministereHeader(ctx: XmlContext): string[] {
  const { cable, labels } = ctx
  const out: string[] = []
  const issuer = cable.issuer
  const left = Math.round(ctx.textWidth * 0.55)
  const right = ctx.textWidth - left

  // Letterhead: state and ministry on the left, the same in Arabic (right to left) on the right.
  const latin = [...para(ctx, STYLE.letterheadState, issuer?.state), ...para(ctx, STYLE.letterhead, issuer?.ministry)]
  const localized = Object.entries(issuer?.localized ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap(([, lines]) => [
      ...para(ctx, STYLE.letterheadRtl, lines.state, { bidi: true }),
      ...para(ctx, STYLE.letterheadRtl, lines.ministry, { bidi: true }),
      ...para(ctx, STYLE.letterheadRtl, lines.post, { bidi: true }),
    ])
  if (latin.length > 0 || localized.length > 0) {
    out.push(layoutTable([{ width: left, children: latin }, { width: right, children: localized }]))
    out.push(paragraphXml({ style: STYLE.rule, indent: { right: Math.round(ctx.textWidth * 0.7) } }))
  }

  // Post and number on the left; place, date and stamps on the right.
  const postLines = [...para(ctx, STYLE.post, issuer?.post), ...(cable.reference ? [paragraphXml({ style: STYLE.post }, textRunsXml(ctx, `N° ${cable.reference}`))] : [])]
  const when = [cable.place, cable.date ? `${ctx.french ? 'le ' : ''}${formatDate(cable.date, cable.lang ?? 'en')}` : undefined].filter(Boolean).join(', ')
  let stamps = ''
  for (const stamp of [cable.precedence?.label, cable.classification?.label]) {
    if (!stamp) continue
    if (stamps !== '') stamps += runXml('    ')
    stamps += runXml(`\u00A0${prepareTextXml(ctx, stamp)}\u00A0`, { style: STYLE.stamp })
  }
  const rightBlock = [...para(ctx, STYLE.placeDate, when), ...(stamps !== '' ? [paragraphXml({ style: STYLE.stamps }, stamps)] : [])]
  if (postLines.length > 0 || rightBlock.length > 0) out.push(layoutTable([{ width: left, children: postLines }, { width: right, children: rightBlock }]))

  // Sender, "A", addressees.
  out.push(...para(ctx, STYLE.sender, cable.from))
  if (cable.to && cable.to.length > 0) {
    if (cable.from) out.push(paragraphXml({ style: STYLE.toMark }, textRunsXml(ctx, labels.to)))
    for (const to of cable.to) out.push(...para(ctx, STYLE.addressee, to))
  }

  // Distribution and transmission.
  const distribution: string[] = []
  if (cable.distribution?.primary) distribution.push(paragraphXml({ style: STYLE.distribution }, labelledXml(ctx, labels.distributionPrimary, cable.distribution.primary.join(', '), false)))
  if (cable.distribution?.cc) distribution.push(paragraphXml({ style: STYLE.distribution }, labelledXml(ctx, labels.distributionCc, cable.distribution.cc.join(', '), false)))
  const transmission = cable.transmission ? [paragraphXml({ style: STYLE.distribution, alignment: 'right' }, labelledXml(ctx, labels.transmission, cable.transmission, false))] : []
  if (distribution.length > 0 || transmission.length > 0) out.push(layoutTable([{ width: left, children: distribution }, { width: right, children: transmission }]))

  out.push(...subjectAndReferences(ctx))
  return out
}

function subjectAndReferences(ctx: XmlContext): string[] {
  const { cable, labels } = ctx
  const out: string[] = []
  if (cable.subject) out.push(paragraphXml({ style: STYLE.subject }, labelledXml(ctx, labels.subject, cable.subject, true)))
  cable.references?.forEach((reference, index) => {
    const content = index === 0 ? labelledXml(ctx, labels.references, reference, true) : runXml('\t') + textRunsXml(ctx, reference)
    out.push(paragraphXml({ style: STYLE.references }, content))
  })
  // The body starts after a gap, as on the paper.
  if (out.length > 0) out.push(paragraphXml({ style: STYLE.telegramLine }))
  return out
}

/** `C O N F I D E N T I A L`: the telegram banner spelling of a classification. */
export function spacedBanner(label: string): string {
  return label
    .split(/\s+/)
    .map((word) => [...word].join(' '))
    .join('   ')
}

const PRECEDENCE_LETTERS: Record<string, string> = { routine: 'R', priority: 'P', urgent: 'O', 'very-urgent': 'O', immediate: 'O', flash: 'Z' }

function telegramHeader(ctx: XmlContext): string[] {
  const { cable, labels } = ctx
  const out: string[] = []
  const line = (text: string) => out.push(paragraphXml({ style: STYLE.telegramLine }, textRunsXml(ctx, text)))
  const blank = () => out.push(paragraphXml({ style: STYLE.telegramLine }))
  const listed = (label: string, items: string[] | undefined) => {
    items?.forEach((item, index) => line(index === 0 ? `${label} ${item}` : item))
  }
  // Only what the cable has: a date-time group needs a time (a WikiLeaks metadata-only record or partial extract has only a day), an action letter a precedence.
  const dtg = cable.date ? (/T\d/.test(cable.date) ? telegramDateTimeGroup(cable.date) : formatDate(cable.date, 'en').toUpperCase()) : undefined
  const letter = cable.precedence ? PRECEDENCE_LETTERS[cable.precedence.level] : undefined
  if (dtg || letter) line([letter, dtg].filter(Boolean).join(' '))
  if (cable.from) line(`${labels.from} ${cable.from}`)
  listed(labels.to, cable.to)
  listed(labels.info, cable.info)
  blank()
  const banner = [cable.classification ? spacedBanner(cable.classification.label) : undefined, cable.reference ?? cable.id].filter(Boolean).join(' ')
  if (banner) {
    line(banner)
    blank()
  }
  if (cable.declassification) line(/^E\.?O\.?\s/i.test(cable.declassification) ? cable.declassification : `E.O. ${cable.declassification}`)
  if (cable.tags) line(`${labels.tags}: ${cable.tags.join(', ')}`)
  if (cable.subject) line(`${labels.subject}: ${cable.subject}`)
  if (cable.references && cable.references.length > 0) {
    blank()
    cable.references.forEach((reference, index) => {
      const letterMark = cable.references!.length > 1 && !/^[A-Z]\.\s/.test(reference) ? `${String.fromCharCode(65 + (index % 26))}. ` : ''
      line(index === 0 ? `${labels.references}: ${letterMark}${reference}` : `     ${letterMark}${reference}`)
    })
  }
  const classified = classifiedByLine(cable.classifiedBy, cable.classificationReasons)
  if (classified) {
    blank()
    line(classified)
  }
  blank()
  return out
}

function sobreHeader(ctx: XmlContext): string[] {
  const { cable, labels } = ctx
  const out: string[] = []
  if (cable.subject) out.push(paragraphXml({ style: STYLE.heading1 }, textRunsXml(ctx, cable.subject)))
  const rows: [string, string | undefined][] = [
    [labels.from, cable.from],
    [labels.to, cable.to?.join('; ')],
    [labels.info, cable.info?.join('; ')],
    ['Date', cable.date ? [cable.place, formatDate(cable.date, cable.lang ?? 'en')].filter(Boolean).join(', ') : cable.place],
    ['N°', cable.reference],
    [labels.transmission, [cable.precedence?.label, cable.classification?.label, cable.transmission].filter(Boolean).join(' · ') || undefined],
    [labels.distributionPrimary, cable.distribution?.primary?.join(', ')],
    [labels.distributionCc, cable.distribution?.cc?.join(', ')],
    [labels.references, cable.references?.join('; ')],
    [labels.tags, cable.tags?.join(', ')],
  ]
  const present = rows.filter((row): row is [string, string] => Boolean(row[1]))
  if (present.length > 0) {
    const labelWidth = Math.round(ctx.textWidth * 0.28)
    const valueWidth = ctx.textWidth - labelWidth
    out.push(
      tableXml({
        columnWidths: [labelWidth, valueWidth],
        borders: NONE,
        rows: present.map(([label, value]) => ({
          cells: [
            { width: labelWidth, content: paragraphXml({ style: STYLE.tableText }, runXml(prepareTextXml(ctx, label), { style: STYLE.label })) },
            { width: valueWidth, content: paragraphXml({ style: STYLE.tableText }, textRunsXml(ctx, value)) },
          ],
        })),
      }),
    )
    out.push(paragraphXml({ style: STYLE.rule }))
  }
  return out
}
