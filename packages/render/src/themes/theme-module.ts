import type { XmlContext } from '../docx/xml-context.js'
import type { HtmlContext, HtmlCssInput } from '../html/html-context.js'
import type { ThemeDrawing } from '../layout/theme-drawing.js'
import type { HeaderDescriber } from './header-block.js'
import type { ThemeData } from './theme.js'

/** What every page carries besides the text, worded the family's way, in every format. */
export interface ThemeFurniture {
  /** The classification at the top and bottom of each page: in capitals as written, or spaced out like a teletype banner. */
  mark: 'capitals' | 'spaced'
  /** The folio: `1/3`, or `PAGE 01 OF 03`. */
  folio: 'slash' | 'page-of'
}

/**
 * A theme: its data, its header described once (format-neutral), and
 * optional parts a format cannot derive. Each built-in theme is one folder
 * (`themes/<name>/`) exporting one `Theme`, plus one line in
 * `themes/registry.ts`. A custom theme module exports one too, usually by
 * spreading a built-in one: `{ ...THEMES.ministere, name: 'archive', … }`.
 */
export interface Theme extends ThemeData {
  /** The first-page header. Without it (and without format parts), the header of `sobre`. */
  header?: HeaderDescriber
  /** What follows the body (signature, place and date); default: the signature in the margin. */
  closing?: HeaderDescriber
  furniture: ThemeFurniture
  /** PDF parts that replace the drawing made from the description (a folio of its own, a hand-made header). */
  pdf?: Partial<ThemeDrawing>
  /** DOCX parts. */
  docx?: {
    /** A first-page header of its own: the letterhead page carries no running reference. */
    firstPageHeader?: boolean
    /** `N° reference` in the running header. */
    runningReference?: boolean
    /** A telegram: its header lines, subject and paragraphs take the `Telegram Header`, `Telegram Subject` and `Telegram Paragraph` styles. */
    telegram?: boolean
    /** A hand-made header instead of the one written from the description. */
    header?: (ctx: XmlContext) => string[]
  }
  /** HTML parts. */
  html?: {
    /** A hand-made header instead of the one written from the description. */
    header?: (ctx: HtmlContext) => string
    /** Style rules the hand-made header needs. */
    css?: (input: HtmlCssInput) => string
  }
}
