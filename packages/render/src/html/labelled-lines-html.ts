import type { HtmlContext } from './html-context.js'
import { textHtml } from './text-html.js'

/** One label-and-value line; `value` is HTML already (it may hold the cable's `<h1>`). */
export type LabelledLine = [label: string, value: string]

/**
 * Label-and-value lines as a description list laid out on a grid: bold
 * labels in a column, values aligned after the widest label and wrapping
 * under themselves, as the PDF's `labelledLines` sets them. In French the
 * colon stands in a column of its own, as the ministries type it.
 */
export function labelledLinesHtml(ctx: HtmlContext, lines: readonly LabelledLine[], className: string): string {
  if (lines.length === 0) return ''
  ctx.seen.bold = true
  const french = ctx.lang.toLowerCase().startsWith('fr')
  const rows = lines.map(([label, value]) => {
    const colon = label
      ? french
        ? '<span class="colon" aria-hidden="true">:</span>'
        : '<span class="colon" aria-hidden="true"></span>'
      : '<span class="colon"></span>'
    const term = label ? `${textHtml(ctx, label, { french: false })}${french ? '' : ':'}` : ''
    return `<div class="line"><dt>${term}</dt>${colon}<dd>${value}</dd></div>`
  })
  return `<dl class="${className}${french ? ' french' : ''}">${rows.join('')}</dl>\n`
}

/**
 * The cable's title as its one `<h1>`: the subject where it has one; else its
 * reference or id, visually hidden, so the page still has a top heading.
 */
export function titleHtml(ctx: HtmlContext): string {
  const { cable } = ctx
  if (cable.subject) return `<h1 class="subject">${textHtml(ctx, cable.subject)}</h1>`
  const fallback = cable.reference ?? cable.id ?? cable.publication?.title ?? ''
  return `<h1 class="visually-hidden">${textHtml(ctx, fallback)}</h1>`
}
