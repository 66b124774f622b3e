import { readFileSync } from 'node:fs'
import { fontFace } from '../fonts/font-face.js'
import type { FaceStyle } from '../fonts/font-face.js'
import { fontFiles } from '../fonts/font-files.js'
import type { FontFamilyName } from '../fonts/font-files.js'
import { coversText } from '../fonts/split-by-coverage.js'
import type { ThemeData } from '../themes/theme.js'
import type { HtmlContext } from './html-context.js'

/** The CSS family name of a shipped family: our own, so a font of the same name installed on the reader's system is never used instead. */
export function cssFamily(family: FontFamilyName): string {
  return `"cablekit ${family}"`
}

/** The font stack of text set in `family`: itself, the theme's right-to-left family, then the fallbacks, as the PDF chains faces. */
export function fontStack(theme: ThemeData, family: FontFamilyName): string {
  const families = [...new Set<FontFamilyName>([family, theme.fonts.rtl, theme.fonts.fallback, 'fallback'])]
  const generic = family === 'mono' || family === 'fallbackMono' ? 'monospace' : family === 'fallback' ? 'sans-serif' : 'serif'
  return [...families.map(cssFamily), generic].join(', ')
}

const base64Cache = new Map<string, string>()

// Font files are read and encoded once per process: a batch writes thousands of pages with the same few faces.
function base64Of(path: string): string {
  let encoded = base64Cache.get(path)
  if (encoded === undefined) {
    const bytes = readFileSync(path)
    let binary = ''
    for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000))
    encoded = btoa(binary)
    base64Cache.set(path, encoded)
  }
  return encoded
}

const STYLES: Record<FaceStyle, { weight: number; style: 'normal' | 'italic' }> = {
  regular: { weight: 400, style: 'normal' },
  bold: { weight: 700, style: 'normal' },
  italic: { weight: 400, style: 'italic' },
  boldItalic: { weight: 700, style: 'italic' },
}

/**
 * `@font-face` rules with the font files inlined as `data:` URLs, so the page
 * makes no request at all. Only what the page uses goes in (each face is
 * hundreds of kilobytes): the theme's families in the styles the text uses,
 * the right-to-left family when there is right-to-left text, and the
 * fallback family when some character is in none of the others. A family
 * without a style (Noto Naskh Arabic has no italic) is left to the browser
 * to slant, as a word processor does.
 */
export function fontFacesCss(ctx: HtmlContext): string {
  const { theme, seen } = ctx
  const files = fontFiles()
  const chars = [...seen.chars].join('')
  const families = new Set<FontFamilyName>([theme.fonts.body, theme.fonts.heading, theme.fonts.stamp])
  if (seen.mono) families.add('mono')
  if (/[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/.test(chars)) families.add(theme.fonts.rtl)
  const covered = (char: string) => [...families].some((family) => coversText(fontFace(family), char))
  const uncovered = [...seen.chars].filter((char) => !/\s/.test(char) && !covered(char))
  if (uncovered.length > 0) {
    families.add(theme.fonts.fallback)
    if (uncovered.some((char) => !coversText(fontFace(theme.fonts.fallback), char))) families.add('fallback')
  }
  const styles: FaceStyle[] = ['regular', ...(seen.bold ? (['bold'] as const) : []), ...(seen.italic ? (['italic'] as const) : []), ...(seen.italic && seen.bold ? (['boldItalic'] as const) : [])]
  const rules: string[] = []
  for (const family of [...families].sort()) {
    const faces = files[family]
    for (const style of styles) {
      const path = faces[style]
      if (!path) continue
      const { weight, style: slant } = STYLES[style]
      rules.push(`@font-face{font-family:${cssFamily(family)};font-weight:${weight};font-style:${slant};font-display:block;src:url(data:font/ttf;base64,${base64Of(path)}) format("truetype")}`)
    }
  }
  return rules.join('\n')
}
