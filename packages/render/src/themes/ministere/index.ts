import type { Theme } from '../theme-module.js'
import { ministereCss } from './css.js'
import { ministereData } from './data.js'
import { letterSignature, ministereHeader } from './header.js'

/**
 * The French ministerial cable: letterhead, boxed stamps, justified serif
 * text. Its header is described once (`header.ts`) and drawn by the three
 * generic writers; only the style rules of its letterhead classes are its own (`css.ts`).
 */
export const ministere: Theme = {
  ...ministereData,
  header: ministereHeader,
  closing: letterSignature,
  furniture: { mark: 'capitals', folio: 'slash' },
  docx: { firstPageHeader: true, runningReference: true },
  // The letterhead's classes, which carry its look in HTML as its named styles do in Word.
  html: { css: ministereCss },
}
