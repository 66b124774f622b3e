import { fco } from './fco/index.js'
import { ministere } from './ministere/index.js'
import { noteVerbale } from './note-verbale/index.js'
import { sobre } from './sobre/index.js'
import { td } from './td/index.js'
import type { Theme } from './theme-module.js'
import { telegramme } from './telegramme/index.js'

/**
 * The built-in themes, by name: the one place a theme is registered. The
 * names the CLI accepts, its `--theme` messages and the playground's list
 * all come from here. Adding a theme is one folder and one line.
 */
export const THEMES = {
  ministere,
  telegramme,
  sobre,
  td,
  fco,
  'note-verbale': noteVerbale,
} as const satisfies Readonly<Record<string, Theme>>

/** One of {@link THEME_NAMES}. */
export type ThemeName = keyof typeof THEMES

/** Names of the built-in themes, in registry order. */
export const THEME_NAMES = Object.keys(THEMES) as readonly ThemeName[] as readonly [ThemeName, ...ThemeName[]]
