import type { ThemeData, ThemeName } from '../themes/theme.js'

/** Options of {@link toPdf}, {@link toPdfStream} and {@link layoutCable}. */
export interface PdfOptions {
  /** A built-in theme name or a theme object; default: the cable's family ({@link defaultThemeName}). */
  theme?: ThemeName | ThemeData
  /** `'scan'` gives a slightly rotated page, paper tone, grain and stamp ink; the text stays real text. */
  finish?: 'clean' | 'scan'
  /** Write a tagged (structured, accessible) PDF. */
  tagged?: boolean
  /** Write PDF/A-3b (implies embedded fonts, XMP metadata and an output intent). */
  pdfa?: boolean
  /**
   * The document's CreationDate. Default: the cable's `date`, else
   * `SOURCE_DATE_EPOCH` (seconds), else 1970-01-01: never the clock.
   */
  creationDate?: Date
  /** Environment read for `SOURCE_DATE_EPOCH` (default `process.env`). */
  env?: Record<string, string | undefined>
}
