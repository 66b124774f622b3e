import { sobreHeaderEntries } from '../text/sobre-header-entries.js'
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
  const entries = sobreHeaderEntries(cable, labels, ctx.lang, french)
  const lines: LabelledLine[] = entries.map(([label, value]) => [label, textHtml(ctx, value)])
  return `${titleHtml(ctx)}\n${labelledLinesHtml(ctx, lines, 'fields')}<hr class="header-rule">\n`
}
