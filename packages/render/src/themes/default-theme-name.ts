import type { Cable, CableFamily } from '@cablekit/core'
import type { ThemeName } from './registry.js'

/** The facsimile each family of `CABLE_FAMILIES` gets by default. */
const FAMILY_THEMES: Readonly<Record<CableFamily, ThemeName>> = {
  'french-cable': 'ministere',
  'french-td': 'td',
  'us-telegram': 'telegramme',
  'fco-telegram': 'fco',
  'note-verbale': 'note-verbale',
}

/**
 * The theme a cable gets when none is asked for: its family's facsimile.
 * The `family` field decides when the cable has one; otherwise French cables
 * (and cables with a letterhead) look ministerial, English telegrams look
 * like telegrams, and anything else gets the plain reading layout.
 *
 * @example defaultThemeName({ family: 'french-td', body: [], attachments: [] }) // 'td'
 */
export function defaultThemeName(cable: Cable): ThemeName {
  const byFamily = cable.family ? FAMILY_THEMES[cable.family] : undefined
  if (byFamily) return byFamily
  const lang = cable.lang?.slice(0, 2).toLowerCase()
  if (lang === 'fr' || cable.issuer) return 'ministere'
  if (lang === 'en' || cable.tags || cable.declassification || cable.info) return 'telegramme'
  return 'sobre'
}
