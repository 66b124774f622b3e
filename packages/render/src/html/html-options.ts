import type { ThemeName } from '../themes/registry.js'
import type { ThemeData } from '../themes/theme.js'

/** Options of {@link toHtml}. */
export interface HtmlOptions {
  /** A built-in theme name or a theme object; default: the cable's family (`defaultThemeName`). */
  theme?: ThemeName | ThemeData
  /**
   * Inline the fonts the page uses as `data:` URLs (default `true`): the page
   * is then one self-contained file that looks the same everywhere. With
   * `false` the page names the fonts and lets the reader's system supply them.
   */
  embedFonts?: boolean
}
