import { ENGLISH_LABELS } from '../theme.js'
import type { ThemeData } from '../theme.js'

/** British FCO telegram family: typewriter face, mixed case as released, banners top and bottom. */
export const fcoData: ThemeData = {
  name: 'fco',
  description: 'British FCO telegram: banner at top and bottom, FM/TO/TELNO/OF/INFO lines, typewriter face, numbered paragraphs.',
  page: { size: 'A4', margins: { top: 64, right: 62, bottom: 64, left: 70 } },
  fonts: { body: 'mono', heading: 'mono', stamp: 'mono', rtl: 'arabic', fallback: 'fallbackMono' },
  sizes: { body: 10, small: 8.5, heading: 10, letterhead: 10, stamp: 10, lineGap: 1.5, paragraphGap: 10 },
  colors: { text: '#1a1a1a', muted: '#444444', stamp: '#1a1a1a', rule: '#1a1a1a', paper: '#ffffff', redaction: '#000000' },
  text: { align: 'left', uppercase: false, firstLineIndent: 0, frenchSpacing: false },
  labels: { en: ENGLISH_LABELS },
}
