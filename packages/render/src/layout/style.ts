import { fontFace } from '../fonts/font-face.js'
import type { FaceStyle, FontFace } from '../fonts/font-face.js'
import type { FontFamilyName } from '../fonts/font-files.js'
import type { ThemeData } from '../themes/theme.js'

/** How a span of text looks. */
export interface Style {
  family: FontFamilyName
  bold: boolean
  italic: boolean
  size: number
  color: string
  /** Raise the baseline (footnote calls), in points. */
  rise?: number
  /** A link target, already checked by `safeLink`. */
  link?: string
  /** Print in capitals. */
  uppercase?: boolean
}

/** The style of body text in `theme`. */
export function bodyStyle(theme: ThemeData): Style {
  return { family: theme.fonts.body, bold: false, italic: false, size: theme.sizes.body, color: theme.colors.text, uppercase: theme.text.uppercase }
}

function faceStyle(style: Style): FaceStyle {
  return style.bold ? (style.italic ? 'boldItalic' : 'bold') : style.italic ? 'italic' : 'regular'
}

/**
 * The faces tried in order for text in `style`: its own family, the theme's
 * right-to-left family, then the fallback family, so every character finds a
 * face that has it.
 */
export function faceChain(style: Style, theme: ThemeData): FontFace[] {
  const styleName = faceStyle(style)
  const families = [style.family, theme.fonts.rtl, theme.fonts.fallback, 'fallback' as const]
  const chain: FontFace[] = []
  for (const family of families) {
    const face = fontFace(family, styleName)
    if (!chain.includes(face)) chain.push(face)
  }
  return chain
}
