import { CableValidationError } from '@cablekit/core'
import type { Cable } from '@cablekit/core'
import { sanitizeText } from '../text/sanitize-text.js'
import { defaultThemeName } from './default-theme-name.js'
import { THEMES } from './registry.js'
import type { ThemeName } from './registry.js'
import type { Theme } from './theme-module.js'
import type { ThemeData } from './theme.js'

/**
 * `theme` as a complete {@link Theme}. A theme module's object is one already
 * (it spreads a built-in theme); plain data takes the header, closing,
 * furniture and format parts of the built-in theme of its name, else those
 * of `sobre`, so a data-only theme still renders in every format.
 */
export function completeTheme(theme: ThemeData | Theme): Theme {
  const own = theme as Partial<Theme> & ThemeData
  if (own.furniture && (own.header || own.pdf?.header || own.docx?.header || own.html?.header)) return own as Theme
  const base: Theme = (THEMES as Readonly<Record<string, Theme | undefined>>)[theme.name] ?? THEMES.sobre
  return { ...base, ...own, furniture: own.furniture ?? base.furniture }
}

/**
 * The theme of `option` (a built-in name or a theme object), else the
 * cable's family ({@link defaultThemeName}). An unknown name is an error
 * that lists the known ones.
 */
export function resolveTheme(cable: Cable, option: ThemeName | ThemeData | Theme | undefined): Theme {
  if (option && typeof option === 'object') return completeTheme(option)
  if (typeof option === 'string') {
    const found = (THEMES as Readonly<Record<string, Theme | undefined>>)[option]
    if (!found) {
      const known = Object.keys(THEMES)
      throw CableValidationError.forField('options.theme', `unknown theme "${sanitizeText(option)}"; known: ${known.join(', ')}`, known)
    }
    return found
  }
  return THEMES[defaultThemeName(cable)]
}
