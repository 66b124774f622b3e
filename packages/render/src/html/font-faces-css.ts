import { fontFace } from '../fonts/font-face.js'
import type { FaceStyle } from '../fonts/font-face.js'
import { fontFiles } from '../fonts/font-files.js'
import type { FontFamilyName } from '../fonts/font-files.js'
import { coversText } from '../fonts/split-by-coverage.js'
import { subsetFace } from '../fonts/subset-face.js'
import { fontBytes } from '../fonts/font-bytes.js'
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

function base64(bytes: Uint8Array): string {
  let binary = ''
  for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000))
  return btoa(binary)
}

/**
 * Subsets already encoded, by face and characters, most recently used last;
 * bounded, as a batch's pages mostly differ in their characters.
 */
const MAX_SUBSETS = 256
const subsets = new Map<string, Promise<string>>()

/**
 * Characters every page keeps whatever its text: printable ASCII and Latin-1
 * (the CSS counters of the folios, labels, stamps, and text a reader may
 * add when printing), and the typographic punctuation French text uses.
 */
const ALWAYS = (() => {
  let chars = ''
  for (let code = 0x20; code < 0x7f; code++) chars += String.fromCharCode(code)
  for (let code = 0xa0; code <= 0xff; code++) chars += String.fromCharCode(code)
  return `${chars}\u2009\u202f\u2010\u2011\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u2022\u2039\u203a\u20ac`
})()

/**
 * A face as a base64 `data:` URL body: cut down to `characters` by hb-subset
 * (a ministerial cable's page drops from 2 MB to about 200 KB), or whole
 * where harfbuzz cannot load (the browser playground).
 */
function encodedFace(path: string, characters: string): Promise<string> {
  const key = `${path}\u0000${characters}`
  let encoded = subsets.get(key)
  if (encoded) subsets.delete(key)
  else {
    const data = fontBytes(path)
    encoded = subsetFace(data, characters).then((subset) => base64(subset ?? data))
    encoded.catch(() => subsets.delete(key))
  }
  subsets.set(key, encoded)
  if (subsets.size > MAX_SUBSETS) subsets.delete(subsets.keys().next().value!)
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
 * makes no request at all. Only what the page uses goes in, each face cut
 * down to the characters the page can show: the theme's families in the styles the text uses,
 * the right-to-left family when there is right-to-left text, and the
 * fallback family when some character is in none of the others. A family
 * without a style (Noto Naskh Arabic has no italic) is left to the browser
 * to slant, as a word processor does.
 */
export async function fontFacesCss(ctx: HtmlContext, generated = ''): Promise<string> {
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
  const styles: FaceStyle[] = [
    'regular',
    ...(seen.bold ? (['bold'] as const) : []),
    ...(seen.italic ? (['italic'] as const) : []),
    ...(seen.italic && seen.bold ? (['boldItalic'] as const) : []),
  ]
  // The page's own characters, those of the CSS's generated content (classification, running header), and a fixed set.
  const keep = [...new Set([...ALWAYS, ...chars, ...generated])].sort().join('')
  const rules: Promise<string>[] = []
  for (const family of [...families].sort()) {
    const faces = files[family]
    for (const style of styles) {
      const path = faces[style]
      if (!path) continue
      const { weight, style: slant } = STYLES[style]
      rules.push(
        encodedFace(path, keep).then(
          (data) =>
            `@font-face{font-family:${cssFamily(family)};font-weight:${weight};font-style:${slant};font-display:block;` +
            `src:url(data:font/ttf;base64,${data}) format("truetype")}`,
        ),
      )
    }
  }
  return (await Promise.all(rules)).join('\n')
}
