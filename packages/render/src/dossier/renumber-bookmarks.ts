import { inflateRawSync } from 'node:zlib'
import { writeZip } from '../docx/deterministic-zip.js'
import type { ZipEntry } from '../docx/deterministic-zip.js'

/**
 * Renumber the bookmarks of a packed DOCX in order of appearance. The docx
 * package draws bookmark ids (and the `_TocN` names of the headings its table
 * of contents lists) from a counter that lives as long as the process, so a
 * second dossier in the same process would get other numbers: other bytes.
 * Every other entry is copied as it was compressed.
 *
 * @param bytes a DOCX written by `packDocx` (stored or deflated entries, no zip64).
 * @param mtime the date the entries are stamped with, as `packDocx` did.
 */
export function renumberBookmarks(bytes: Uint8Array, mtime: Date): Uint8Array {
  const entries = readZip(bytes)
  const document = entries.find((entry) => entry.path === 'word/document.xml')
  if (!document?.deflated) return bytes
  const xml = inflateRawSync(document.deflated.bytes).toString('utf8')
  const ids = new Map<string, string>()
  const names = new Map<string, string>()
  const id = (value: string) => ids.get(value) ?? (ids.set(value, String(ids.size + 1)), ids.get(value)!)
  const toc = (value: string) => names.get(value) ?? (names.set(value, `_Toc${names.size + 1}`), names.get(value)!)
  // Names first in document order (the contents cite them before the headings that hold them), then ids.
  const renamed = xml
    .replace(/(w:anchor="|w:name="|PAGEREF )(_Toc\d+)/g, (_, before: string, name: string) => `${before}${toc(name)}`)
    .replace(/(<w:bookmark(?:Start|End)\b[^>]*\bw:id=")(\d+)(")/g, (_, start: string, value: string, end: string) => `${start}${id(value)}${end}`)
  const rewritten: ZipEntry = { path: document.path, data: Buffer.from(renamed, 'utf8') }
  return writeZip(entries.map((entry) => (entry === document ? rewritten : entry)), mtime)
}

/** The entries of a zip archive, each with its compressed bytes, CRC and size as stored. */
function readZip(bytes: Uint8Array): ZipEntry[] {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let end = view.length - 22
  while (end >= 0 && view.readUInt32LE(end) !== 0x06054b50) end--
  if (end < 0) throw new Error('@cablekit/render: not a zip archive')
  const count = view.readUInt16LE(end + 10)
  let at = view.readUInt32LE(end + 16)
  const entries: ZipEntry[] = []
  for (let index = 0; index < count; index++) {
    const method = view.readUInt16LE(at + 10)
    const crc = view.readUInt32LE(at + 16)
    const compressed = view.readUInt32LE(at + 20)
    const size = view.readUInt32LE(at + 24)
    const nameLength = view.readUInt16LE(at + 28)
    const extra = view.readUInt16LE(at + 30)
    const comment = view.readUInt16LE(at + 32)
    const local = view.readUInt32LE(at + 42)
    const path = view.toString('utf8', at + 46, at + 46 + nameLength)
    const dataStart = local + 30 + view.readUInt16LE(local + 26) + view.readUInt16LE(local + 28)
    const data = view.subarray(dataStart, dataStart + compressed)
    entries.push(method === 8 ? { path, deflated: { bytes: data, crc, size } } : { path, data })
    at += 46 + nameLength + extra + comment
  }
  return entries
}
