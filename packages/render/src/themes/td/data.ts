import type { Labels, ThemeData } from '../theme.js'

/** The labels of a TD as the Quai d'Orsay types them, in capitals. */
export const TD_LABELS: Labels = {
  subject: 'OBJET',
  references: 'REFERENCE',
  attachment: 'PJ',
  to: 'AD',
  info: 'CQ',
  from: 'ORIGINE',
  distributionPrimary: 'DIFFUSION',
  distributionCc: 'COPIE',
  transmission: 'TRANSMISSION',
  tags: 'MOTS-CLES',
  signed: 'SIGNE',
  page: 'PAGE',
}

/** French TD family: a typewriter face in capitals, the TD number line, AD/CQ addressees. */
export const tdData: ThemeData = {
  name: 'td',
  description: "French télégramme diplomatique (Quai d'Orsay): typewritten capitals, TD number line, OBJET, AD/CQ addressees, banners.",
  page: { size: 'A4', margins: { top: 64, right: 62, bottom: 64, left: 70 } },
  fonts: { body: 'mono', heading: 'mono', stamp: 'mono', rtl: 'arabic', fallback: 'fallbackMono' },
  sizes: { body: 10, small: 8.5, heading: 10, letterhead: 10, stamp: 10, lineGap: 1.5, paragraphGap: 10 },
  colors: { text: '#1a1a1a', muted: '#444444', stamp: '#1a1a1a', rule: '#1a1a1a', paper: '#ffffff', redaction: '#000000' },
  text: { align: 'left', uppercase: true, firstLineIndent: 0, frenchSpacing: false },
  labels: { fr: TD_LABELS, en: TD_LABELS },
}
