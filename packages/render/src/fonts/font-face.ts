import { fontBytes } from './font-bytes.js'
import * as fontkit from 'fontkit'
import type { Font } from './fontkit-types.js'
import { fontFiles } from './font-files.js'
import type { FontFamilyName } from './font-files.js'

/** Weight and slant of a face. */
export type FaceStyle = 'regular' | 'bold' | 'italic' | 'boldItalic'

/**
 * A parsed font file: the fontkit object plus the metrics layout needs, in
 * units of one em (multiply by the font size to get points).
 */
export interface FontFace {
  /** Stable key (`serif/bold`): names the face in caches and in PDF documents. */
  key: string
  family: FontFamilyName
  style: FaceStyle
  path: string
  font: Font
  /** Ascent, descent (negative) and line gap per em. */
  ascent: number
  descent: number
  lineGap: number
  /** Advance of U+0020 per em. */
  spaceWidth: number
}

const parsed = new Map<string, Font>()
const faces = new Map<string, FontFace>()
let files: ReturnType<typeof fontFiles> | undefined

/**
 * The parsed font at `path`, read and decoded once per process: pdfkit would
 * otherwise re-read and re-decode the font's tables for every document.
 */
export function loadFont(path: string): Font {
  let font = parsed.get(path)
  if (!font) {
    font = keepCodePoints(fontkit.create(fontBytes(path)))
    parsed.set(path, font)
  }
  return font
}

/**
 * fontkit caches one glyph object per glyph id, with the code points of its
 * first use. Letters that share a glyph (Arabic `ر` and `ز`, whose dot is a
 * separate glyph) would then all map back to the first letter, and text would
 * extract wrong. Give each use its own code points, on an object that
 * inherits everything else from the cached glyph.
 */
function keepCodePoints(font: Font): Font {
  const getGlyph = font.getGlyph.bind(font) as (id: number, codePoints?: number[]) => Font extends never ? never : ReturnType<Font['getGlyph']>
  ;(font as { getGlyph: unknown }).getGlyph = (id: number, codePoints?: number[]) => {
    const glyph = getGlyph(id, codePoints)
    if (!codePoints || sameCodePoints(glyph.codePoints, codePoints)) return glyph
    return Object.create(glyph, { codePoints: { value: codePoints, enumerable: true } }) as typeof glyph
  }
  return font
}

function sameCodePoints(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index])
}

/**
 * The face of `family` in `style`, from the process-wide cache. A family
 * without that style (Noto Naskh Arabic has no italic) gives its nearest face.
 *
 * @example fontFace('serif', 'bold').font.layout('Objet')
 */
export function fontFace(family: FontFamilyName, style: FaceStyle = 'regular'): FontFace {
  const key = `${family}/${style}`
  let face = faces.get(key)
  if (face) return face
  files ??= fontFiles()
  const set = files[family]
  const path = set[style] ?? (style === 'boldItalic' ? (set.bold ?? set.italic) : undefined) ?? set.regular
  const font = loadFont(path)
  const em = font.unitsPerEm
  face = {
    key,
    family,
    style,
    path,
    font,
    ascent: font.ascent / em,
    descent: font.descent / em,
    lineGap: font.lineGap / em,
    spaceWidth: font.glyphForCodePoint(0x20).advanceWidth / em,
  }
  faces.set(key, face)
  return face
}
