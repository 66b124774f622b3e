import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { promisify } from 'node:util'
import JSZip from 'jszip'

const exec = promisify(execFile)

/** The parts of a DOCX package: XML parts as text, binary parts as bytes. */
export interface DocxParts {
  xml: Map<string, string>
  binary: Map<string, Uint8Array>
}

/** Open a DOCX with JSZip (an independent zip reader) and read every part. */
export async function openDocx(bytes: Uint8Array): Promise<DocxParts> {
  const zip = await JSZip.loadAsync(bytes)
  const xml = new Map<string, string>()
  const binary = new Map<string, Uint8Array>()
  for (const [path, entry] of Object.entries(zip.files)) {
    if (entry.dir) continue
    if (/\.(xml|rels)$/.test(path)) xml.set(path, await entry.async('string'))
    else binary.set(path, await entry.async('uint8array'))
  }
  return { xml, binary }
}

/** A fresh temporary directory for one test file's outputs. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `cablekit-${prefix}-`))
}

/**
 * Convert DOCX files to PDF with LibreOffice headless, in one process with a
 * user profile of its own (concurrent LibreOffice processes sharing a profile
 * fail). Pass every document of a test file in one call where their
 * environments allow: each start costs seconds. LibreOffice exits 0 even when
 * it cannot load a file, so each PDF's existence is checked and a missing one
 * is an error.
 */
export async function libreOfficeToPdf(docxPaths: string[], outDir: string): Promise<string[]> {
  const profile = tempDir('lo-profile')
  await exec('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, ...docxPaths], {
    timeout: 180_000,
  })
  return docxPaths.map((path) => {
    const pdf = join(outDir, basename(path).replace(/\.docx$/, '.pdf'))
    if (!existsSync(pdf)) throw new Error(`LibreOffice did not convert ${path}`)
    return pdf
  })
}

/** The text of a PDF by pdftotext (poppler), in reading order. */
export async function pdfText(pdf: string): Promise<string> {
  const { stdout } = await exec('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { maxBuffer: 64 * 1024 * 1024 })
  return stdout
}

/** What python-docx (Debian's, under /usr/bin/python3) reads from a DOCX. */
export interface PythonDocxView {
  paragraphs: { text: string; style: string }[]
  tables: string[][][]
  core: { title: string; subject: string; author: string; keywords: string; language: string; created: string | null; modified: string | null }
  sections: { header: string; firstHeader: string; footer: string; differentFirstPage: boolean; startType: string; pageWidth: number | null }[]
  styles: string[]
}

const PYTHON_DOCX_SCRIPT = `
import json, sys, docx
d = docx.Document(sys.argv[1])
cp = d.core_properties
def text(part):
    return "\\n".join(p.text for p in part.paragraphs)
print(json.dumps({
  "paragraphs": [{"text": p.text, "style": p.style.name if p.style is not None else ""} for p in d.paragraphs],
  "tables": [[[c.text for c in r.cells] for r in t.rows] for t in d.tables],
  "core": {"title": cp.title, "subject": cp.subject, "author": cp.author, "keywords": cp.keywords, "language": cp.language,
           "created": cp.created.isoformat() if cp.created else None, "modified": cp.modified.isoformat() if cp.modified else None},
  "sections": [{"header": text(s.header), "firstHeader": text(s.first_page_header), "footer": text(s.footer),
                "differentFirstPage": bool(s.different_first_page_header_footer), "startType": str(s.start_type),
                "pageWidth": s.page_width} for s in d.sections],
  "styles": [s.name for s in d.styles],
}, ensure_ascii=False))
`

/** Read a DOCX with python-docx; throws with python's message when it refuses the file. */
export async function readWithPythonDocx(path: string): Promise<PythonDocxView> {
  const { stdout } = await exec('/usr/bin/python3', ['-c', PYTHON_DOCX_SCRIPT, path], { maxBuffer: 64 * 1024 * 1024 })
  return JSON.parse(stdout) as PythonDocxView
}

/** Check every XML part of a DOCX with xmllint; returns the parts it rejects, with its message. */
export async function xmllintParts(parts: DocxParts): Promise<string[]> {
  const dir = tempDir('xmllint')
  const files = [...parts.xml].map(([path, xml], index) => {
    const file = join(dir, `${index}.xml`)
    writeFileSync(file, xml)
    return { path, file }
  })
  // One xmllint for the whole package; only when it rejects something is each part checked alone, for its message.
  if (files.length === 0) return []
  try {
    await exec('xmllint', ['--noout', ...files.map((f) => f.file)])
    return []
  } catch {
    // Fall through to the part-by-part check.
  }
  const failures: string[] = []
  for (const { path, file } of files) {
    try {
      await exec('xmllint', ['--noout', file])
    } catch (error) {
      failures.push(`${path}: ${(error as { stderr?: string }).stderr ?? String(error)}`)
    }
  }
  return failures
}

/** Letters and digits only, lower-cased: text compared across renderers that differ in spacing, hyphens and quotes. */
export function letters(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '')
}

/**
 * Whether every string of `expected` occurs in `actual`, in order, compared
 * by {@link letters}. Returns the first one missing, or `undefined`.
 */
export function missingInOrder(actual: string, expected: readonly string[]): string | undefined {
  const haystack = letters(actual)
  let cursor = 0
  for (const item of expected) {
    const needle = letters(item)
    if (needle === '') continue
    const at = haystack.indexOf(needle, cursor)
    if (at < 0) return item
    cursor = at + needle.length
  }
  return undefined
}
