import { THEMES } from '../themes/registry.js'
import type { ThemeName } from '../themes/registry.js'
import { drawingOf } from './drawing-of.js'
import type { ThemeDrawing } from './theme-drawing.js'

/**
 * The complete PDF drawing of each built-in theme, by name: what a custom
 * theme spreads to replace one function (`pdf: { ...THEME_DRAWINGS.ministere, folio }`).
 */
export const THEME_DRAWINGS: Readonly<Record<ThemeName, ThemeDrawing>> = Object.fromEntries(
  Object.entries(THEMES).map(([name, theme]) => [name, drawingOf(theme)]),
) as Record<ThemeName, ThemeDrawing>
