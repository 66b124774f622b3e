import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { fromMarkdown } from '@cablekit/core'
import type { Cable } from '@cablekit/core'
import { toDocx } from '@cablekit/render'
import { letters, libreOfficeToPdf, missingInOrder, pdfText, readWithPythonDocx, tempDir } from './helpers/docx.js'
import type { PythonDocxView } from './helpers/docx.js'

/**
 * Real consumers open what toDocx writes: LibreOffice converts it to PDF
 * (its text must be the cable's, in order) and Debian's python-docx reads its
 * paragraphs, styles, sections and core properties.
 */

function load(path: string): Cable {
  const { cables, file } = fromMarkdown(readFileSync(path, 'utf8'), { path })
  if (!cables[0]) throw new Error(`${path}: ${file.messages.map(String).join('\n')}`)
  return cables[0]
}

interface TextNode {
  type: string
  value?: string
  children?: TextNode[]
}

/**
 * The text nodes of a body, in reading order: what must come out of the PDF in
 * the same order. `paragraphsOnly` leaves out what python-docx 0.8 does not
 * count as paragraph text: tables and hyperlinks' runs.
 */
function textsOf(nodes: readonly unknown[], paragraphsOnly = false): string[] {
  const out: string[] = []
  const walk = (node: TextNode) => {
    if (node.type === 'footnoteDefinition' || node.type === 'code') return
    if (paragraphsOnly && (node.type === 'table' || node.type === 'link')) return
    if ((node.type === 'text' || node.type === 'inlineCode') && node.value) out.push(node.value)
    node.children?.forEach(walk)
  }
  ;(nodes as TextNode[]).forEach(walk)
  return out
}

/** What the document shows of untrusted text: without the characters the writer must strip (test inputs hold lone surrogates only). */
function clean(text: string): string {
  return text.replace(/[\uFFFE\uFFFF\u0007\u202A-\u202E\uD800-\uDFFF]/g, '')
}

/** The cable's text as it should read: body, then each attachment's title and body. */
function expectedText(cable: Cable, paragraphsOnly = false): string[] {
  return [...textsOf(cable.body, paragraphsOnly), ...cable.attachments.flatMap((a) => [a.title, ...textsOf(a.body, paragraphsOnly)])].map(clean)
}

/** The text of the cable's footnotes, one string per note. */
function footnoteTexts(cable: Cable): string[] {
  const notes: string[] = []
  const walk = (node: TextNode) => {
    if (node.type === 'footnoteDefinition') notes.push(textsOf(node.children ?? []).join(''))
    else node.children?.forEach(walk)
  }
  ;[...cable.body, ...cable.attachments.flatMap((a) => a.body)].forEach((node) => walk(node as TextNode))
  return notes.map(letters)
}

/**
 * PDF text without the running headers and footers and the footnotes at the
 * foot of each page, which interrupt paragraphs at page breaks.
 */
function withoutRunningLines(text: string, cable: Cable): string {
  const notes = new Set(footnoteTexts(cable))
  const label = cable.classification?.label ?? '\u0000'
  const marking = label.toLowerCase().replace(/\s+/g, '')
  return text
    .split('\n')
    .filter((line) => {
      const squeezed = line.toLowerCase().replace(/\s+/g, '')
      const rest = squeezed.replace(marking, '').replace(/^n°.*$/, '')
      if (notes.has(letters(line)) || /^\d{1,2}$/.test(squeezed)) return false
      return !(squeezed.includes(marking) && /^(\d+\/\d+|page\d+of\d+)?$/.test(rest)) && !/^\d+\/\d+$/.test(squeezed)
    })
    .join('\n')
}

const RAW = 'tests/fixtures/docx/adversarial.md#raw'
const FILES = [
  ...readdirSync('examples')
    .filter((name) => name.endsWith('.md'))
    .map((name) => `examples/${name}`),
  'tests/fixtures/docx/adversarial.md',
  RAW,
].sort()

/**
 * The cable of a source; `#raw` is the adversarial fixture with what Markdown
 * ingestion strips but a library caller can pass: U+FFFE/U+FFFF (which make
 * LibreOffice silently fail and python-docx refuse a file written raw), a bell,
 * a bidi override, a lone surrogate and a 30,000-character token.
 */
function cableFor(source: string): Cable {
  if (source !== RAW) return load(source)
  const cable = load(source.replace(/#raw$/, ''))
  const body = structuredClone(cable.body)
  body.push({
    type: 'paragraph',
    children: [{ type: 'text', value: `avant\uFFFE\uFFFFaprès \u0007bip \u202Eà l'envers\u202C \uD800seul ${'X'.repeat(30_000)}` }],
  })
  return { ...cable, subject: 'Sujet\uFFFE piégé\uFFFF', body }
}

describe('DOCX read by LibreOffice and python-docx', () => {
  const dir = tempDir('docx-consumers')
  const cables = new Map<string, Cable>()
  const pdfs = new Map<string, string>()
  const views = new Map<string, PythonDocxView>()

  beforeAll(async () => {
    const docxPaths: string[] = []
    for (const source of FILES) {
      const cable = cableFor(source)
      cables.set(source, cable)
      const path = join(
        dir,
        source.replace(/^.*\//, '').replace(/\.md(#raw)?$/, (_m, raw: string | undefined) => (raw ? '-raw.docx' : '.docx')),
      )
      writeFileSync(path, await toDocx(cable))
      docxPaths.push(path)
    }
    // One LibreOffice process converts them all: each start costs seconds.
    const converted = await libreOfficeToPdf(docxPaths, dir)
    FILES.forEach((source, index) => pdfs.set(source, converted[index]!))
    for (const [index, source] of FILES.entries()) views.set(source, await readWithPythonDocx(docxPaths[index]!))
  }, 240_000)

  it('LibreOffice converts each to a PDF whose text is the cable’s, in order', async () => {
    for (const source of FILES) {
      const cable = cables.get(source)!
      const text = withoutRunningLines(await pdfText(pdfs.get(source)!), cable)
      expect(missingInOrder(text, expectedText(cable)), source).toBeUndefined()
      for (const field of [cable.subject, cable.from, ...(cable.to ?? []), cable.signature, cable.issuer?.state]) {
        if (field) expect(missingInOrder(text, [clean(field)]), `${source}: ${field}`).toBeUndefined()
      }
    }
  })

  it('LibreOffice prints the classification and page numbers on every page', async () => {
    for (const source of FILES) {
      const cable = cables.get(source)!
      const pages = (await pdfText(pdfs.get(source)!)).split('\f').filter((page) => page.trim() !== '')
      expect(pages.length, source).toBeGreaterThan(0)
      const label = cable.classification!.label.toLowerCase().replace(/\s+/g, '')
      pages.forEach((page, index) => {
        const squeezed = page.toLowerCase().replace(/\s+/g, '')
        expect(squeezed.split(label).length - 1, `${source} page ${index + 1}`).toBeGreaterThanOrEqual(2)
        expect(squeezed, `${source} page ${index + 1}`).toMatch(new RegExp(`${index + 1}/${pages.length}|page${index + 1}of${pages.length}`))
      })
    }
  })

  it('LibreOffice keeps the signature on the page of the list of attachments', async () => {
    let checked = 0
    for (const source of FILES) {
      const cable = cables.get(source)!
      if (!cable.signature || cable.attachments.length === 0) continue
      const pages = (await pdfText(pdfs.get(source)!)).split('\f').map(letters)
      // The list comes before the attachments' own sections: its page is the first to name the first attachment.
      const listPage = pages.findIndex((page) => page.includes(letters(cable.attachments[0]!.title)))
      expect(listPage, source).toBeGreaterThanOrEqual(0)
      expect(pages[listPage], `${source} page ${listPage + 1}`).toContain(letters(cable.signature))
      checked++
    }
    // The adversarial cable's list used to fall alone onto a page of its own.
    expect(checked).toBeGreaterThanOrEqual(2)
  })

  it('python-docx reads the paragraphs in the Cable styles', () => {
    for (const source of FILES) {
      const view = views.get(source)!
      const cable = cables.get(source)!
      expect(view.styles, source).toEqual(expect.arrayContaining(['Cable Body', 'Cable Label', 'Cable Subject', 'Cable Attachment Title']))
      // A telegram's paragraphs are Telegram Paragraph (based on Cable Body), a letter's Cable Body.
      const body = view.paragraphs.filter((p) => p.style === 'Cable Body' || p.style === 'Telegram Paragraph')
      expect(body.length, source).toBeGreaterThan(0)
      const all = view.paragraphs.map((p) => p.text).join('\n') + view.tables.flat(2).join('\n')
      expect(missingInOrder(view.paragraphs.map((p) => p.text).join('\n'), expectedText(cable, true)), source).toBeUndefined()
      expect(view.tables.flat(2).join('\n'), source).toContain(cable.distribution?.primary?.[0] ?? '')
      if (cable.subject) expect(all, source).toContain(clean(cable.subject).replace(/ :/g, '\u202F:'))
      for (const attachment of cable.attachments) {
        expect(
          view.paragraphs.some((p) => p.style === 'Cable Attachment Title' && p.text.includes(attachment.title)),
          source,
        ).toBe(true)
      }
    }
  })

  it('python-docx reads the core properties', () => {
    for (const source of FILES) {
      const { core } = views.get(source)!
      const cable = cables.get(source)!
      expect(core.author, source).toBe('cablekit')
      expect(core.language, source).toBe(cable.lang)
      if (cable.subject) expect(core.subject, source).toBe(clean(cable.subject))
      expect(core.title, source).toBeTruthy()
      expect(core.keywords, source).toContain(cable.classification!.label)
      expect(core.created, source).toMatch(cable.date ? new RegExp(`^${cable.date.slice(0, 10)}`) : /^\d{4}-/)
    }
  })

  it('python-docx finds the classification in the header and footer of each section, and the attachments’ new sections', () => {
    for (const source of FILES) {
      const view = views.get(source)!
      const cable = cables.get(source)!
      const label = cable.classification!.label
      expect(view.sections.length, source).toBe(1 + cable.attachments.length)
      for (const section of view.sections) {
        const squeeze = (text: string) => text.replace(/\s+/g, '')
        expect(squeeze(section.header), source).toContain(squeeze(label))
        expect(squeeze(section.footer), source).toContain(squeeze(label))
      }
      view.sections.slice(1).forEach((section) => expect(section.startType, source).toContain('NEW_PAGE'))
    }
  })
})
