import { spacedBanner } from '../text/spaced-banner.js'
import { prepareTextXml } from './inline-xml.js'
import { STYLE } from './styles.js'
import { WML_ROOT_ATTRIBUTES, XML_DECLARATION } from './wml-namespaces.js'
import { paragraphXml } from './wml-paragraph.js'
import { fieldXml, runXml } from './wml-run.js'
import type { XmlContext } from './xml-context.js'

/** The running header and footer parts of a document, as XML; `firstHeader` only where the theme has a first-page header. */
export interface HeaderFooterParts {
  header: string
  firstHeader?: string
  footer: string
}

function classificationText(ctx: XmlContext): string {
  const label = ctx.cable.classification?.label
  if (!label) return ''
  return prepareTextXml(ctx, ctx.extras.spacedBanner ? spacedBanner(label) : label)
}

function pageNumber(ctx: XmlContext): string {
  return ctx.extras.pageNumber === 'of'
    ? runXml(`${ctx.labels.page} `) + fieldXml('PAGE') + runXml(' OF ') + fieldXml('NUMPAGES')
    : fieldXml('PAGE') + runXml('/') + fieldXml('NUMPAGES')
}

// Left, centre and right slots on one line, with tab stops at the centre and the right margin.
function slots(ctx: XmlContext, style: string, left: string, centre: string, right: string): string {
  const tabs = [
    { type: 'center' as const, position: Math.round(ctx.textWidth / 2) },
    { type: 'right' as const, position: ctx.textWidth },
  ]
  return paragraphXml({ style, tabs, alignment: 'left' }, left + runXml('\t') + centre + runXml('\t') + right)
}

/**
 * Header and footer parts: the classification in the document's wording at
 * the top and bottom of every page, `PAGE`/`NUMPAGES` fields in the footer,
 * the reference number on running headers, and a first-page header of its
 * own where the theme has one (the letterhead page needs no running reference).
 */
export function headerFooterXml(ctx: XmlContext): HeaderFooterParts {
  const classification = classificationText(ctx)
  const marking = classification ? runXml(classification) : ''
  const reference = ctx.extras.runningReference && ctx.cable.reference ? runXml(prepareTextXml(ctx, `N° ${ctx.cable.reference}`)) : ''
  const header = (content: string) => `${XML_DECLARATION}<w:hdr ${WML_ROOT_ATTRIBUTES}>${content}</w:hdr>`
  const parts: HeaderFooterParts = {
    header: header(slots(ctx, STYLE.header, reference, marking, '')),
    // A teletype banner stands alone on its line, the page number under it, as the PDF sets them.
    footer: `${XML_DECLARATION}<w:ftr ${WML_ROOT_ATTRIBUTES}>${
      ctx.extras.spacedBanner && marking ? slots(ctx, STYLE.footer, '', marking, '') + paragraphXml({ style: STYLE.footer, alignment: 'right' }, pageNumber(ctx)) : slots(ctx, STYLE.footer, '', marking, pageNumber(ctx))
    }</w:ftr>`,
  }
  if (ctx.extras.firstPageHeader) parts.firstHeader = header(slots(ctx, STYLE.header, '', marking, ''))
  return parts
}
