export { THEME_NAMES, FRENCH_LABELS, ENGLISH_LABELS, labelsFor } from './theme.js'
export type { ThemeData, ThemeName, Labels, Margins } from './theme.js'
export { THEMES, defaultThemeName } from './themes.js'
