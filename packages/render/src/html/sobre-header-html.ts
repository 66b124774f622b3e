import { formatDate } from '../text/format-date.js'
import type { HtmlContext } from './html-context.js'
import { labelledLinesHtml, titleHtml } from './labelled-lines-html.js'
import type { LabelledLine } from './labelled-lines-html.js'
import { textHtml } from './text-html.js'

/**
 * The reading layout's header: the subject as the title, then a quiet list
 * of the header fields in muted type and a hairline, as the PDF draws it.
 */
export function sobreHeaderHtml(ctx: HtmlContext): string {
  const { cable, labels } = ctx
  const french = ctx.lang.toLowerCase().startsWith('fr')
  const entries: [string, string][] = []
  const issuer = [cable.issuer?.state, cable.issuer?.ministry, cable.issuer?.post].filter(Boolean).join(' — ')
  if (issuer) entries.push([french ? 'Émetteur' : 'Issuer', issuer])
  if (cable.reference ?? cable.id) entries.push([french ? 'Référence' : 'Reference', (cable.reference ?? cable.id)!])
  if (cable.date || cable.place) entries.push(['Date', [cable.place, cable.date ? formatDate(cable.date, ctx.lang) : undefined].filter(Boolean).join(', ')])
  if (cable.from) entries.push([labels.from, cable.from])
  if (cable.to?.length) entries.push([labels.to, cable.to.join('; ')])
  if (cable.info?.length) entries.push([labels.info, cable.info.join('; ')])
  if (cable.precedence) entries.push([french ? 'Priorité' : 'Precedence', cable.precedence.label])
  if (cable.classification) entries.push(['Classification', cable.classification.label])
  if (cable.references?.length) entries.push([labels.references, cable.references.join('; ')])
  if (cable.tags?.length) entries.push([labels.tags, cable.tags.join(', ')])
  const lines: LabelledLine[] = entries.map(([label, value]) => [label, textHtml(ctx, value)])
  return `${titleHtml(ctx)}\n${labelledLinesHtml(ctx, lines, 'fields')}<hr class="header-rule">\n`
}
