import type { Cable, RedactOptions } from '@cablekit/core'
import type { ThemeName } from '../themes/registry.js'
import type { ThemeData } from '../themes/theme.js'

/** One cable of a dossier, with the theme it is printed in when not its family's. */
export interface DossierEntry {
  cable: Cable
  /** Theme of this cable (default: the dossier's `theme`, else the cable's family). */
  theme?: ThemeName | ThemeData
}

/** How the cables of a dossier are ordered. */
export type DossierOrder = 'listed' | 'date' | 'reference'

/**
 * A publisher's dossier: many cables printed as one book, with a cover, an
 * introduction, a table of contents and an index.
 */
export interface Dossier {
  title: string
  subtitle?: string
  /** Who edited the dossier (the publisher, a newsroom). */
  editor?: string
  /** ISO 8601 date of the dossier, printed on the cover and used as the file's date. */
  date?: string
  /** BCP 47 language of the dossier's own pages (cover, contents, index); default: the first cable's, else French. */
  lang?: string
  /** Introduction, in Markdown (no front matter). */
  introduction?: string
  cables: readonly (Cable | DossierEntry)[]
}

/** Options of {@link toDossierPdf} and {@link toDossierDocx}. */
export interface DossierOptions {
  /** Theme for every cable (default: each cable's own family, or its entry's theme). */
  theme?: ThemeName | ThemeData
  /** Order of the cables (default `listed`). */
  order?: DossierOrder
  /** Printed on both sides: each cable starts on an odd (right-hand) page. */
  duplex?: boolean
  /** Redact every cable, and the dossier's own texts, before anything is laid out. Directive redactions need nothing here. */
  redact?: RedactOptions
  /** Print the OCR fixes recorded by `--fix` as editor's notes (N.d.E.). */
  annotate?: boolean
  /** Print an index of tags, places and senders (default `true`). */
  index?: boolean
  /** The file's date; default: the dossier's `date`, else `SOURCE_DATE_EPOCH`, else 1970-01-01. Never the clock. */
  creationDate?: Date
  /** Environment read for `SOURCE_DATE_EPOCH` (default `process.env`). */
  env?: Record<string, string | undefined>
  /** PDF only: a tagged (structured, accessible) book, each cable a `Document` element with its headings and paragraphs. */
  tagged?: boolean
  /** PDF only: PDF/A-3b (implies `tagged`). */
  pdfa?: boolean
  /** PDF only: the cables' finish, `clean` (default) or `scan` (a scanned look: grain and a slight tilt, per cable). */
  finish?: 'clean' | 'scan'
  /** DOCX only: `false` names the fonts without embedding them (a smaller file; Word then uses what the reader has). Default `true`. */
  embedFonts?: boolean
  /** Called after each cable is painted (progress bars): `done` of `total`. */
  onProgress?: (done: number, total: number) => void
}
