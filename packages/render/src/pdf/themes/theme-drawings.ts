import type { ThemeDrawing } from '../../layout/theme-drawing.js'
import type { ThemeData, ThemeName } from '../../themes/theme.js'
import { ministereDrawing } from './ministere-drawing.js'
import { sobreDrawing } from './sobre-drawing.js'
import { telegrammeDrawing } from './telegramme-drawing.js'

/** The PDF drawing functions of the built-in themes, by theme name. */
export const THEME_DRAWINGS: Readonly<Record<ThemeName, ThemeDrawing>> = {
  ministere: ministereDrawing,
  telegramme: telegrammeDrawing,
  sobre: sobreDrawing,
}

/**
 * The drawing functions of `theme`: its own `pdf` field, else the built-in
 * theme of the same name, else the `sobre` drawing (a data-only theme still
 * renders).
 */
export function themeDrawing(theme: ThemeData): ThemeDrawing {
  return theme.pdf ?? (THEME_DRAWINGS as Readonly<Record<string, ThemeDrawing | undefined>>)[theme.name] ?? sobreDrawing
}
