import type { FontFamilyName } from '../fonts/font-files.js'

/** Lengths are in PostScript points (1/72 inch) throughout. */
export interface Margins {
  top: number
  right: number
  bottom: number
  left: number
}

/** The printed wording of header labels, per language. */
export interface Labels {
  subject: string
  references: string
  attachment: string
  to: string
  info: string
  from: string
  distributionPrimary: string
  distributionCc: string
  transmission: string
  tags: string
  signed: string
  page: string
}

/**
 * A theme as data: page, fonts, sizes, colours, labels and text rules. The PDF
 * painter, the DOCX and the HTML writers read the same data. A `Theme`
 * (`themes/theme-module.ts`) adds the header description and
 * any format-specific parts; plain data draws with the parts of the built-in
 * theme of the same name, else `sobre`'s.
 */
export interface ThemeData {
  name: string
  /** One sentence on what the theme is for. */
  description: string
  page: { size: 'A4' | 'LETTER'; margins: Margins }
  fonts: {
    /** Family of body text. */
    body: FontFamilyName
    /** Family of headings, letterhead and labels. */
    heading: FontFamilyName
    /** Family of stamps (precedence, classification). */
    stamp: FontFamilyName
    /** Family of right-to-left text (Arabic letterhead). */
    rtl: FontFamilyName
    /** Family used for any character the others lack. */
    fallback: FontFamilyName
  }
  sizes: { body: number; small: number; heading: number; letterhead: number; stamp: number; lineGap: number; paragraphGap: number }
  colors: { text: string; muted: string; stamp: string; rule: string; paper: string; redaction: string }
  text: {
    align: 'justify' | 'left'
    /** Print the text in capitals (teletype). */
    uppercase: boolean
    firstLineIndent: number
    /** Apply French typography: thin no-break spaces before ; : ! ? and inside « ». */
    frenchSpacing: boolean
  }
  /** Labels per language; `en` is used when the cable's language has none. */
  labels: Record<string, Labels>
}

/** Labels for French cables. */
export const FRENCH_LABELS: Labels = {
  subject: 'Objet',
  references: 'Réf.',
  attachment: 'PJ',
  to: 'A',
  info: 'Copie',
  from: 'De',
  distributionPrimary: 'Destinataire principal',
  distributionCc: 'Destinataire CC',
  transmission: 'Transmission',
  tags: 'Mots-clés',
  signed: 'Signé',
  page: 'Page',
}

/** Labels for English cables and telegrams. */
export const ENGLISH_LABELS: Labels = {
  subject: 'SUBJECT',
  references: 'REF',
  attachment: 'ENCL',
  to: 'TO',
  info: 'INFO',
  from: 'FM',
  distributionPrimary: 'DISTRIBUTION',
  distributionCc: 'CC',
  transmission: 'TRANSMISSION',
  tags: 'TAGS',
  signed: 'SIGNED',
  page: 'PAGE',
}

/** The labels of `theme` for `lang` (BCP 47), falling back to English. */
export function labelsFor(theme: ThemeData, lang: string | undefined): Labels {
  const key = (lang ?? 'en').slice(0, 2).toLowerCase()
  return theme.labels[key] ?? theme.labels['en'] ?? ENGLISH_LABELS
}
