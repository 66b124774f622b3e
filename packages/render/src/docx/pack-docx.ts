import { createHash } from 'node:crypto'
import { Packer } from 'docx'
import type { Document } from 'docx'
import { deflateEntry, writeZip } from './deterministic-zip.js'
import type { ZipEntry } from './deterministic-zip.js'
import { sanitizeXmlText } from './sanitize-xml.js'

/** What {@link packDocx} stamps into the package instead of the clock. */
export interface PackMeta {
  created: Date
  modified: Date
  /** BCP 47 language of the document, for `dc:language`. */
  language: string
}

/** Compiled parts of a docx package, XML as text and binaries as bytes, by path. */
export type Compiled = Map<string, string | Uint8Array>
interface Compiler {
  compile(file: Document): Compiled
}

/**
 * The package's parts before zipping, by path. `Packer.compiler` is internal to docx
 * 9 but is what every `Packer` method runs; taking its output lets us zip
 * once, deterministically, with fonts compressed once per process instead of
 * for every document.
 */
export function compile(document: Document): Compiled {
  const compiler = (Packer as unknown as { compiler?: Compiler }).compiler
  if (!compiler || typeof compiler.compile !== 'function') {
    throw new Error('@cablekit/render: this version of the docx package no longer exposes Packer.compiler; pin docx to 9.15')
  }
  return compiler.compile(document)
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

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

function w3cdtf(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/**
 * Zip a docx `Document` into deterministic bytes. The docx package stamps the
 * clock into `docProps/core.xml` and the zip entries and draws random
 * relationship ids and font keys; here the dates come from `meta`, random
 * ids are renumbered in order of appearance, font keys derive from the fonts,
 * and the archive is written with fixed entry dates.
 */
export function packDocx(document: Document, meta: PackMeta): Uint8Array {
  const parts = compile(document)
  const fontFiles = document.FontTable.files

  // Random relationship ids: `rId` + 21 nanoid characters. Renumber them in order of first appearance.
  const renamed = new Map<string, string>()
  const renumber = (xml: string) =>
    xml.replace(/rId[A-Za-z0-9_-]{21}(?=")/g, (id) => {
      let stable = renamed.get(id)
      if (!stable) {
        stable = `rIdL${renamed.size + 1}`
        renamed.set(id, stable)
      }
      return stable
    })

  const entries: ZipEntry[] = []
  let contentTypes: ZipEntry | undefined
  for (const [path, value] of parts) {
    const font = /^word\/fonts\/font(\d+)\.odttf$/.exec(path)
    if (font) {
      const file = fontFiles[Number(font[1]) - 1]
      if (file) {
        entries.push({ path, deflated: fontEntry(file.data).deflated })
        continue
      }
    }
    if (typeof value !== 'string') {
      entries.push({ path, data: value })
      continue
    }
    // A last guard: no character XML forbids reaches any part, whatever path it took.
    let xml = renumber(sanitizeXmlText(value))
    if (path === 'docProps/core.xml') xml = stampCore(xml, meta)
    if (path === 'word/fontTable.xml') {
      for (const file of fontFiles) {
        xml = xml.replace(new RegExp(`\\{?${file.fontKey.replace(/[{}]/g, '')}\\}?`, 'i'), `{${fontEntry(file.data).key}}`)
      }
    }
    const entry = { path, data: Buffer.from(xml, 'utf8') }
    if (path === '[Content_Types].xml') contentTypes = entry
    else entries.push(entry)
  }
  // [Content_Types].xml first, as Office writes it; the rest in docx's own fixed order.
  return writeZip(contentTypes ? [contentTypes, ...entries] : entries, meta.modified)
}

function stampCore(xml: string, meta: PackMeta): string {
  const stamped = xml
    .replace(/(<dcterms:created[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${w3cdtf(meta.created)}$2`)
    .replace(/(<dcterms:modified[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${w3cdtf(meta.modified)}$2`)
  if (stamped.includes('<dc:language>')) return stamped
  return stamped.replace('</cp:coreProperties>', `<dc:language>${escapeXml(sanitizeXmlText(meta.language))}</dc:language></cp:coreProperties>`)
}
