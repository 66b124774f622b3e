import { completeTheme } from '../themes/resolve-theme.js'
import type { HeaderContext } from '../themes/header-block.js'
import { headerBlocksXml } from './header-blocks-xml.js'
import { labelledXml } from './labelled-xml.js'
import { STYLE } from './styles.js'
import { paragraphXml } from './wml-paragraph.js'
import type { XmlContext } from './xml-context.js'

function headerContext(ctx: XmlContext): HeaderContext {
  const lang = ctx.cable.lang ?? 'en'
  return { labels: ctx.labels, lang, french: lang.toLowerCase().startsWith('fr') }
}

/**
 * The blocks a cable opens with, before its body, as XML: the theme's header
 * description written by {@link headerBlocksXml}, or the DOCX header a custom
 * theme draws by hand (`docx.header`).
 */
export function cableHeaderXml(ctx: XmlContext): string[] {
  const theme = completeTheme(ctx.cableTheme ?? ctx.theme)
  if (theme.docx?.header) return theme.docx.header(ctx)
  return headerBlocksXml(ctx, theme.header?.(ctx.cable, headerContext(ctx)) ?? [])
}

/** The blocks a cable closes with after its body, as XML: the theme's closing (signature…) and the list of attachments. */
export function cableClosingXml(ctx: XmlContext): string[] {
  const { cable, labels } = ctx
  const theme = completeTheme(ctx.cableTheme ?? ctx.theme)
  const count = cable.attachments.length
  // The closing and the list of attachments are one block: a page break between them would strand `PJ :` alone on a page.
  const out = headerBlocksXml(ctx, theme.closing?.(cable, headerContext(ctx)) ?? [], { spaceBefore: 12, keepNext: count > 0 })
  cable.attachments.forEach((attachment, index) => {
    out.push(
      paragraphXml(
        { style: STYLE.attachmentList, keepNext: index < count - 1 },
        labelledXml(ctx, attachment.label || labels.attachment, attachment.title, false),
      ),
    )
  })
  return out
}
