import { fontFace } from '../fonts/font-face.js'
import { shapeText } from '../fonts/shape-text.js'
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
  const total = ctx.pageTotalXml ?? fieldXml('NUMPAGES')
  return ctx.extras.pageNumber === 'of' ? runXml(`${ctx.labels.page} `) + fieldXml('PAGE') + runXml(' OF ') + total : fieldXml('PAGE') + runXml('/') + total
}

// Left, centre and right slots on one line, with tab stops at the centre and the right margin.
function slots(ctx: XmlContext, style: string, left: string, centre: string, right: string): string {
  const tabs = [
    { type: 'center' as const, position: Math.round(ctx.textWidth / 2) },
    { type: 'right' as const, position: ctx.textWidth },
  ]
  return paragraphXml({ style, tabs, alignment: 'left' }, left + runXml('\t') + centre + runXml('\t') + right)
}

// Room kept between the mark and what sits beside it, in points; widths are measured with the fonts the document embeds.
const GAP = 12

/** Width of `text` in points as the header and footer style sets it (the stamp font, bold, in capitals). */
function furnitureWidth(ctx: XmlContext, text: string, bold: boolean): number {
  const theme = ctx.cableTheme ?? ctx.theme
  const size = theme.sizes.small + 0.5
  try {
    return shapeText(fontFace(theme.fonts.stamp, bold ? 'bold' : 'regular'), text.toUpperCase()).width * size
  } catch {
    // A face that cannot be read (a custom theme's odd family): count characters as a wide monospace would.
    return text.length * size * 0.65
  }
}

/**
 * Whether the centred `mark` leaves room for `beside` at the margin: the
 * centre tab must not run the mark into the folio or running reference.
 */
function fitsBeside(ctx: XmlContext, mark: string, beside: string): boolean {
  if (!mark) return true
  const width = ctx.textWidth / 20
  const room = beside ? width - 2 * (furnitureWidth(ctx, beside, false) + GAP) : width
  return furnitureWidth(ctx, mark, true) <= room
}

/** The folio as text, for measuring: the widest the fields will print. */
function pageNumberText(ctx: XmlContext): string {
  return ctx.extras.pageNumber === 'of' ? `${ctx.labels.page} 00 OF 00` : '00/00'
}

/**
 * Header and footer parts: the classification in the document's wording at
 * the top and bottom of every page, `PAGE`/`NUMPAGES` fields in the footer,
 * the reference number on running headers, and a first-page header of its
 * own where the theme has one (the letterhead page needs no running reference).
 * A mark too long to sit between the reference (or folio) and the margin
 * gets a centred paragraph of its own, which wraps, and the reference or
 * folio its own line under it: nothing overprints.
 */
export function headerFooterXml(ctx: XmlContext): HeaderFooterParts {
  const label = ctx.cable.classification?.label ?? ''
  const markText = label ? (ctx.extras.spacedBanner ? spacedBanner(label) : label) : ''
  const classification = classificationText(ctx)
  const marking = classification ? runXml(classification) : ''
  const referenceText = ctx.extras.runningReference && ctx.cable.reference ? `N° ${ctx.cable.reference}` : ''
  const reference = referenceText ? runXml(prepareTextXml(ctx, referenceText)) : ''
  const header = (content: string) => `${XML_DECLARATION}<w:hdr ${WML_ROOT_ATTRIBUTES}>${content}</w:hdr>`
  const alone = (style: string, content: string, alignment: 'center' | 'left' | 'right') => paragraphXml({ style, alignment }, content)
  const markFits = fitsBeside(ctx, markText, '')
  const headerXml =
    reference && !fitsBeside(ctx, markText, referenceText)
      ? alone(STYLE.header, marking, 'center') + alone(STYLE.header, reference, 'left')
      : markFits
        ? slots(ctx, STYLE.header, reference, marking, '')
        : alone(STYLE.header, marking, 'center')
  // A teletype banner stands alone on its line, the page number under it, as the PDF sets them.
  const folioBelow = marking !== '' && (ctx.extras.spacedBanner || !fitsBeside(ctx, markText, pageNumberText(ctx)))
  const footerXml = folioBelow
    ? (markFits ? slots(ctx, STYLE.footer, '', marking, '') : alone(STYLE.footer, marking, 'center')) + alone(STYLE.footer, pageNumber(ctx), 'right')
    : slots(ctx, STYLE.footer, '', marking, pageNumber(ctx))
  const parts: HeaderFooterParts = {
    header: header(headerXml),
    footer: `${XML_DECLARATION}<w:ftr ${WML_ROOT_ATTRIBUTES}>${footerXml}</w:ftr>`,
  }
  if (ctx.extras.firstPageHeader) parts.firstHeader = header(markFits ? slots(ctx, STYLE.header, '', marking, '') : alone(STYLE.header, marking, 'center'))
  return parts
}
