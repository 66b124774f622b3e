import type { FontFamilyName } from '../fonts/font-files.js'

/**
 * What the DOCX writer reads of a theme beyond {@link ThemeData}, resolved
 * once per cable from the theme's furniture and DOCX parts
 * (`docxThemeExtras` in `docx-theme-extras.ts`).
 */
export interface DocxThemeExtras {
  /** A first-page header of its own (the letterhead page carries no running reference). */
  firstPageHeader: boolean
  /** `N° reference` at the left of the running header. */
  runningReference: boolean
  /** Page number wording: `n/N` or `PAGE n OF N`. */
  pageNumber: 'slash' | 'of'
  /** Spaced-out classification banners (`C O N F I D E N T I A L`) in header and footer. */
  spacedBanner: boolean
  /** The telegram styles for header lines, subject and paragraphs (`Telegram Header`…). */
  telegram: boolean
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
