import type { Cable } from '@cablekit/core'
import { ministere } from './ministere.js'
import { sobre } from './sobre.js'
import { telegramme } from './telegramme.js'
import type { ThemeData, ThemeName } from './theme.js'

/** The built-in themes by name. */
export const THEMES: Readonly<Record<ThemeName, ThemeData>> = { ministere, telegramme, sobre }

/**
 * The theme a cable gets when none is asked for: its family. French cables
 * (and cables with a letterhead) look ministerial, English telegrams look like
 * telegrams, anything else gets the plain reading layout.
 */
export function defaultThemeName(cable: Cable): ThemeName {
  const lang = cable.lang?.slice(0, 2).toLowerCase()
  if (lang === 'fr' || cable.issuer) return 'ministere'
  if (lang === 'en' || cable.tags || cable.declassification || cable.info) return 'telegramme'
  return 'sobre'
}
