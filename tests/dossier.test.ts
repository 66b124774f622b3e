import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import JSZip from 'jszip'
import { beforeAll, describe, expect, it } from 'vitest'
import { fromMarkdown } from '@cablekit/core'
import { toDossierPdf } from '@cablekit/render'
import { cli } from './helpers/cli.js'
import { readWithFitz, readWithPythonDocx } from './helpers/leaks.js'
import { linkedNumber } from './helpers/pdf.js'

const FIXTURES = join(import.meta.dirname, 'fixtures', 'dossier')
const OUT = join(import.meta.dirname, '.output', 'dossier')

interface TocLink {
  /** The page number printed on the contents line. */
  printed: string
  /** 0-based index of the page the line links to. */
  target: number
}

/** What pdf.js, a reader independent of pdfkit, sees of a book: page labels, outline targets, contents links and the number printed in each. */
async function readBook(
  bytes: Uint8Array,
): Promise<{ labels: string[]; outline: { title: string; page: number; children: { title: string; page: number }[] }[]; links: TocLink[]; pages: number }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise
  const pageOf = async (dest: unknown): Promise<number> => {
    const explicit = (typeof dest === 'string' ? await doc.getDestination(dest) : dest) as [unknown] | null
    return doc.getPageIndex(explicit![0] as never)
  }
  const outline = await Promise.all(
    ((await doc.getOutline()) ?? []).map(async (item) => ({
      title: item.title,
      page: await pageOf(item.dest),
      children: await Promise.all(item.items.map(async (child) => ({ title: child.title, page: await pageOf(child.dest) }))),
    })),
  )
  const links: TocLink[] = []
  for (let index = 1; index <= doc.numPages; index++) {
    const page = await doc.getPage(index)
    const annotations = (await page.getAnnotations()) as { subtype: string; dest?: unknown; rect: number[] }[]
    const internal = annotations.filter((a) => a.subtype === 'Link' && a.dest)
    if (internal.length === 0) continue
    const items = (await page.getTextContent()).items as { str: string; transform: number[] }[]
    for (const link of internal) links.push({ printed: linkedNumber(items, link.rect), target: await pageOf(link.dest) })
  }
  const labels = (await doc.getPageLabels()) ?? []
  return { labels, outline, links, pages: doc.numPages }
}

describe('cablekit dossier → PDF, from a dossier.yml over Markdown, raw text and JSON', () => {
  let bytes: Uint8Array
  let book: Awaited<ReturnType<typeof readBook>>
  let fitz: ReturnType<typeof readWithFitz>
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true })
    const run = await cli(['dossier', 'dossier.yml', '-o', join(OUT, 'book.pdf')], { cwd: FIXTURES })
    expect(run.stderr).toContain('5 cables')
    expect(run.code).toBe(0)
    bytes = readFileSync(join(OUT, 'book.pdf'))
    book = await readBook(bytes)
    fitz = readWithFitz(join(OUT, 'book.pdf'))
  }, 120_000)

  it('is a sound PDF', () => {
    execFileSync('qpdf', ['--check', join(OUT, 'book.pdf')])
  })

  it('lists every cable in the contents, each number the label of the page its link leads to, where the cable starts', () => {
    expect(book.links).toHaveLength(5)
    for (const link of book.links) {
      expect(link.printed).toMatch(/^\d+$/)
      expect(book.labels[link.target]).toBe(link.printed)
      // The cable's own folio says page 1 there, and the page before belongs to something else.
      const text = fitz.pages[link.target]!
      expect(text).toMatch(/\b(1\/\d+|PAGE 0?1 OF \d+)/)
    }
    const starts = book.links.map((link) => link.target)
    expect([...starts].sort((a, b) => a - b)).toEqual(starts)
  })

  it('orders the cables by date, as asked, undated last', () => {
    const subjects = book.outline.map((item) => item.title)
    expect(subjects[0]).toMatch(/RABAT 000412|MOROCCO ASKS NATO/)
    expect(subjects.at(-2)).toMatch(/Synthèse/)
    expect(subjects.at(-1)).toMatch(/Cardiff/)
  })

  it('has one outline entry per cable, at the page where it starts, with its attachments under it', () => {
    expect(book.outline).toHaveLength(5)
    expect(book.outline.map((item) => item.page)).toEqual(book.links.map((link) => link.target))
    const cardiff = book.outline.find((item) => item.title.includes('Cardiff'))!
    expect(cardiff.children).toHaveLength(1)
    expect(cardiff.children[0]!.title).toMatch(/^PJ : /)
    expect(cardiff.children[0]!.page).toBeGreaterThan(cardiff.page)
    expect(fitz.pages[cardiff.children[0]!.page]).toContain(cardiff.children[0]!.title.replace(/^PJ : /, '').slice(0, 20))
  })

  it('starts every cable on an odd page in duplex, and labels the front matter i, ii, iii', () => {
    for (const link of book.links) expect(Number(link.printed) % 2).toBe(1)
    expect(book.labels.slice(0, 3)).toEqual(['i', 'ii', 'iii'])
    expect(book.labels[book.links[0]!.target]).toBe('1')
  })

  it('prints the dossier’s folio beside each cable’s own', () => {
    const cardiff = book.outline.find((item) => item.title.includes('Cardiff'))!
    const second = cardiff.page + 1
    expect(fitz.pages[second]).toMatch(new RegExp(`(^|\\n)${book.labels[second]}(\\n|$)`))
    expect(fitz.pages[second]).toContain('2/3')
  })

  it('has an index of tags, places and senders with the start pages', () => {
    const index = fitz.pages.slice(-2).join('\n')
    expect(index).toContain('Mots-clés')
    expect(index).toContain('Lieux')
    expect(index).toContain('Expéditeurs')
    const brief = book.labels[book.outline.find((item) => item.title.includes('Synthèse'))!.page]
    expect(index.replace(/\s+/g, ' ')).toMatch(new RegExp(`Rabat — [\\d, ]*\\b${brief}\\b`))
  })

  it('is the same bytes every time', async () => {
    const again = await cli(['dossier', 'dossier.yml', '-o', join(OUT, 'again.pdf')], { cwd: FIXTURES })
    expect(again.code).toBe(0)
    expect(readFileSync(join(OUT, 'again.pdf')).equals(Buffer.from(bytes))).toBe(true)
  })
})

describe('toDossierPdf from the API', () => {
  it('renders the examples without duplex: contents numbers match, no blank pages', async () => {
    const cables = ['09RABAT412.md', 'maroc-otan-cardiff.md', 'maroc-otan-requete.md'].map(
      (name) => fromMarkdown(readFileSync(join(FIXTURES, name)), { path: name }).cables[0]!,
    )
    const bytes = await toDossierPdf({ title: 'Examples', cables }, { order: 'reference', index: false })
    const book = await readBook(bytes)
    expect(book.links.map((link) => link.printed)).toEqual(book.links.map((link) => book.labels[link.target]))
    expect(book.outline).toHaveLength(3)
    expect(book.labels.slice(0, 2)).toEqual(['i', 'ii'])
  })
})

describe('cablekit dossier → DOCX', () => {
  let bytes: Uint8Array
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true })
    const run = await cli(['dossier', 'dossier.yml', '-o', join(OUT, 'book.docx')], { cwd: FIXTURES })
    expect(run.code).toBe(0)
    bytes = readFileSync(join(OUT, 'book.docx'))
  }, 120_000)

  it('has a TOC field, a heading per cable and attachment, and one section per cable', async () => {
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string')
    expect(xml).toContain('TOC \\h \\t &quot;DossierCable,1,DossierAttachment,2&quot;')
    expect(xml.match(/<w:pStyle w:val="DossierCable"\/>/g)).toHaveLength(5)
    expect(xml.match(/<w:pStyle w:val="DossierAttachment"\/>/g)).toHaveLength(1)
    // Cover and front matter, five cables, one attachment, the index.
    expect(xml.match(/<w:sectPr\b/g)).toHaveLength(1 + 5 + 1 + 1)
    expect(xml.match(/<w:type w:val="oddPage"\/>/g)!.length).toBeGreaterThanOrEqual(5)
  })

  it('opens in python-docx and LibreOffice, with each cable under its heading', () => {
    const folder = mkdtempSync(join(tmpdir(), 'cablekit-dossier-lo-'))
    try {
      const path = join(folder, 'book.docx')
      writeFileSync(path, bytes)
      const paragraphs = readWithPythonDocx(path)
      expect(paragraphs.filter((p) => p.includes('Synthèse des échanges'))).not.toHaveLength(0)
      execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${folder}/profile`, '--convert-to', 'pdf', '--outdir', folder, path], {
        stdio: 'pipe',
        timeout: 120_000,
      })
      // LibreOffice exits 0 even when it cannot load a file: the PDF must exist.
      expect(existsSync(join(folder, 'book.pdf'))).toBe(true)
      const text = execFileSync('pdftotext', [join(folder, 'book.pdf'), '-'], { encoding: 'utf8' })
      expect(text).toContain('Table des matières')
      expect(text).toContain('MOROCCO ASKS NATO')
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  }, 180_000)
})

describe('dossier.yml errors', () => {
  it('names file, line and column, and writes no book', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cablekit-dossier-bad-'))
    writeFileSync(join(dir, 'dossier.yml'), 'title: Test\norder: sideways\ncables:\n  - missing-*.md\n')
    const run = await cli(['dossier', 'dossier.yml', '-o', 'book.pdf'], { cwd: dir })
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/dossier\.yml[\s\S]*2:\d+.*`order` must be one of listed, date, reference/)
    expect(run.stderr).toMatch(/4:\d+.*`missing-\*\.md` matches no file/)
    expect(existsSync(join(dir, 'book.pdf'))).toBe(false)
  })

  it('asks for a title and a .pdf or .docx output (exit 2)', async () => {
    expect((await cli(['dossier', 'maroc-otan-cardiff.md', '-o', 'x.pdf'], { cwd: FIXTURES })).code).toBe(2)
    expect((await cli(['dossier', 'maroc-otan-cardiff.md', '--title', 'T', '-o', 'x.odt'], { cwd: FIXTURES })).code).toBe(2)
  })

  it('writes nothing when a cable cannot be read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cablekit-dossier-bad-'))
    writeFileSync(join(dir, 'bad.json'), '{"subject": ')
    const run = await cli(['dossier', 'bad.json', '--title', 'T', '-o', 'book.pdf'], { cwd: dir })
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/bad\.json/)
    expect(existsSync(join(dir, 'book.pdf'))).toBe(false)
  })
})
