import { THEME_DRAWINGS } from '../pdf/themes/theme-drawings.js'
import type { ThemeData } from '../themes/theme.js'
import type { HtmlContext } from './html-context.js'
import { ministereHeaderHtml } from './ministere-header-html.js'
import { sobreHeaderHtml } from './sobre-header-html.js'
import { telegrammeHeaderHtml } from './telegramme-header-html.js'

/** The header writers of the built-in themes, by theme name. */
const HEADERS: Readonly<Record<string, (ctx: HtmlContext) => string>> = {
  ministere: ministereHeaderHtml,
  telegramme: telegrammeHeaderHtml,
  sobre: sobreHeaderHtml,
}

type Layout = keyof typeof THEME_DRAWINGS

/**
 * The layout family of `theme` for HTML, as the PDF picks its drawing: the
 * built-in drawing it reuses (`pdf: THEME_DRAWINGS.ministere`), else the
 * built-in theme of its name, else `sobre`.
 */
export function htmlLayoutOf(theme: ThemeData): Layout {
  const names = Object.keys(THEME_DRAWINGS) as Layout[]
  const reused = theme.pdf ? names.find((name) => THEME_DRAWINGS[name] === theme.pdf) : undefined
  return reused ?? names.find((name) => name === theme.name) ?? 'sobre'
}

/** The first-page header of the cable in its theme's layout. */
export function headerHtml(ctx: HtmlContext): string {
  return HEADERS[htmlLayoutOf(ctx.theme)]!(ctx)
}
