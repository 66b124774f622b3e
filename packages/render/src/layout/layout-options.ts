import type { ThemeName } from '../themes/registry.js'
import type { ThemeData } from '../themes/theme.js'

/** Options of {@link layoutCable}; the PDF writers' options extend them. */
export interface LayoutOptions {
  /** A built-in theme name or a theme object; default: the cable's family (`defaultThemeName`). */
  theme?: ThemeName | ThemeData
  /** `'scan'` gives a slightly rotated page, paper tone, grain and stamp ink; the text stays real text. */
  finish?: 'clean' | 'scan'
  /**
   * The document's CreationDate. Default: the cable's `date`, else
   * `SOURCE_DATE_EPOCH` (seconds), else 1970-01-01: never the clock.
   */
  creationDate?: Date
  /** Environment read for `SOURCE_DATE_EPOCH` (default `process.env`). */
  env?: Record<string, string | undefined>
}
