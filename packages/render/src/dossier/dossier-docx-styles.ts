import type { SharedAdditions } from '../docx/shared-parts.js'

/**
 * Paragraph style ids of the dossier's own pages. The table of contents lists
 * the two heading styles, not the cables' inner headings (which have outline
 * levels of their own).
 */
export const DOSSIER_STYLE = {
  title: 'DossierTitle',
  cable: 'DossierCable',
  attachment: 'DossierAttachment',
  /** Word's built-in contents entry styles, which the docx package defines. */
  contents1: 'TOC1',
  contents2: 'TOC2',
} as const

/**
 * What a dossier adds to the theme's styles and settings: its title and
 * heading styles. Fields are not updated on opening: each cable's pages are
 * numbered from 1, so a contents field Word rebuilt would cite page 1 for
 * every cable, where the written results are the book's sheets.
 */
export const DOSSIER_DOCX_ADDITIONS: SharedAdditions = {
  key: 'dossier',
  updateFields: false,
  paragraphStyles: [
    { id: DOSSIER_STYLE.title, name: 'Dossier Title', basedOn: 'Normal', run: { size: 52, bold: true }, paragraph: { spacing: { after: 240 } } },
    {
      id: DOSSIER_STYLE.cable,
      name: 'Dossier Cable',
      basedOn: 'Normal',
      next: 'Normal',
      run: { size: 28, bold: true },
      paragraph: { outlineLevel: 0, spacing: { after: 240 }, keepNext: true },
    },
    {
      id: DOSSIER_STYLE.attachment,
      name: 'Dossier Attachment',
      basedOn: 'Normal',
      next: 'Normal',
      run: { size: 24, bold: true },
      paragraph: { outlineLevel: 1, spacing: { after: 200 }, keepNext: true },
    },
  ],
}
