import { actionLine, classifiedByLine, spacedBanner } from '../pdf/themes/telegramme-drawing.js'
import type { HtmlContext } from './html-context.js'
import { textHtml } from './text-html.js'

/**
 * A spaced banner (`C O N F I D E N T I A L`) for the eye, and the word for
 * screen readers, which would otherwise spell it letter by letter.
 */
export function bannerHtml(ctx: HtmlContext, label: string): string {
  return `<span aria-hidden="true">${textHtml(ctx, spacedBanner(label), { french: false })}</span><span class="visually-hidden">${textHtml(ctx, label, { french: false })}</span>`
}

/**
 * The US telegram header, line by line in telegram order as the PDF types
 * it: precedence and date-time group, `FM`, `TO`, `INFO`, `BT`, the banner
 * with the reference, `E.O.`, `TAGS`, `SUBJECT` (the page's title), `REF`,
 * `Classified By`. Continuation lines hang under the first value.
 */
export function telegrammeHeaderHtml(ctx: HtmlContext): string {
  const { cable } = ctx
  const lines: string[] = []
  const text = (value: string) => textHtml(ctx, value, { french: false })
  const line = (html: string, className = 'line') => lines.push(`<div class="${className}">${html}</div>`)
  const hanging = (label: string, values: string[], className = 'line hanging') => {
    if (values.length > 0) line(`<span class="label">${text(label)}</span> <span class="values">${values.map((value) => `<span class="value">${value}</span>`).join('')}</span>`, className)
  }
  const precedence = cable.precedence
  // The lines are worded by the PDF drawing's own helpers, so both print the same telegram.
  const action = actionLine(cable.precedence, cable.date)
  if (action) line(text(action))
  if (cable.from) line(text(`FM ${cable.from}`))
  if (cable.to?.length) hanging('TO', cable.to.map((to, index) => text(index === 0 && precedence ? `${to} ${precedence.label.toUpperCase()}` : to)))
  if (cable.info?.length) hanging('INFO', cable.info.map(text))
  line('BT')
  const reference = cable.reference ?? cable.id
  const banner = [cable.classification ? bannerHtml(ctx, cable.classification.label) : '', reference ? text(reference) : ''].filter(Boolean).join(' ')
  if (banner) line(banner, 'line banner')
  if (cable.declassification) line(text(cable.declassification))
  if (cable.tags?.length) line(text(`TAGS: ${cable.tags.join(', ')}`))
  if (cable.subject) hanging('SUBJECT:', [`<h1 class="subject">${text(cable.subject)}</h1>`], 'line hanging gap-after')
  else lines.push(`<h1 class="visually-hidden">${text(reference ?? '')}</h1>`)
  if (cable.references?.length) {
    const refs = cable.references.map((ref, index) => (cable.references!.length > 1 && !/^[A-Z]\.\s/.test(ref) ? `${String.fromCharCode(65 + index)}. ${ref}` : ref))
    hanging('REF:', refs.map(text), 'line hanging gap-after')
  }
  const classified = classifiedByLine(cable.classifiedBy, cable.classificationReasons)
  if (classified) line(text(classified), 'line gap-after')
  return `<div class="telegram-lines">${lines.join('\n')}</div>\n`
}
