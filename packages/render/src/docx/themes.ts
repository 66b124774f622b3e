import type { FontFamilyName } from '../fonts/font-files.js'

/**
 * What a word processor needs beyond {@link ThemeData}, keyed by theme name:
 * the font names runs refer to, which header block to draw, and the page
 * number wording. Kept here rather than in the shared theme files because
 * only the DOCX writer reads it.
 */
export interface DocxThemeExtras {
  /** Which header block the document opens with. */
  layout: 'ministere' | 'telegramme' | 'sobre'
  /** A first-page header of its own (the letterhead page carries no running reference). */
  firstPageHeader: boolean
  /** Page number wording: `n/N` or `PAGE n OF N`. */
  pageNumber: 'slash' | 'of'
  /** Spaced-out classification banners (`C O N F I D E N T I A L`) in header and footer. */
  spacedBanner: boolean
}

/** DOCX additions of the built-in themes; unknown themes get the `sobre` ones. */
export const DOCX_THEMES: Readonly<Record<string, DocxThemeExtras>> = {
  ministere: { layout: 'ministere', firstPageHeader: true, pageNumber: 'slash', spacedBanner: false },
  telegramme: { layout: 'telegramme', firstPageHeader: false, pageNumber: 'of', spacedBanner: true },
  sobre: { layout: 'sobre', firstPageHeader: false, pageNumber: 'slash', spacedBanner: false },
}

/** The DOCX additions of the theme called `name`. */
export function docxThemeExtras(name: string): DocxThemeExtras {
  return DOCX_THEMES[name] ?? DOCX_THEMES['sobre']!
}

/**
 * The family name each shipped font file declares, which is what a DOCX run
 * names and what an embedded font is matched by.
 */
export const FONT_NAMES: Readonly<Record<FontFamilyName, string>> = {
  serif: 'Noto Serif',
  mono: 'Courier Prime',
  arabic: 'Noto Naskh Arabic',
  fallback: 'DejaVu Sans',
  fallbackMono: 'DejaVu Sans Mono',
}

/** Points to twentieths of a point (twips), the unit of DOCX indents and spacing. */
export function twips(points: number): number {
  return Math.round(points * 20)
}

/** Points to half-points, the unit of DOCX font sizes. */
export function halfPoints(points: number): number {
  return Math.round(points * 2)
}

/** `#b0141e` → `B0141E`, as DOCX colours are written. */
export function hexColor(color: string): string {
  return color.replace(/^#/, '').toUpperCase()
}

/** Page sizes in twips. */
export const PAGE_SIZES = {
  A4: { width: 11906, height: 16838 },
  LETTER: { width: 12240, height: 15840 },
} as const
