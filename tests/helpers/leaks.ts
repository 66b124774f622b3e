import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import JSZip from 'jszip'
import { foldString } from '@cablekit/core'

/**
 * Leak finders that do not share the renderer's blind spots: PyMuPDF with an
 * infinite clip (text off the page, clipped or under a box counts), every PDF
 * string decoded by qpdf, content streams decoded through their ToUnicode
 * maps by hand, metadata, XMP and outline; each DOCX part parsed with its runs
 * joined per paragraph, attribute values, and python-docx as a second reader.
 * A plain `grep` misses text split across runs and kerned PDF strings.
 */

/** Text found in an output, by where it was found. */
export type Evidence = Record<string, string>

const PYTHON = '/usr/bin/python3'

/** The folded forms to look for: the whole secret, each word of at least 4 letters, and every run of 5 letters (spaces ignored). */
export function fragmentsOf(secret: string): string[] {
  const folded = foldString(secret)
  const words = folded.split(/[^\p{L}\p{N}]+/u).filter((word) => [...word].length >= 4)
  const compact = [...folded.replace(/[^\p{L}\p{N}]+/gu, '')]
  const grams: string[] = []
  for (let i = 0; i + 5 <= compact.length; i++) grams.push(compact.slice(i, i + 5).join(''))
  return [...new Set([folded, ...words, ...grams])]
}

/** Each fragment of each secret found in the evidence, as `where: fragment`; empty when nothing leaked. */
export function findLeaks(evidence: Evidence, secrets: readonly string[]): string[] {
  const found: string[] = []
  for (const [where, text] of Object.entries(evidence)) {
    const folded = foldString(text)
    const compact = folded.replace(/[^\p{L}\p{N}]+/gu, '')
    for (const secret of secrets) {
      for (const fragment of fragmentsOf(secret)) {
        const plain = fragment.replace(/[^\p{L}\p{N}]+/gu, '')
        if (folded.includes(fragment) || (plain.length >= 5 && compact.includes(plain))) found.push(`${where}: ${fragment}`)
      }
    }
  }
  return [...new Set(found)]
}

const FITZ_SCRIPT = `
import fitz, json, sys
doc = fitz.open(sys.argv[1])
flags = fitz.TEXTFLAGS_TEXT & ~fitz.TEXT_MEDIABOX_CLIP
pages, links, annots, labels = [], [], [], []
for page in doc:
    pages.append(page.get_text("text", clip=fitz.INFINITE_RECT(), flags=flags))
    for link in page.get_links():
        links.append(json.dumps({k: str(v) for k, v in link.items() if k in ("uri", "file", "nameddest", "name", "page")}))
    for annot in page.annots() or []:
        annots.append(json.dumps(annot.info))
    labels.append(page.get_label() if hasattr(page, "get_label") else "")
toc = doc.get_toc(simple=False)
print(json.dumps({
  "pages": pages,
  "links": "\\n".join(links),
  "annots": "\\n".join(annots),
  "metadata": json.dumps(doc.metadata, ensure_ascii=False),
  "xmp": doc.get_xml_metadata() or "",
  "toc": "\\n".join("%d %s -> %d" % (e[0], e[1], e[2]) for e in toc),
  "tocEntries": [[e[0], e[1], e[2]] for e in toc],
  "labels": labels,
}, ensure_ascii=False))
`

/** What PyMuPDF reads from a PDF. */
export interface FitzReading {
  /** Text of each page, extracted with an infinite clip. */
  pages: string[]
  links: string
  annots: string
  metadata: string
  xmp: string
  toc: string
  /** Outline entries: level, title, 1-based page. */
  tocEntries: [number, string, number][]
  /** Page labels, one per page. */
  labels: string[]
}

/** Read a PDF with PyMuPDF (Debian's python3-fitz). */
export function readWithFitz(path: string): FitzReading {
  const out = execFileSync(PYTHON, ['-c', FITZ_SCRIPT, path], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
  return JSON.parse(out) as FitzReading
}

/** Every string and name of a PDF, decoded by `qpdf --json=2` (strings `u:` are text, `b:` hex bytes). */
export function qpdfStrings(path: string): string {
  const json = execFileSync('qpdf', ['--json=2', '--json-stream-data=none', path], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 })
  const out: string[] = []
  const walk = (value: unknown, key?: string) => {
    if (typeof value === 'string') {
      if (key !== undefined) out.push(key)
      if (value.startsWith('u:')) out.push(value.slice(2))
      else if (value.startsWith('b:')) out.push(decodePdfBytes(Buffer.from(value.slice(2), 'hex')))
      else out.push(value)
    } else if (Array.isArray(value)) value.forEach((item) => walk(item))
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k)
  }
  walk(JSON.parse(json))
  return out.join('\n')
}

function decodePdfBytes(bytes: Buffer): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.alloc(bytes.length - 2)
    for (let i = 2; i + 1 < bytes.length; i += 2) {
      swapped[i - 2] = bytes[i + 1]!
      swapped[i - 1] = bytes[i]!
    }
    return swapped.toString('utf16le')
  }
  return bytes.toString('latin1')
}

/**
 * Uncompress the whole PDF (`qpdf --qdf --object-streams=disable`) and decode
 * the text of its content streams through each font's ToUnicode map by hand:
 * kerned `TJ` arrays are joined, so a secret split by kerning is still found.
 * Also returns the raw uncompressed file (Latin-1) and each map's characters
 * in code order (a font subset lists its characters in order of first use).
 */
export function decodeContentStreams(path: string): { streams: string; raw: string; cmaps: string } {
  const folder = mkdtempSync(join(tmpdir(), 'cablekit-qdf-'))
  try {
    const qdf = join(folder, 'out.pdf')
    try {
      execFileSync('qpdf', ['--qdf', '--object-streams=disable', '--decode-level=all', path, qdf], { stdio: 'pipe' })
    } catch (error) {
      // qpdf exits 3 on warnings and still writes the file.
      if ((error as { status?: number }).status !== 3) throw error
    }
    const raw = readFileSync(qdf).toString('latin1')
    const objects = new Map<string, { dict: string; stream?: string }>()
    for (const found of raw.matchAll(/(\d+) 0 obj\n([\s\S]*?)\nendobj/g)) {
      const body = found[2]!
      const at = body.indexOf('\nstream\n')
      objects.set(found[1]!, at === -1 ? { dict: body } : { dict: body.slice(0, at), stream: body.slice(at + 8, body.lastIndexOf('endstream')) })
    }
    const cmapOf = new Map<string, Map<string, string>>()
    const cmapSequences: string[] = []
    for (const [number, object] of objects) {
      const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(object.dict)
      if (!toUnicode) continue
      const cmapText = objects.get(toUnicode[1]!)?.stream ?? ''
      const map = parseCMap(cmapText)
      cmapOf.set(number, map)
      cmapSequences.push(
        [...map.entries()]
          .sort(([a], [b]) => parseInt(a, 16) - parseInt(b, 16))
          .map(([, v]) => v)
          .join(''),
      )
    }
    const fontByName = new Map<string, string>()
    for (const object of objects.values()) {
      for (const found of object.dict.matchAll(/\/(\w+) (\d+) 0 R/g)) if (cmapOf.has(found[2]!)) fontByName.set(found[1]!, found[2]!)
    }
    const texts: string[] = []
    for (const object of objects.values()) {
      if (!object.stream || !/\bBT\b/.test(object.stream)) continue
      let map: Map<string, string> | undefined
      let line = ''
      for (const token of object.stream.matchAll(/\/(\w+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f\s]*)>|\((?:\\.|[^\\)])*\)|\bET\b|\bT\*|\bTd\b|\bTD\b|'/g)) {
        if (token[1]) map = cmapOf.get(fontByName.get(token[1]) ?? '')
        else if (token[2] !== undefined) line += decodeHex(token[2].replace(/\s+/g, ''), map)
        else if (token[0].startsWith('(')) line += unescapeLiteral(token[0].slice(1, -1))
        else {
          texts.push(line)
          line = ''
        }
      }
      texts.push(line)
    }
    return { streams: texts.filter(Boolean).join('\n'), raw, cmaps: cmapSequences.join('\n') }
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

function parseCMap(text: string): Map<string, string> {
  const map = new Map<string, string>()
  const utf16 = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le')
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const pair of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(pair[1]!.toLowerCase(), utf16(pair[2]!))
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const range of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]+>)/g)) {
      const width = range[1]!.length
      const from = parseInt(range[1]!, 16)
      const to = parseInt(range[2]!, 16)
      const targets = range[3]!.startsWith('[') ? [...range[3]!.matchAll(/<([0-9A-Fa-f]+)>/g)].map((m) => m[1]!) : undefined
      for (let code = from; code <= to && code - from < 65536; code++) {
        const key = code.toString(16).padStart(width, '0')
        if (targets) map.set(key, utf16(targets[code - from] ?? ''))
        else {
          const base = Buffer.from(range[3]!.slice(1, -1), 'hex')
          base.writeUInt16BE(base.readUInt16BE(base.length - 2) + (code - from), base.length - 2)
          map.set(key, base.swap16().toString('utf16le'))
        }
      }
    }
  }
  return map
}

function decodeHex(hex: string, map: Map<string, string> | undefined): string {
  if (!map || map.size === 0) return Buffer.from(hex, 'hex').toString('latin1')
  const width = [...map.keys()][0]!.length
  let out = ''
  for (let i = 0; i + width <= hex.length; i += width) out += map.get(hex.slice(i, i + width).toLowerCase()) ?? ''
  return out
}

function unescapeLiteral(value: string): string {
  return value.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, e: string) =>
    /^[0-7]/.test(e) ? String.fromCharCode(parseInt(e, 8)) : (({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[e] ?? e),
  )
}

/** Everything a PDF shows or hides, by source: pages, links, metadata, XMP, outline, labels, every string, decoded content streams, ToUnicode maps, the raw file. */
export function pdfEvidence(path: string): Evidence {
  const fitz = readWithFitz(path)
  const streams = decodeContentStreams(path)
  return {
    'fitz: page text (infinite clip)': fitz.pages.join('\n'),
    'fitz: links': fitz.links,
    'fitz: annotations': fitz.annots,
    'fitz: metadata': fitz.metadata,
    'fitz: XMP': fitz.xmp,
    'fitz: outline': fitz.toc,
    'fitz: page labels': fitz.labels.join('\n'),
    'qpdf --json=2: every string': qpdfStrings(path),
    'qpdf --qdf: content streams through ToUnicode': streams.streams,
    'qpdf --qdf: ToUnicode maps in code order': streams.cmaps,
    'qpdf --qdf: raw uncompressed file': streams.raw,
  }
}

const DOCX_SCRIPT = `
import docx, json, sys
d = docx.Document(sys.argv[1])
out = []
def paragraphs(container):
    for p in container.paragraphs:
        out.append(p.text)
    for t in container.tables:
        for row in t.rows:
            for cell in row.cells:
                paragraphs(cell)
paragraphs(d)
for s in d.sections:
    for part in (s.header, s.footer, s.first_page_header, s.first_page_footer, s.even_page_header, s.even_page_footer):
        try:
            paragraphs(part)
        except Exception:
            pass
cp = d.core_properties
out.extend(str(getattr(cp, k) or "") for k in ("title", "subject", "author", "keywords", "comments", "category", "last_modified_by", "identifier"))
print(json.dumps(out, ensure_ascii=False))
`

/** What python-docx reads from a DOCX: every paragraph of body, tables, headers and footers, and the core properties. */
export function readWithPythonDocx(path: string): string[] {
  return JSON.parse(execFileSync(PYTHON, ['-c', DOCX_SCRIPT, path], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })) as string[]
}

/** Markup a published DOCX must not hold: tracked deletions and insertions, hidden text, comments. */
export const HIDDEN_DOCX_MARKUP = /<w:(del|ins|delText|vanish|specVanish|webHidden|moveFrom|commentReference|commentRangeStart)\b/

/**
 * Every XML part of a DOCX, parsed: the runs of each paragraph joined (a
 * secret split across runs is found), every attribute value (alt text,
 * titles, link targets), and the text between tags; plus python-docx's
 * reading. `hidden` lists parts that hold tracked changes, hidden text or
 * comments.
 */
export async function docxEvidence(bytes: Uint8Array): Promise<{ evidence: Evidence; hidden: string[]; parts: string[] }> {
  const zip = await JSZip.loadAsync(bytes)
  const evidence: Evidence = {}
  const hidden: string[] = []
  const parts = Object.keys(zip.files).sort()
  for (const name of parts) {
    if (!/\.(xml|rels)$/.test(name)) continue
    const xml = await zip.file(name)!.async('string')
    if (HIDDEN_DOCX_MARKUP.test(xml) || /comments/i.test(name)) hidden.push(name)
    const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
      [...p[0].matchAll(/<(w:t|w:delText|w:instrText|m:t|a:t)(?: [^>]*)?>([^<]*)<\/\1>/g)].map((t) => decodeXml(t[2]!)).join(''),
    )
    const attributes = [...xml.matchAll(/\s[\w:]+="([^"]*)"/g)].map((a) => decodeXml(a[1]!))
    evidence[`${name}: paragraphs, runs joined`] = paragraphs.join('\n')
    evidence[`${name}: attribute values`] = attributes.join('\n')
    evidence[`${name}: text between tags`] = decodeXml(xml.replace(/<[^>]+>/g, ''))
  }
  evidence['zip entry names'] = parts.join('\n')
  const folder = mkdtempSync(join(tmpdir(), 'cablekit-docx-'))
  try {
    const path = join(folder, 'doc.docx')
    writeFileSync(path, bytes)
    evidence['python-docx: paragraphs and properties'] = readWithPythonDocx(path).join('\n')
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
  return { evidence, hidden, parts }
}

function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) =>
    e === 'lt'
      ? '<'
      : e === 'gt'
        ? '>'
        : e === 'amp'
          ? '&'
          : e === 'quot'
            ? '"'
            : e === 'apos'
              ? "'"
              : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
  )
}

/** Whether every XML part of a DOCX is well-formed for xmllint. */
export async function xmllintDocx(bytes: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes)
  const folder = mkdtempSync(join(tmpdir(), 'cablekit-xmllint-'))
  const bad: string[] = []
  try {
    for (const name of Object.keys(zip.files)) {
      if (!/\.(xml|rels)$/.test(name)) continue
      const path = join(folder, 'part.xml')
      writeFileSync(path, await zip.file(name)!.async('uint8array'))
      try {
        execFileSync('xmllint', ['--noout', path], { stdio: 'pipe' })
      } catch {
        bad.push(name)
      }
    }
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
  return bad
}
