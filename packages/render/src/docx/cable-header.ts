import { AlignmentType, Paragraph, Table, TableBorders, TableCell, TableRow, TextRun, WidthType } from 'docx'
import type { FileChild, ParagraphChild } from 'docx'
import type { WriteContext } from './context.js'
import { formatDate, telegramDateTimeGroup } from '../text/format-date.js'
import { prepareText, textRuns } from './inline.js'
import { STYLE } from './styles.js'

/**
 * The blocks a cable opens with, before its body: the letterhead and header
 * fields, laid out as the theme's family does (`ministere`, `telegramme`, or
 * the quiet `sobre` table).
 */
export function cableHeader(ctx: WriteContext): FileChild[] {
  switch (ctx.extras.layout) {
    case 'ministere':
      return ministereHeader(ctx)
    case 'telegramme':
      return telegramHeader(ctx)
    default:
      return sobreHeader(ctx)
  }
}

/** The blocks a cable closes with after its body: signature and the list of attachments. */
export function cableClosing(ctx: WriteContext): FileChild[] {
  const { cable, labels } = ctx
  const out: FileChild[] = []
  const count = cable.attachments.length
  // Signature and list of attachments are one block: a page break between them would strand `PJ :` alone on a page.
  if (cable.signature) {
    const style = ctx.extras.layout === 'telegramme' ? STYLE.telegramLine : STYLE.signature
    out.push(new Paragraph({ style, keepNext: count > 0, spacing: { before: 240 }, children: textRuns(ctx, cable.signature) }))
  }
  cable.attachments.forEach((attachment, index) => {
    out.push(new Paragraph({ style: STYLE.attachmentList, keepNext: index < count - 1, children: labelled(ctx, attachment.label || labels.attachment, attachment.title, false) }))
  })
  return out
}

/** `Objet :` in the label style, then the value: the label's punctuation follows the cable's language. */
export function labelled(ctx: WriteContext, label: string, value: string, tab: boolean): ParagraphChild[] {
  const colon = ctx.french ? ' :' : ':'
  return [new TextRun({ text: prepareText(ctx, `${label}${colon}`), style: STYLE.label }), new TextRun({ text: tab ? '\t' : ' ' }), ...textRuns(ctx, value)]
}

function para(ctx: WriteContext, style: string, text: string | undefined, extra: Record<string, unknown> = {}): Paragraph[] {
  if (!text) return []
  return [new Paragraph({ style, children: textRuns(ctx, text), ...extra })]
}

// Borderless layout tables: what a secretary would use in Word to set two blocks side by side.
function layoutTable(columns: { width: number; children: (Paragraph | Table)[] }[]): Table {
  return new Table({
    width: { size: columns.reduce((sum, c) => sum + c.width, 0), type: WidthType.DXA },
    columnWidths: columns.map((c) => c.width),
    borders: TableBorders.NONE,
    margins: { left: 0, right: 0, top: 0, bottom: 0 },
    rows: [
      new TableRow({
        children: columns.map(
          (c) =>
            new TableCell({
              width: { size: c.width, type: WidthType.DXA },
              borders: { top: NONE, bottom: NONE, left: NONE, right: NONE },
              // A cell must end with a paragraph.
              children: c.children.length > 0 && c.children[c.children.length - 1] instanceof Paragraph ? c.children : [...c.children, new Paragraph({ style: STYLE.letterhead, children: [] })],
            }),
        ),
      }),
    ],
  })
}

const NONE = { style: 'nil' as const, size: 0, color: 'auto' }

function ministereHeader(ctx: WriteContext): FileChild[] {
  const { cable, labels } = ctx
  const out: FileChild[] = []
  const issuer = cable.issuer
  const left = Math.round(ctx.textWidth * 0.55)
  const right = ctx.textWidth - left

  // Letterhead: state and ministry on the left, the same in Arabic (right to left) on the right.
  const latin = [...para(ctx, STYLE.letterheadState, issuer?.state), ...para(ctx, STYLE.letterhead, issuer?.ministry)]
  const localized = Object.entries(issuer?.localized ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap(([, lines]) => [
      ...para(ctx, STYLE.letterheadRtl, lines.state, { bidirectional: true }),
      ...para(ctx, STYLE.letterheadRtl, lines.ministry, { bidirectional: true }),
      ...para(ctx, STYLE.letterheadRtl, lines.post, { bidirectional: true }),
    ])
  if (latin.length > 0 || localized.length > 0) {
    out.push(layoutTable([{ width: left, children: latin }, { width: right, children: localized }]))
    out.push(new Paragraph({ style: STYLE.rule, indent: { right: Math.round(ctx.textWidth * 0.7) }, children: [] }))
  }

  // Post and number on the left; place, date and stamps on the right.
  const postLines = [...para(ctx, STYLE.post, issuer?.post), ...(cable.reference ? [new Paragraph({ style: STYLE.post, children: textRuns(ctx, `N° ${cable.reference}`) })] : [])]
  const when = [cable.place, cable.date ? `${ctx.french ? 'le ' : ''}${formatDate(cable.date, cable.lang ?? 'en')}` : undefined].filter(Boolean).join(', ')
  const stamps: ParagraphChild[] = []
  for (const stamp of [cable.precedence?.label, cable.classification?.label]) {
    if (!stamp) continue
    if (stamps.length > 0) stamps.push(new TextRun({ text: '    ' }))
    stamps.push(new TextRun({ text: `\u00A0${prepareText(ctx, stamp)}\u00A0`, style: STYLE.stamp }))
  }
  const rightBlock = [...para(ctx, STYLE.placeDate, when), ...(stamps.length > 0 ? [new Paragraph({ style: STYLE.stamps, children: stamps })] : [])]
  if (postLines.length > 0 || rightBlock.length > 0) out.push(layoutTable([{ width: left, children: postLines }, { width: right, children: rightBlock }]))

  // Sender, "A", addressees.
  out.push(...para(ctx, STYLE.sender, cable.from))
  if (cable.to && cable.to.length > 0) {
    if (cable.from) out.push(new Paragraph({ style: STYLE.toMark, children: textRuns(ctx, labels.to) }))
    for (const to of cable.to) out.push(...para(ctx, STYLE.addressee, to))
  }

  // Distribution and transmission.
  const distribution: Paragraph[] = []
  if (cable.distribution?.primary) distribution.push(new Paragraph({ style: STYLE.distribution, children: labelled(ctx, labels.distributionPrimary, cable.distribution.primary.join(', '), false) }))
  if (cable.distribution?.cc) distribution.push(new Paragraph({ style: STYLE.distribution, children: labelled(ctx, labels.distributionCc, cable.distribution.cc.join(', '), false) }))
  const transmission = cable.transmission ? [new Paragraph({ style: STYLE.distribution, alignment: AlignmentType.RIGHT, children: labelled(ctx, labels.transmission, cable.transmission, false) })] : []
  if (distribution.length > 0 || transmission.length > 0) out.push(layoutTable([{ width: left, children: distribution }, { width: right, children: transmission }]))

  out.push(...subjectAndReferences(ctx))
  return out
}

function subjectAndReferences(ctx: WriteContext): Paragraph[] {
  const { cable, labels } = ctx
  const out: Paragraph[] = []
  if (cable.subject) out.push(new Paragraph({ style: STYLE.subject, children: labelled(ctx, labels.subject, cable.subject, true) }))
  cable.references?.forEach((reference, index) => {
    const children = index === 0 ? labelled(ctx, labels.references, reference, true) : [new TextRun({ text: '\t' }), ...textRuns(ctx, reference)]
    out.push(new Paragraph({ style: STYLE.references, children }))
  })
  // The body starts after a gap, as on the paper.
  if (out.length > 0) out.push(new Paragraph({ style: STYLE.telegramLine, children: [] }))
  return out
}

const PRECEDENCE_LETTERS: Record<string, string> = { routine: 'R', priority: 'P', urgent: 'O', 'very-urgent': 'O', immediate: 'O', flash: 'Z' }

/** `C O N F I D E N T I A L`: the telegram banner spelling of a classification. */
export function spacedBanner(label: string): string {
  return label
    .split(/\s+/)
    .map((word) => [...word].join(' '))
    .join('   ')
}

function telegramHeader(ctx: WriteContext): FileChild[] {
  const { cable, labels } = ctx
  const out: FileChild[] = []
  const line = (text: string) => out.push(new Paragraph({ style: STYLE.telegramLine, children: textRuns(ctx, text) }))
  const blank = () => out.push(new Paragraph({ style: STYLE.telegramLine, children: [] }))
  const listed = (label: string, items: string[] | undefined) => {
    items?.forEach((item, index) => line(index === 0 ? `${label} ${item}` : item))
  }
  const dtg = cable.date ? telegramDateTimeGroup(cable.date) : undefined
  const letter = cable.precedence ? PRECEDENCE_LETTERS[cable.precedence.level] : undefined
  if (dtg || letter) line([letter, dtg].filter(Boolean).join(' '))
  if (cable.from) line(`${labels.from} ${cable.from}`)
  listed(labels.to, cable.to)
  listed(labels.info, cable.info)
  blank()
  const banner = [cable.classification ? spacedBanner(cable.classification.label) : undefined, cable.reference ?? cable.id].filter(Boolean).join(' ')
  if (banner) {
    out.push(new Paragraph({ style: STYLE.telegramLine, children: textRuns(ctx, banner) }))
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
  if (cable.classifiedBy) {
    blank()
    line(/^classified by/i.test(cable.classifiedBy) ? cable.classifiedBy : `Classified By: ${cable.classifiedBy}`)
  }
  blank()
  return out
}

function sobreHeader(ctx: WriteContext): FileChild[] {
  const { cable, labels } = ctx
  const out: FileChild[] = []
  if (cable.subject) out.push(new Paragraph({ style: STYLE.heading1, children: textRuns(ctx, cable.subject) }))
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
    out.push(
      new Table({
        width: { size: ctx.textWidth, type: WidthType.DXA },
        columnWidths: [labelWidth, ctx.textWidth - labelWidth],
        borders: TableBorders.NONE,
        rows: present.map(
          ([label, value]) =>
            new TableRow({
              children: [
                new TableCell({ width: { size: labelWidth, type: WidthType.DXA }, children: [new Paragraph({ style: STYLE.tableText, children: [new TextRun({ text: prepareText(ctx, label), style: STYLE.label })] })] }),
                new TableCell({ width: { size: ctx.textWidth - labelWidth, type: WidthType.DXA }, children: [new Paragraph({ style: STYLE.tableText, children: textRuns(ctx, value) })] }),
              ],
            }),
        ),
      }),
    )
    out.push(new Paragraph({ style: STYLE.rule, children: [] }))
  }
  return out
}
