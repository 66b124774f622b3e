import { inflateSync } from 'node:zlib'

/**
 * The `/ActualText` of each marked-content sequence of a page, in the order
 * the sequences begin in its content stream (`undefined` for a sequence with
 * none: `BMC`, or `BDC` with a named property list or no `/ActualText`).
 *
 * Why: pdf.js's `getTextContent` reports marked content but not its
 * `/ActualText` (PDF 32000-1 §14.9.4). LibreOffice relies on it for Arabic: a
 * letter and its dots are drawn as a base glyph shared by several letters plus
 * a dot glyph, and the letter itself is only in the span's `/ActualText`
 * (`وزارة` reads `ورارة` without it). Poppler honours it; so do we, by
 * reading the page's content stream beside pdf.js and pairing its sequences
 * with the ones pdf.js reports.
 *
 * A small, tolerant reader, not a PDF parser: it finds the page object and
 * its `/Contents` by their object numbers in the file (the last definition
 * wins, as after an incremental update), and reads only unfiltered or
 * Flate streams. Anything else (objects inside object streams, other
 * filters, a damaged file) gives `undefined`, and the text is read as pdf.js
 * gives it.
 */
export function markedContentTexts(file: PdfSource, page: { num: number; gen: number }): (string | undefined)[] | undefined {
  try {
    const dict = objectText(file, page.num, page.gen)
    if (dict === undefined) return undefined
    const contents = /\/Contents\s*(?:(\d+)\s+(\d+)\s+R|\[([^\]]*)\])/.exec(dict)
    if (!contents) return undefined
    const refs =
      contents[3] !== undefined
        ? [...contents[3].matchAll(/(\d+)\s+(\d+)\s+R/g)].map((m) => [Number(m[1]), Number(m[2])] as const)
        : [[Number(contents[1]), Number(contents[2])] as const]
    const parts: Buffer[] = []
    for (const [num, gen] of refs) {
      const data = streamData(file, num, gen)
      if (data === undefined) return undefined
      parts.push(data, Buffer.from('\n'))
    }
    return sequences(Buffer.concat(parts))
  } catch {
    return undefined
  }
}

/** A PDF file's bytes, with its text view and its objects' places found once for all of its pages. */
export interface PdfSource {
  bytes: Buffer
  latin1: string
  /** Where each object starts (after `obj`), by `num gen`: its last definition, as after an incremental update. */
  objects?: Map<string, number>
}

/** Wrap a file's bytes for {@link markedContentTexts} (the bytes are not copied). */
export function pdfSource(bytes: Uint8Array): PdfSource {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  return { bytes: buffer, latin1: buffer.toString('latin1') }
}

/** Where object `num gen` starts (after `obj`), at its last definition in the file. */
function objectStart(file: PdfSource, num: number, gen: number): number | undefined {
  if (!file.objects) {
    // One pass over the file for all pages, not one per object looked up.
    file.objects = new Map()
    for (const match of file.latin1.matchAll(/(?<![0-9])(\d+)[ \t\r\n\f\0]+(\d+)[ \t\r\n\f\0]+obj/g))
      file.objects.set(`${match[1]} ${match[2]}`, match.index + match[0].length)
  }
  return file.objects.get(`${num} ${gen}`)
}

/** An object's text up to its stream or its end (its dictionary, or its value). */
function objectText(file: PdfSource, num: number, gen: number): string | undefined {
  const start = objectStart(file, num, gen)
  if (start === undefined) return undefined
  const end = file.latin1.slice(start).search(/\bstream\b|\bendobj\b/)
  return file.latin1.slice(start, end < 0 ? undefined : start + end)
}

/** The decoded data of a stream object, or `undefined` when it is not a stream this reader decodes. */
function streamData(file: PdfSource, num: number, gen: number): Buffer | undefined {
  const start = objectStart(file, num, gen)
  if (start === undefined) return undefined
  const keyword = file.latin1.indexOf('stream', start)
  const end = file.latin1.indexOf('endobj', start)
  // A `stream` past the object's end belongs to a later object: this one is no stream.
  if (keyword < 0 || (end >= 0 && end < keyword)) return undefined
  const dict = file.latin1.slice(start, keyword)
  const filter = /\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+)/.exec(dict)?.[1]
  const filters = filter ? [...filter.matchAll(/\/([A-Za-z0-9]+)/g)].map((m) => m[1]) : []
  if (filters.some((name) => name !== 'FlateDecode') || filters.length > 1 || /\/DecodeParms/.test(dict)) return undefined
  const lengthMatch = /\/Length\s+(\d+)(?:\s+(\d+)\s+R)?/.exec(dict)
  if (!lengthMatch) return undefined
  const length = lengthMatch[2] !== undefined ? Number(objectText(file, Number(lengthMatch[1]), Number(lengthMatch[2]))?.trim()) : Number(lengthMatch[1])
  if (!Number.isSafeInteger(length) || length < 0) return undefined
  // The data starts after the end of line that follows `stream` (CR LF or LF).
  let data = keyword + 'stream'.length
  if (file.latin1[data] === '\r') data++
  if (file.latin1[data] === '\n') data++
  const raw = file.bytes.subarray(data, data + length)
  return filters.length === 0 ? Buffer.from(raw) : inflateSync(raw)
}

const WHITE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20])
const DELIMITERS = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)))

/** Walk a content stream and list its marked-content sequences' `/ActualText`, in order. */
export function sequences(content: Uint8Array): (string | undefined)[] {
  const found: (string | undefined)[] = []
  let dict: string | undefined
  let i = 0
  const n = content.length
  while (i < n) {
    const c = content[i]!
    if (WHITE.has(c)) {
      i++
    } else if (c === 0x25 /* % */) {
      while (i < n && content[i] !== 0x0a && content[i] !== 0x0d) i++
    } else if (c === 0x28 /* ( */) {
      i = literalString(content, i).end
    } else if (c === 0x3c /* < */ && content[i + 1] === 0x3c) {
      const end = dictionaryEnd(content, i)
      dict = Buffer.from(content.subarray(i, end)).toString('latin1')
      i = end
    } else if (c === 0x3c) {
      const end = content.indexOf(0x3e, i)
      i = end < 0 ? n : end + 1
    } else if (c === 0x2f /* / */ || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x3e) {
      i++
      if (c === 0x2f) while (i < n && !WHITE.has(content[i]!) && !DELIMITERS.has(content[i]!)) i++
    } else {
      const start = i
      while (i < n && !WHITE.has(content[i]!) && !DELIMITERS.has(content[i]!)) i++
      const word = Buffer.from(content.subarray(start, i)).toString('latin1')
      if (word === 'BMC') found.push(undefined)
      else if (word === 'BDC') found.push(dict === undefined ? undefined : actualText(dict))
      else if (word === 'BI') i = inlineImageEnd(content, i)
      if (!/^[-+.\d]/.test(word)) dict = undefined
    }
  }
  return found
}

/** A literal string starting at `start` (its `(`): its bytes, unescaped, and where it ends. */
function literalString(content: Uint8Array, start: number): { bytes: number[]; end: number } {
  const bytes: number[] = []
  let depth = 0
  let i = start
  const ESCAPES: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c }
  while (i < content.length) {
    const c = content[i]!
    if (c === 0x5c /* \ */) {
      const next = content[i + 1]
      if (next === undefined) break
      if (next >= 0x30 && next <= 0x37) {
        let value = 0
        let k = i + 1
        for (; k < i + 4 && content[k]! >= 0x30 && content[k]! <= 0x37; k++) value = value * 8 + (content[k]! - 0x30)
        bytes.push(value & 0xff)
        i = k
        continue
      }
      if (next === 0x0d || next === 0x0a) {
        i += next === 0x0d && content[i + 2] === 0x0a ? 3 : 2
        continue
      }
      bytes.push(ESCAPES[next] ?? next)
      i += 2
      continue
    }
    if (c === 0x28) {
      // Balanced parentheses belong to the string; the outermost pair delimits it.
      if (++depth > 1) bytes.push(c)
    } else if (c === 0x29) {
      if (--depth === 0) return { bytes, end: i + 1 }
      bytes.push(c)
    } else {
      bytes.push(c)
    }
    i++
  }
  return { bytes, end: content.length }
}

/** Where the dictionary opened at `start` (`<<`) ends, strings and nested dictionaries skipped. */
function dictionaryEnd(content: Uint8Array, start: number): number {
  let depth = 0
  let i = start
  while (i < content.length) {
    if (content[i] === 0x28) {
      i = literalString(content, i).end
    } else if (content[i] === 0x3c && content[i + 1] === 0x3c) {
      depth++
      i += 2
    } else if (content[i] === 0x3e && content[i + 1] === 0x3e) {
      i += 2
      if (--depth === 0) return i
    } else {
      i++
    }
  }
  return content.length
}

/** After `BI … ID`, skip the image's bytes to the end of its `EI`. */
function inlineImageEnd(content: Uint8Array, from: number): number {
  const text = Buffer.from(content.subarray(from)).toString('latin1')
  const id = /\sID[\s]/.exec(text)
  if (!id) return content.length
  const ei = /\sEI(?=[\s]|$)/.exec(text.slice(id.index + id[0].length))
  return ei ? from + id.index + id[0].length + ei.index + ei[0].length : content.length
}

/** The `/ActualText` of an inline property list, decoded (UTF-16BE with its BOM, else PDFDocEncoding as Latin-1). */
function actualText(dict: string): string | undefined {
  const at = /\/ActualText\s*([(<])/.exec(dict)
  if (!at) return undefined
  const from = at.index + at[0].length - 1
  let bytes: number[]
  if (at[1] === '<') {
    const end = dict.indexOf('>', from)
    const hex = dict.slice(from + 1, end < 0 ? undefined : end).replace(/[^0-9A-Fa-f]/g, '')
    bytes = []
    for (let k = 0; k < hex.length; k += 2) bytes.push(parseInt(hex.slice(k, k + 2).padEnd(2, '0'), 16))
  } else {
    bytes = literalString(Buffer.from(dict.slice(from), 'latin1'), 0).bytes
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    let text = ''
    for (let k = 2; k + 1 < bytes.length; k += 2) text += String.fromCharCode((bytes[k]! << 8) | bytes[k + 1]!)
    return text
  }
  return String.fromCharCode(...bytes)
}
