import { ENGLISH_LABELS, FRENCH_LABELS } from '../theme.js'
import type { ThemeData } from '../theme.js'

/** A clean reading layout for any cable: serif, left-aligned, no facsimile ornaments. */
export const sobreData: ThemeData = {
  name: 'sobre',
  description: 'A clean reading layout: serif body, quiet header table, no stamps or banners beyond the classification.',
  page: { size: 'A4', margins: { top: 64, right: 72, bottom: 64, left: 72 } },
  fonts: { body: 'serif', heading: 'serif', stamp: 'serif', rtl: 'arabic', fallback: 'fallback' },
  sizes: { body: 11, small: 8.5, heading: 14, letterhead: 10, stamp: 9, lineGap: 3, paragraphGap: 8 },
  colors: { text: '#1b1b1b', muted: '#555555', stamp: '#555555', rule: '#bbbbbb', paper: '#ffffff', redaction: '#000000' },
  text: { align: 'left', uppercase: false, firstLineIndent: 0, frenchSpacing: true },
  labels: { fr: FRENCH_LABELS, en: ENGLISH_LABELS },
}
