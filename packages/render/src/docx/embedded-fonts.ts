import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { IPropertiesOptions } from 'docx'
import { deflateEntry } from './deterministic-zip.js'
import type { ZipEntry } from './deterministic-zip.js'
import { fontFiles } from '../fonts/font-files.js'
import type { FontFamilyName } from '../fonts/font-files.js'
import { FONT_NAMES } from './themes.js'

/** One embedded font as the docx package takes it (its type is not exported). */
export type FontOptions = NonNullable<IPropertiesOptions['fonts']>[number]

const buffers = new Map<string, Buffer>()

// Font files are read once per process: a batch renders thousands of cables with the same few faces.
function read(path: string): Buffer {
  let data = buffers.get(path)
  if (!data) {
    data = readFileSync(path)
    buffers.set(path, data)
  }
  return data
}

/** Which faces of a family a document needs. */
export interface FaceNeeds {
  italic: boolean
}

/**
 * The fonts to embed for `families`: regular and bold always (labels and
 * stamps are bold), italic faces only when the text uses them, so a DOCX
 * stays a few hundred kilobytes. Same families → same array order → same bytes.
 */
export function embeddedFonts(families: readonly FontFamilyName[], needs: FaceNeeds): FontOptions[] {
  const files = fontFiles()
  const unique = [...new Set(families)].sort()
  return unique.map((family) => {
    const faces = files[family]
    return {
      name: FONT_NAMES[family],
      data: read(faces.regular),
      ...(faces.bold ? { bold: read(faces.bold) } : {}),
      ...(needs.italic && faces.italic ? { italic: read(faces.italic) } : {}),
      ...(needs.italic && faces.boldItalic ? { boldItalic: read(faces.boldItalic) } : {}),
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

// ECMA-376 font obfuscation: the first 32 bytes XORed with the key's bytes in reverse order.
function obfuscate(data: Uint8Array, key: string): Uint8Array {
  const hex = key.replace(/[{}-]/g, '')
  const keyBytes = Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16)).reverse()
  const out = new Uint8Array(data)
  for (let i = 0; i < 32 && i < out.length; i++) out[i] = out[i]! ^ keyBytes[i % 16]!
  return out
}

/**
 * The embedded file of a font face: its key is derived from the font's bytes
 * (docx draws a random one), and it is obfuscated and deflated once per process.
 */
export function fontEntry(data: Uint8Array): FontEntry {
  let entry = fontEntries.get(data)
  if (!entry) {
    const hash = createHash('sha1').update(data).digest('hex').toUpperCase()
    const key = `${hash.slice(0, 8)}-${hash.slice(8, 12)}-${hash.slice(12, 16)}-${hash.slice(16, 20)}-${hash.slice(20, 32)}`
    entry = { key, deflated: deflateEntry(obfuscate(data, key)) }
    fontEntries.set(data, entry)
  }
  return entry
}
