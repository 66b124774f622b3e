import type { Theme } from '../theme-module.js'
import { ministereData } from './data.js'
import { ministereHeaderXml } from './docx.js'
import { ministereDrawing } from './drawing.js'
import { ministereCss, ministereHeaderHtml } from './html.js'
import { letterSignature } from './header.js'

/**
 * The French ministerial cable: letterhead, boxed stamps, justified serif
 * text. Its header is drawn by hand in each format (`drawing.ts`, `docx.ts`,
 * `html.ts`), the rest is shared.
 */
export const ministere: Theme = {
  ...ministereData,
  closing: letterSignature,
  furniture: { mark: 'capitals', folio: 'slash' },
  pdf: ministereDrawing,
  docx: { firstPageHeader: true, runningReference: true, header: ministereHeaderXml },
  html: { header: ministereHeaderHtml, css: ministereCss },
}
