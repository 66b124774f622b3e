import { formatDate } from '../../text/format-date.js'
import type { HtmlContext, HtmlCssInput } from '../../html/html-context.js'
import { labelledLinesHtml, titleHtml } from '../../html/labelled-lines-html.js'
import type { LabelledLine } from '../../html/labelled-lines-html.js'
import { textHtml } from '../../html/text-html.js'

const RTL_LANG = /^(ar|fa|he|ur|ps)/i

/**
 * The French ministerial header, in the order the PDF draws it: letterhead
 * (French left, the localized lines right, in their language and direction),
 * post and `N°` left with place and date right, boxed stamps, sender / `A` /
 * addressee centred, distribution beside transmission, then `Objet :` (the
 * page's title) and `Réf. :`.
 */
export function ministereHeaderHtml(ctx: HtmlContext): string {
  const { cable, labels } = ctx
  const parts: string[] = []
  const issuer = cable.issuer
  const french: string[] = []
  if (issuer?.state) french.push(`<p class="state">${textHtml(ctx, issuer.state.toUpperCase())}</p>`)
  if (issuer?.ministry) french.push(`<p class="ministry">${textHtml(ctx, issuer.ministry)}</p>`)
  const localized = Object.entries(issuer?.localized ?? {}).map(([lang, lines]) => {
    const safeLang = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/.test(lang) ? lang : undefined
    const marked = safeLang !== undefined
    const inner = [
      lines.state ? `<p class="state">${textHtml(ctx, lines.state, { rtlBlock: marked })}</p>` : '',
      lines.ministry ? `<p class="ministry">${textHtml(ctx, lines.ministry, { rtlBlock: marked })}</p>` : '',
    ].join('')
    if (!inner) return ''
    return `<div class="localized"${safeLang ? ` lang="${safeLang}"` : ''}${safeLang && RTL_LANG.test(safeLang) ? ' dir="rtl"' : ''}>${inner}</div>`
  })
  if (french.length > 0 || localized.some(Boolean)) {
    ctx.seen.bold = true
    parts.push(`<div class="letterhead"><div class="issuer">${french.join('')}</div>${localized.join('')}</div>\n<hr class="letterhead-rule">\n`)
  }

  const post = issuer?.post ?? issuer?.localized?.['fr']?.post
  const left = [
    post ? `<p class="post">${textHtml(ctx, post)}</p>` : '',
    cable.reference ? `<p class="reference">N° ${textHtml(ctx, cable.reference)}</p>` : '',
  ].join('')
  const dateText = [cable.place, cable.date ? `${ctx.lang.startsWith('fr') ? 'le ' : ''}${formatDate(cable.date, ctx.lang)}` : undefined]
    .filter(Boolean)
    .join(', ')
  const right = dateText ? `<p class="place-date">${textHtml(ctx, dateText)}</p>` : ''
  const stamps = [cable.precedence?.label, cable.classification?.label].filter((label): label is string => Boolean(label))
  const stampsHtml =
    stamps.length > 0 ? `<p class="stamps">${stamps.map((label) => `<span class="stamp">${textHtml(ctx, label.toUpperCase())}</span>`).join(' ')}</p>` : ''
  if (left || right || stampsHtml) parts.push(`<div class="top"><div class="top-left">${left}</div><div class="top-right">${right}${stampsHtml}</div></div>\n`)

  const address: string[] = []
  if (cable.from) address.push(`<p>${textHtml(ctx, cable.from.toUpperCase())}</p>`)
  if (cable.to?.length) {
    address.push(`<p>${textHtml(ctx, labels.to)}</p>`)
    for (const to of cable.to) address.push(`<p>${textHtml(ctx, to.toUpperCase())}</p>`)
  }
  if (address.length > 0) parts.push(`<div class="address">${address.join('')}</div>\n`)

  const distribution: LabelledLine[] = []
  if (cable.distribution?.primary?.length) distribution.push([labels.distributionPrimary, textHtml(ctx, cable.distribution.primary.join(', '))])
  if (cable.distribution?.cc?.length) distribution.push([labels.distributionCc, textHtml(ctx, cable.distribution.cc.join(', '))])
  if (cable.info?.length) distribution.push([labels.info, textHtml(ctx, cable.info.join(', '))])
  const transmission: LabelledLine[] = cable.transmission ? [[labels.transmission, textHtml(ctx, cable.transmission)]] : []
  if (distribution.length > 0 || transmission.length > 0) {
    parts.push(`<div class="routing">${labelledLinesHtml(ctx, distribution, 'distribution')}${labelledLinesHtml(ctx, transmission, 'transmission')}</div>\n`)
  }

  const subject: LabelledLine[] = []
  if (cable.subject) subject.push([labels.subject, titleHtml(ctx)])
  for (const [index, reference] of (cable.references ?? []).entries()) subject.push([index === 0 ? labels.references : '', textHtml(ctx, reference)])
  parts.push(cable.subject ? '' : titleHtml(ctx), labelledLinesHtml(ctx, subject, 'subject-lines'))
  return parts.join('')
}

const pt = (value: number) => `${Math.round(value * 100) / 100}pt`

/** The style rules of the ministerial header, in step with its PDF drawing. */
export function ministereCss({ s, c, stamp }: HtmlCssInput): string {
  return `
.cable-header p{text-indent:0;text-align:left;margin:0}
.letterhead{display:flex;justify-content:space-between;gap:4%;font-size:${pt(s.letterhead)};line-height:1.2}
.letterhead>div{width:48%}
.letterhead .state{font-weight:700;font-size:${pt(s.letterhead + 1)}}
.letterhead .localized p{text-align:right}
.letterhead-rule{width:110pt;margin:4pt 0 10pt;border-top-width:.8pt}
.top{display:flex;justify-content:space-between;gap:4%;margin-bottom:14pt}
.top>div{width:48%}
.top p{line-height:1.25}
.top .post{font-size:${pt(s.letterhead)}}
.top .reference{font-weight:700}
.top-right{text-align:right}
.top-right p{text-align:right}
.stamps{margin-top:10pt!important}
.stamp{display:inline-block;margin-left:8pt;padding:2pt 5pt;border:1.2pt solid ${c.stamp};color:${c.stamp};font-family:${stamp};font-size:${pt(s.stamp)};font-weight:700;line-height:1.3;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.address{margin-bottom:12pt}
.address p{text-align:center;font-weight:700}
.routing{display:flex;justify-content:space-between;margin-bottom:12pt;font-size:${pt(s.small + 0.5)};line-height:1.3}
.routing .distribution{width:62%}
.routing .transmission{width:34%}
.subject-lines{margin-bottom:14pt}
`
}
