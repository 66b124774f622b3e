import { prepareTextXml, textRunsXml } from '../../docx/inline-xml.js'
import { labelledXml } from '../../docx/labelled-xml.js'
import { layoutTable } from '../../docx/layout-table.js'
import { STYLE } from '../../docx/styles.js'
import { paragraphXml } from '../../docx/wml-paragraph.js'
import type { ParagraphProps } from '../../docx/wml-paragraph.js'
import { runXml } from '../../docx/wml-run.js'
import type { XmlContext } from '../../docx/xml-context.js'
import { formatDate } from '../../text/format-date.js'

function para(ctx: XmlContext, style: string, text: string | undefined, extra: ParagraphProps = {}): string[] {
  if (!text) return []
  return [paragraphXml({ style, ...extra }, textRunsXml(ctx, text))]
}

/**
 * The French ministerial header in DOCX, in the order the PDF draws it:
 * letterhead (French left, the localized lines right, right to left), post
 * and `N°` left with place, date and stamps right, sender, `A` and
 * addressees, distribution (and information copies) beside transmission,
 * then `Objet :` and `Réf. :`.
 */
export function ministereHeaderXml(ctx: XmlContext): string[] {
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
    out.push(
      layoutTable([
        { width: left, children: latin },
        { width: right, children: localized },
      ]),
    )
    out.push(paragraphXml({ style: STYLE.rule, indent: { right: Math.round(ctx.textWidth * 0.7) } }))
  }

  // Post and number on the left; place, date and stamps on the right.
  const postLines = [
    ...para(ctx, STYLE.post, issuer?.post),
    ...(cable.reference ? [paragraphXml({ style: STYLE.post }, textRunsXml(ctx, `N° ${cable.reference}`))] : []),
  ]
  const when = [cable.place, cable.date ? `${ctx.french ? 'le ' : ''}${formatDate(cable.date, cable.lang ?? 'en')}` : undefined].filter(Boolean).join(', ')
  let stamps = ''
  for (const stamp of [cable.precedence?.label, cable.classification?.label]) {
    if (!stamp) continue
    if (stamps !== '') stamps += runXml('    ')
    stamps += runXml(`\u00A0${prepareTextXml(ctx, stamp)}\u00A0`, { style: STYLE.stamp })
  }
  const rightBlock = [...para(ctx, STYLE.placeDate, when), ...(stamps !== '' ? [paragraphXml({ style: STYLE.stamps }, stamps)] : [])]
  if (postLines.length > 0 || rightBlock.length > 0)
    out.push(
      layoutTable([
        { width: left, children: postLines },
        { width: right, children: rightBlock },
      ]),
    )

  // Sender, "A", addressees.
  out.push(...para(ctx, STYLE.sender, cable.from))
  if (cable.to && cable.to.length > 0) {
    // The PDF prints the `A` line above the addressees whether or not a sender stands above it.
    out.push(paragraphXml({ style: STYLE.toMark }, textRunsXml(ctx, labels.to)))
    for (const to of cable.to) out.push(...para(ctx, STYLE.addressee, to))
  }

  // Distribution and transmission.
  const distribution: string[] = []
  if (cable.distribution?.primary?.length)
    distribution.push(paragraphXml({ style: STYLE.distribution }, labelledXml(ctx, labels.distributionPrimary, cable.distribution.primary.join(', '), false)))
  if (cable.distribution?.cc?.length)
    distribution.push(paragraphXml({ style: STYLE.distribution }, labelledXml(ctx, labels.distributionCc, cable.distribution.cc.join(', '), false)))
  if (cable.info?.length) distribution.push(paragraphXml({ style: STYLE.distribution }, labelledXml(ctx, labels.info, cable.info.join(', '), false)))
  const transmission = cable.transmission
    ? [paragraphXml({ style: STYLE.distribution, alignment: 'right' }, labelledXml(ctx, labels.transmission, cable.transmission, false))]
    : []
  if (distribution.length > 0 || transmission.length > 0)
    out.push(
      layoutTable([
        { width: left, children: distribution },
        { width: right, children: transmission },
      ]),
    )

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
