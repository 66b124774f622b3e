import { completeTheme } from '../themes/resolve-theme.js'
import type { ThemeData } from '../themes/theme.js'
import type { DocxThemeExtras } from './themes.js'

/**
 * The DOCX reading of `theme`: page numbers and banners as its furniture
 * words them (the same as the PDF's), and its DOCX parts.
 */
export function docxThemeExtras(theme: ThemeData): DocxThemeExtras {
  const complete = completeTheme(theme)
  return {
    firstPageHeader: complete.docx?.firstPageHeader ?? false,
    runningReference: complete.docx?.runningReference ?? false,
    pageNumber: complete.furniture.folio === 'page-of' ? 'of' : 'slash',
    spacedBanner: complete.furniture.mark === 'spaced',
    telegram: complete.docx?.telegram ?? false,
  }
}
