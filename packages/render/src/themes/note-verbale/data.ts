import { ENGLISH_LABELS, FRENCH_LABELS } from '../theme.js'
import type { ThemeData } from '../theme.js'

/** Note verbale family: a serif page with a centred title, third-person text, no crest or seal. */
export const noteVerbaleData: ThemeData = {
  name: 'note-verbale',
  description: 'Note verbale: centred NOTE VERBALE title, the number, third-person text, place and date; never a crest or a seal.',
  page: { size: 'A4', margins: { top: 72, right: 72, bottom: 72, left: 80 } },
  fonts: { body: 'serif', heading: 'serif', stamp: 'serif', rtl: 'arabic', fallback: 'fallback' },
  sizes: { body: 11.5, small: 8.5, heading: 13, letterhead: 10, stamp: 9, lineGap: 4, paragraphGap: 9 },
  colors: { text: '#111111', muted: '#444444', stamp: '#444444', rule: '#333333', paper: '#ffffff', redaction: '#000000' },
  text: { align: 'justify', uppercase: false, firstLineIndent: 36, frenchSpacing: true },
  labels: {
    en: { ...ENGLISH_LABELS, subject: 'Subject', references: 'Reference', attachment: 'Annex', to: 'To', info: 'Copy', from: 'From' },
    fr: FRENCH_LABELS,
  },
}
