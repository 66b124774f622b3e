import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const exec = promisify(execFile)

/** Write `bytes` to a fresh temporary file, run `use` on its path, then remove it. */
export async function withPdfFile<T>(bytes: Uint8Array, use: (path: string, dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'cablekit-pdf-'))
  const path = join(dir, 'input.pdf')
  writeFileSync(path, bytes)
  try {
    return await use(path, dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Text of each page by poppler's `pdftotext` (reading order, UTF-8), pages split on form feeds. */
export async function popplerPages(bytes: Uint8Array, options: { layout?: boolean } = {}): Promise<string[]> {
  return withPdfFile(bytes, async (path) => {
    const { stdout } = await exec('pdftotext', [...(options.layout ? ['-layout'] : []), '-enc', 'UTF-8', path, '-'], { maxBuffer: 64 << 20 })
    const pages = stdout.split('\f')
    if (pages[pages.length - 1]?.trim() === '') pages.pop()
    return pages
  })
}

/** One font as `pdffonts` lists it. */
export interface PdfFontInfo {
  name: string
  type: string
  embedded: boolean
  subset: boolean
  unicode: boolean
}

/** The fonts of a PDF by poppler's `pdffonts`. */
export async function pdfFonts(bytes: Uint8Array): Promise<PdfFontInfo[]> {
  return withPdfFile(bytes, async (path) => {
    const { stdout } = await exec('pdffonts', [path])
    return stdout
      .split('\n')
      .slice(2)
      .filter((line) => line.trim() !== '')
      .map((line) => {
        // Columns: name, type (may contain spaces), encoding, emb, sub, uni, object, id.
        const match = /^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(line)
        if (!match) throw new Error(`unexpected pdffonts line: ${line}`)
        return { name: match[1]!, type: match[2]!, embedded: match[4] === 'yes', subset: match[5] === 'yes', unicode: match[6] === 'yes' }
      })
  })
}

/** `qpdf --check`: exit status 0 and its report. */
export async function qpdfCheck(bytes: Uint8Array): Promise<{ ok: boolean; output: string }> {
  return withPdfFile(bytes, async (path) => {
    try {
      const { stdout, stderr } = await exec('qpdf', ['--check', path])
      return { ok: true, output: stdout + stderr }
    } catch (error) {
      const failure = error as { stdout?: string; stderr?: string }
      return { ok: false, output: `${failure.stdout ?? ''}${failure.stderr ?? ''}` }
    }
  })
}

/** Every object of the PDF, decoded, by `qpdf --json=2` (strings as qpdf decodes them). */
export async function qpdfJson(
  bytes: Uint8Array,
): Promise<{ qpdf: [unknown, Record<string, { value?: unknown; stream?: { dict: Record<string, unknown> } }>] }> {
  return withPdfFile(bytes, async (path) => {
    const { stdout } = await exec('qpdf', ['--json=2', '--json-stream-data=none', path], { maxBuffer: 256 << 20 })
    return JSON.parse(stdout)
  })
}

/** Page count, metadata and per-page text by pdf.js (pdfjs-dist), an independent reader. */
export async function pdfjsRead(
  bytes: Uint8Array,
): Promise<{ pages: string[]; info: Record<string, unknown>; lang: string | null; annotations: { subtype: string; url?: string; unsafeUrl?: string }[][] }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
  const document = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise
  const pages: string[] = []
  const annotations: { subtype: string; url?: string; unsafeUrl?: string }[][] = []
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number)
    const content = await page.getTextContent()
    let text = ''
    for (const item of content.items) {
      if (!('str' in item)) continue
      text += item.str
      if (item.hasEOL) text += '\n'
    }
    pages.push(text)
    annotations.push(
      ((await page.getAnnotations()) as { subtype: string; url?: string; unsafeUrl?: string }[]).map(({ subtype, url, unsafeUrl }) => ({
        subtype,
        ...(url ? { url } : {}),
        ...(unsafeUrl ? { unsafeUrl } : {}),
      })),
    )
  }
  const metadata = await document.getMetadata()
  const markInfo = await document.getMarkInfo()
  void markInfo
  const lang = (metadata.info as Record<string, unknown>)['Language'] as string | undefined
  await document.destroy()
  return { pages, info: metadata.info as Record<string, unknown>, lang: lang ?? null, annotations }
}

/** Rasterise one page with `pdftoppm` at `dpi` and return the PNG bytes. */
export async function rasterize(bytes: Uint8Array, page = 1, dpi = 50): Promise<Buffer> {
  return withPdfFile(bytes, async (path, dir) => {
    await exec('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', path, join(dir, 'page')])
    return readFileSync(join(dir, 'page.png'))
  })
}

/** Collapse runs of white space (pdf extractors differ in spacing and line ends). */
export function squash(text: string): string {
  return text.replace(/[\s\u00a0\u202f]+/g, ' ').trim()
}

/**
 * Text of each page by PyMuPDF (`python3-fitz`, the Debian `/usr/bin/python3`),
 * a third independent reader: MuPDF reports a glyph with no ToUnicode entry
 * as U+FFFD, where poppler and pdf.js drop it silently.
 */
export async function mupdfPages(bytes: Uint8Array): Promise<string[]> {
  return withPdfFile(bytes, async (path) => {
    const script = 'import fitz, json, sys\nprint(json.dumps([page.get_text() for page in fitz.open(sys.argv[1])]))'
    const { stdout } = await exec('/usr/bin/python3', ['-c', script, path], { maxBuffer: 64 << 20 })
    return JSON.parse(stdout) as string[]
  })
}

/** A pdf.js text item, as the link readers use it: its text and its matrix (origin at `transform[4]`, `[5]`). */
export interface PositionedText {
  str: string
  transform: number[]
}

/**
 * The number a contents link prints: the right-most text inside the link's rectangle (1 pt of slack),
 * or `''` when the rectangle holds none.
 */
export function linkedNumber(items: PositionedText[], rect: number[]): string {
  const [x1, y1, x2, y2] = rect as [number, number, number, number]
  const inside = items.filter(
    (item) => item.str.trim() && item.transform[4]! >= x1 - 1 && item.transform[4]! <= x2 + 1 && item.transform[5]! >= y1 - 1 && item.transform[5]! <= y2 + 1,
  )
  return inside.sort((a, b) => b.transform[4]! - a.transform[4]!)[0]?.str.trim() ?? ''
}
