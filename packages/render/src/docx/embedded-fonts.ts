import { createHash } from 'node:crypto'
import type { IPropertiesOptions } from 'docx'
import { deflateEntry } from './deterministic-zip.js'
import type { ZipEntry } from './deterministic-zip.js'
import { fontFiles } from '../fonts/font-files.js'
import type { FontFamilyName } from '../fonts/font-files.js'
import { FONT_NAMES } from './themes.js'
import { subsetFace } from '../fonts/subset-face.js'
import { fontBytes } from '../fonts/font-bytes.js'

/** One embedded font as the docx package takes it (its type is not exported). */
export type FontOptions = NonNullable<IPropertiesOptions['fonts']>[number]

/** Which faces of a family a document needs. */
export interface FaceNeeds {
  italic: boolean
}

/**
 * The fonts to embed for `families`: regular and bold always (labels and
 * stamps are bold), italic faces only when the text uses them: faces never
 * drawn would cost a file each. Same families → same array order → same bytes.
 */
export function embeddedFonts(families: readonly FontFamilyName[], needs: FaceNeeds): FontOptions[] {
  const files = fontFiles()
  const unique = [...new Set(families)].sort()
  return unique.map((family) => {
    const faces = files[family]
    return {
      name: FONT_NAMES[family],
      data: fontBytes(faces.regular),
      ...(faces.bold ? { bold: fontBytes(faces.bold) } : {}),
      ...(needs.italic && faces.italic ? { italic: fontBytes(faces.italic) } : {}),
      ...(needs.italic && faces.boldItalic ? { boldItalic: fontBytes(faces.boldItalic) } : {}),
    }
  })
}

/** An embedded font face ready to zip. */
export interface FontEntry {
  /** Deterministic obfuscation key, as written in fontTable.xml. */
  key: string
  deflated: NonNullable<ZipEntry['deflated']>
}

const fontEntries = new WeakMap<Uint8Array, FontEntry>()
const fontKeys = new WeakMap<Uint8Array, string>()

/**
 * ECMA-376 Part 1 §17.8.1 font obfuscation: the GUID of the `w:fontKey`
 * attribute, read as 16 bytes from its hex digits and taken in reverse order,
 * is XORed over the first 32 bytes of the font (twice over the key).
 */
function obfuscate(data: Uint8Array, key: string): Uint8Array {
  const hex = key.replace(/[{}-]/g, '')
  const keyBytes = Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16)).reverse()
  const out = new Uint8Array(data)
  for (let i = 0; i < 32 && i < out.length; i++) out[i] = out[i]! ^ keyBytes[i % 16]!
  return out
}

/**
 * The obfuscation key of a font face, as a GUID: derived from the SHA-1 of
 * the whole font's bytes (docx draws a random one). A subset is obfuscated
 * with the key of the font it was cut from, so that fontTable.xml, which
 * holds the keys, is the same for every document of a font selection.
 */
export function fontKey(data: Uint8Array): string {
  let key = fontKeys.get(data)
  if (!key) {
    const hash = createHash('sha1').update(data).digest('hex').toUpperCase()
    key = `${hash.slice(0, 8)}-${hash.slice(8, 12)}-${hash.slice(12, 16)}-${hash.slice(16, 20)}-${hash.slice(20, 32)}`
    fontKeys.set(data, key)
  }
  return key
}

/**
 * The embedded file of a whole font face, obfuscated with {@link fontKey} and
 * deflated once per process.
 */
export function fontEntry(data: Uint8Array): FontEntry {
  let entry = fontEntries.get(data)
  if (!entry) {
    const key = fontKey(data)
    entry = { key, deflated: deflateEntry(obfuscate(data, key)) }
    fontEntries.set(data, entry)
  }
  return entry
}

/**
 * Subsets kept, most recently used last. A batch renders thousands of cables
 * whose character sets mostly differ, so the cache pays off when a document is
 * rendered again (a resumed run, a dossier's cable, a bench) and is bounded:
 * at about 15 KB a deflated subset, 256 of them hold 4 MB.
 */
const MAX_SUBSETS = 256
const subsets = new Map<string, Promise<FontEntry>>()

/**
 * The embedded file of a face cut down to the glyphs that `characters` need
 * (harfbuzz's hb-subset, which keeps the glyphs the layout tables reach from
 * them: Arabic joining forms, ligatures), obfuscated with the whole font's
 * {@link fontKey} and deflated. hb-subset gives the same bytes for the same
 * font and characters, so the document stays deterministic. Cached by
 * (font, characters).
 *
 * @param data The whole TrueType font.
 * @param characters The characters to keep, in a canonical order (see `documentCharacters`).
 */
export function subsetFontEntry(data: Uint8Array, characters: string): Promise<FontEntry> {
  const key = fontKey(data)
  const cacheKey = `${key}\u0000${characters}`
  let entry = subsets.get(cacheKey)
  if (entry) {
    subsets.delete(cacheKey)
  } else {
    entry = subsetFace(data, characters).then((subset) =>
      // No harfbuzz here (a browser bundle has no file system to load its wasm from): the whole
      // face is embedded, as before subsetting, which is larger but draws the same.
      subset ? { key, deflated: deflateEntry(obfuscate(subset, key)) } : fontEntry(data),
    )
    // A failed subset must not stay cached: the next document tries again.
    entry.catch(() => subsets.delete(cacheKey))
  }
  subsets.set(cacheKey, entry)
  if (subsets.size > MAX_SUBSETS) subsets.delete(subsets.keys().next().value!)
  return entry
}
