import type { ThemeData } from '../themes/theme.js'
import { PAGE_SIZES, twips } from './themes.js'

/** Page geometry of a section, in twips. */
export interface PageSetup {
  width: number
  height: number
  margin: { top: number; right: number; bottom: number; left: number; header: number; footer: number }
}

/**
 * The page of `theme` in twips: its size and margins, headers and footers
 * half-way into the top and bottom margins.
 */
export function pageSetup(theme: ThemeData): PageSetup {
  const size = PAGE_SIZES[theme.page.size]
  const margins = theme.page.margins
  return {
    width: size.width,
    height: size.height,
    margin: {
      top: twips(margins.top),
      right: twips(margins.right),
      bottom: twips(margins.bottom),
      left: twips(margins.left),
      header: Math.round(twips(margins.top) / 2),
      footer: Math.round(twips(margins.bottom) / 2),
    },
  }
}

/** Width of the text column of `page`, in twips. */
export function textWidthOf(page: PageSetup): number {
  return page.width - page.margin.left - page.margin.right
}

/** What a section's properties say: its page, where it starts, and its header and footer relationships. */
export interface SectionSpec {
  page: PageSetup
  /** Where the section starts: on the next page, or the next odd (right-hand) page; the first section starts the document. */
  start?: 'nextPage' | 'oddPage'
  /** Relationship ids of the default and first-page header and footer. */
  headers: { default: string; first?: string }
  footers: { default: string; first?: string }
  /** A first-page header and footer of its own (`w:titlePg`). */
  titlePage: boolean
  /** Page numbers start again at 1 with this section (a dossier's cable counts its own pages). */
  restartNumbering?: boolean
}

/**
 * Section properties (`w:sectPr`), children in the order CT_SectPr requires.
 *
 * @example sectionPropertiesXml({ page, headers: { default: 'rId6' }, footers: { default: 'rId7' }, titlePage: false })
 */
export function sectionPropertiesXml(spec: SectionSpec): string {
  const { page } = spec
  let xml = `<w:sectPr><w:headerReference w:type="default" r:id="${spec.headers.default}"/>`
  if (spec.headers.first) xml += `<w:headerReference w:type="first" r:id="${spec.headers.first}"/>`
  xml += `<w:footerReference w:type="default" r:id="${spec.footers.default}"/>`
  if (spec.footers.first) xml += `<w:footerReference w:type="first" r:id="${spec.footers.first}"/>`
  if (spec.start) xml += `<w:type w:val="${spec.start}"/>`
  xml += `<w:pgSz w:w="${page.width}" w:h="${page.height}" w:orient="portrait"/>`
  const m = page.margin
  xml += `<w:pgMar w:top="${m.top}" w:right="${m.right}" w:bottom="${m.bottom}" w:left="${m.left}" w:header="${m.header}" w:footer="${m.footer}" w:gutter="0"/>`
  xml += `${spec.restartNumbering ? '<w:pgNumType w:start="1"/>' : '<w:pgNumType/>'}${spec.titlePage ? '<w:titlePg/>' : ''}<w:docGrid w:linePitch="360"/></w:sectPr>`
  return xml
}
