import { completeTheme } from '../themes/resolve-theme.js'
import type { HeaderContext } from '../themes/header-block.js'
import { hasTitle, headerBlocksHtml } from './header-blocks-html.js'
import type { HtmlContext } from './html-context.js'
import { textHtml } from './text-html.js'

function headerContext(ctx: HtmlContext): HeaderContext {
  return { labels: ctx.labels, lang: ctx.lang, french: ctx.lang.toLowerCase().startsWith('fr') }
}

/**
 * The first-page header of the cable: the theme's description written by
 * {@link headerBlocksHtml}, or the HTML header a custom theme draws by hand
 * (`html.header`). A header without a title gets a hidden `<h1>`, so
 * the page still has a top heading.
 */
export function headerHtml(ctx: HtmlContext): string {
  const theme = completeTheme(ctx.theme)
  if (theme.html?.header) return theme.html.header(ctx)
  const blocks = theme.header?.(ctx.cable, headerContext(ctx)) ?? []
  if (hasTitle(blocks)) return headerBlocksHtml(ctx, blocks)
  // The page's one <h1> names the cable even where its header prints no title line.
  const { cable } = ctx
  const name = cable.subject ?? cable.reference ?? cable.id ?? cable.publication?.title ?? ''
  return `<h1 class="visually-hidden">${textHtml(ctx, name)}</h1>\n${headerBlocksHtml(ctx, blocks)}`
}

/** What follows the text: the theme's closing (signature, place and date…). */
export function closingHtml(ctx: HtmlContext): string {
  const theme = completeTheme(ctx.theme)
  return headerBlocksHtml(ctx, theme.closing?.(ctx.cable, headerContext(ctx)) ?? [], 'header-lines closing')
}
