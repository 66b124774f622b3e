import { ENGLISH_LABELS, FRENCH_LABELS } from '../theme.js'
import type { ThemeData } from '../theme.js'

/** US telegram family: teletype capitals in a typewriter face, banners and SECTION/PAGE lines. */
export const telegrammeData: ThemeData = {
  name: 'telegramme',
  description: 'US State Department telegram: monospaced capitals as written, classification banners, header lines in telegram order.',
  page: { size: 'LETTER', margins: { top: 54, right: 54, bottom: 60, left: 60 } },
  fonts: { body: 'mono', heading: 'mono', stamp: 'mono', rtl: 'arabic', fallback: 'fallbackMono' },
  sizes: { body: 10, small: 8.5, heading: 10, letterhead: 10, stamp: 10, lineGap: 1.5, paragraphGap: 10 },
  colors: { text: '#1a1a1a', muted: '#444444', stamp: '#1a1a1a', rule: '#1a1a1a', paper: '#ffffff', redaction: '#000000' },
  text: { align: 'left', uppercase: false, firstLineIndent: 0, frenchSpacing: false },
  labels: { en: ENGLISH_LABELS, fr: FRENCH_LABELS },
}
