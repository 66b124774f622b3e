import { ENGLISH_LABELS, FRENCH_LABELS } from '../theme.js'
import type { ThemeData } from '../theme.js'

/** French ministerial family: letterhead, boxed stamps, serif, justified text (see docs/themes.md). */
export const ministereData: ThemeData = {
  name: 'ministere',
  description: 'French-language ministerial cable: letterhead with state and ministry, stamps, justified serif text.',
  page: { size: 'A4', margins: { top: 56, right: 62, bottom: 64, left: 70 } },
  fonts: { body: 'serif', heading: 'serif', stamp: 'serif', rtl: 'arabic', fallback: 'fallback' },
  sizes: { body: 11, small: 8.5, heading: 12, letterhead: 10, stamp: 10, lineGap: 2.5, paragraphGap: 7 },
  colors: { text: '#111111', muted: '#444444', stamp: '#b0141e', rule: '#333333', paper: '#ffffff', redaction: '#000000' },
  text: { align: 'justify', uppercase: false, firstLineIndent: 28, frenchSpacing: true },
  labels: { fr: FRENCH_LABELS, en: ENGLISH_LABELS },
}
