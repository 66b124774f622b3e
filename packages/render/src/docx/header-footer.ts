import { AlignmentType, Footer, Header, PageNumber, Paragraph, TabStopType, TextRun } from 'docx'
import type { ParagraphChild } from 'docx'
import type { WriteContext } from './context.js'
import { spacedBanner } from './cable-header.js'
import { prepareText } from './inline.js'
import { STYLE } from './styles.js'

/** The running headers and footers of a section. */
export interface HeadersAndFooters {
  headers: { default: Header; first?: Header }
  footers: { default: Footer; first?: Footer }
}

function classificationText(ctx: WriteContext): string {
  const label = ctx.cable.classification?.label
  if (!label) return ''
  return prepareText(ctx, ctx.extras.spacedBanner ? spacedBanner(label) : label)
}

function pageNumber(ctx: WriteContext): TextRun {
  const children = ctx.extras.pageNumber === 'of' ? [`${ctx.labels.page} `, PageNumber.CURRENT, ' OF ', PageNumber.TOTAL_PAGES] : [PageNumber.CURRENT, '/', PageNumber.TOTAL_PAGES]
  return new TextRun({ children })
}

// Left, centre and right slots on one line, with tab stops at the centre and the right margin.
function slots(ctx: WriteContext, style: string, left: ParagraphChild[], centre: ParagraphChild[], right: ParagraphChild[]): Paragraph {
  return new Paragraph({
    style,
    alignment: AlignmentType.LEFT,
    tabStops: [
      { type: TabStopType.CENTER, position: Math.round(ctx.textWidth / 2) },
      { type: TabStopType.RIGHT, position: ctx.textWidth },
    ],
    children: [...left, new TextRun({ text: '\t' }), ...centre, new TextRun({ text: '\t' }), ...right],
  })
}

/**
 * Header and footer: the classification in the document's wording at the top
 * and bottom of every page, `PAGE`/`NUMPAGES` fields in the footer, the
 * reference number on running headers, and a first-page header of its own
 * where the theme has one (the letterhead page needs no running reference).
 */
export function headersAndFooters(ctx: WriteContext, withFirstPage: boolean): HeadersAndFooters {
  const classification = classificationText(ctx)
  const marking = classification ? [new TextRun({ text: classification })] : []
  const reference = ctx.extras.layout === 'ministere' && ctx.cable.reference ? [new TextRun({ text: prepareText(ctx, `N° ${ctx.cable.reference}`) })] : []
  const running = new Header({ children: [slots(ctx, STYLE.header, reference, marking, [])] })
  const footer = new Footer({ children: [slots(ctx, STYLE.footer, [], marking, [pageNumber(ctx)])] })
  if (!withFirstPage) return { headers: { default: running }, footers: { default: footer } }
  const first = new Header({ children: [slots(ctx, STYLE.header, [], marking, [])] })
  return { headers: { default: running, first }, footers: { default: footer, first: footer } }
}
