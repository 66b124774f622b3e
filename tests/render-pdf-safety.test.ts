import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from '@cablekit/core'
import type { Cable } from '@cablekit/core'
import { layoutCable, toPdf } from '@cablekit/render'
import type { Box } from '@cablekit/render'
import { pdfFonts, pdfjsRead, popplerPages, qpdfCheck, qpdfJson, rasterize, squash } from './helpers/pdf.js'

const root = join(import.meta.dirname, '..')

function cable(markdown: string, header = 'lang: fr\nsubject: Test'): Cable {
  const result = parse(`---\n${header}\n---\n\n${markdown}\n`, { path: 'test.md' })
  const [first] = result.cables
  if (!first) throw new Error(result.file.messages.map(String).join('\n'))
  return first
}

function allBoxes(boxes: readonly Box[]): Box[] {
  return boxes.flatMap((box) => (box.type === 'group' ? allBoxes(box.boxes) : [box]))
}

/** Every string qpdf decodes in the file, and every dictionary key, as one text. */
async function everything(bytes: Uint8Array): Promise<string> {
  return JSON.stringify(await qpdfJson(bytes))
}

describe('untrusted text', () => {
  it('keeps only http, https and mailto link targets, and writes no JavaScript, Launch, OpenAction or embedded file', async () => {
    const bytes = await toPdf(
      cable(
        '[a](javascript:alert(1)) [b](file:///etc/passwd) [c](https://example.org/x) [d](mailto:someone@example.org) [e](JAVASCRIPT:alert(2)) [f](data:text/html,hi)',
      ),
    )
    const read = await pdfjsRead(bytes)
    const urls = read.annotations.flat().map((annotation) => annotation.unsafeUrl ?? annotation.url)
    expect(urls).toEqual(['https://example.org/x', 'mailto:someone@example.org'])
    const dump = await everything(bytes)
    for (const forbidden of ['/JavaScript', '/JS', '/Launch', '/OpenAction', '/EmbeddedFiles', '/AA', 'javascript:', 'file:', 'data:']) {
      expect(dump.toLowerCase()).not.toContain(forbidden.toLowerCase())
    }
    // The text of the dropped links is still printed.
    expect(squash(read.pages[0]!)).toContain('a b c d e f')
  })

  it('strips control characters, U+FFFE/U+FFFF and bidi overrides from text and metadata alike', async () => {
    const dirty = 'A\u0007B\u202eC\ufffeD\uffffE\u2066F\u0000G'
    const base = cable('placeholder')
    const bytes = await toPdf({
      ...base,
      subject: `Sujet ${dirty}`,
      from: `Auteur ${dirty}`,
      tags: [`T${dirty}`],
      body: [{ type: 'paragraph', children: [{ type: 'text', value: `Corps ${dirty}` }] }],
    })
    const read = await pdfjsRead(bytes)
    expect(read.info['Title']).toBe('Sujet ABCDEFG')
    expect(read.info['Author']).toBe('Auteur ABCDEFG')
    expect(read.info['Keywords']).toBe('TABCDEFG')
    expect(squash(read.pages[0]!)).toContain('Corps ABCDEFG')
    const dump = await everything(bytes)
    expect(dump).not.toMatch(/\\u0007|\\u202e|\\ufffe|\\uffff|\\u2066|\\u0000/i)
  })

  it('breaks a 30,000-character token across lines and pages without losing a character', async () => {
    const token = 'x'.repeat(10_000) + 'y'.repeat(10_000) + 'z'.repeat(10_000)
    const bytes = await toPdf(cable(`Avant ${token} après.`))
    const pages = await popplerPages(bytes)
    expect(pages.length).toBeGreaterThan(5)
    // Drop the folios (`3/11`) printed between the pieces on each page.
    const text = pages
      .map((page) => page.replace(/\d+\/\d+\s*$/, ''))
      .join('')
      .replace(/\s+/g, '')
    expect(text.includes(`Avant${token}après.`), 'every character of the token, in order').toBe(true)
  })

  it('continues a table cell taller than a page on the next page with no word lost', async () => {
    const words = Array.from({ length: 3000 }, (_, index) => `mot${index}`)
    const bytes = await toPdf(cable(`| Clé | Texte |\n| --- | --- |\n| longue | ${words.join(' ')} |\n| fin | dernière ligne |`))
    const pages = await popplerPages(bytes)
    expect(pages.length).toBeGreaterThan(2)
    const text = squash(pages.join(' '))
    const found = new Set(text.match(/mot\d+/g))
    expect(words.filter((word) => !found.has(word))).toEqual([])
    expect(text).toContain('dernière ligne')
    expect((await qpdfCheck(bytes)).ok).toBe(true)
  })

  it('prints redactions as bars whose width depends only on the reason', async () => {
    const one = layoutCable(cable('Le nom :redact[Jean]{reason="vie privée"} est caché.'))
    const two = layoutCable(cable('Le nom :redact[Jean-Baptiste Pierre-Marie de la Fontaine]{reason="vie privée"} est caché.'))
    const three = layoutCable(cable('Le nom :redact[Jean]{reason="sécurité nationale"} est caché.'))
    const bar = (laidOut: ReturnType<typeof layoutCable>) => allBoxes(laidOut.pages[0]!.boxes).find((box) => box.type === 'redaction')
    expect(bar(one)?.type).toBe('redaction')
    expect(bar(two)!.width).toBe(bar(one)!.width)
    expect(bar(three)!.width).not.toBe(bar(one)!.width)
    const text = squash((await popplerPages(await toPdf(cable('Le nom :redact[Jean]{reason="vie privée"} est caché.')))).join(' '))
    expect(text).toContain('[vie privée]')
    expect(text).not.toContain('Jean')
  })

  it('keeps a redaction bar inside its narrow table cell, wrapping or eliding the reason, its width still from the reason alone', async () => {
    const LONG_REASON = 'protection des sources humaines et des agents de terrain en poste'
    const table = (a: string, b: string) =>
      cable(
        [
          '| a | b | c | d | e | f | g | h | i | j | k | l |',
          '| - | - | - | - | - | - | - | - | - | - | - | - |',
          `| :redact[${a}]{reason="${LONG_REASON}"} | mot | mot | mot | mot | mot | mot | mot | mot | mot | mot | :redact[${b}]{reason="vie privée"} |`,
          `| :redact[${b}] | b | c | d | e | f | g | h | i | j | k | :redact[${a}]{reason="anticonstitutionnellement"} |`,
        ].join('\n'),
      )
    const laidOut = layoutCable(table('Jean', 'Jean-Baptiste Pierre-Marie de la Fontaine'))
    const boxes = allBoxes(laidOut.pages[0]!.boxes)
    const bars = boxes.filter((box): box is Extract<Box, { type: 'redaction' }> => box.type === 'redaction')
    const edges = boxes.filter((box): box is Extract<Box, { type: 'rule' }> => box.type === 'rule' && box.x1 === box.x2)
    expect(bars).toHaveLength(4)
    for (const bar of bars) {
      // No column rule runs through a bar: each stays in its cell.
      const crossing = edges.filter((edge) => edge.x1 > bar.x + 0.01 && edge.x1 < bar.x + bar.width - 0.01 && edge.y1 < bar.y + bar.height && edge.y2 > bar.y)
      expect(crossing, `bar at ${bar.x}`).toEqual([])
      for (const label of bar.labels) {
        for (const run of label.runs) {
          expect(run.x).toBeGreaterThanOrEqual(bar.x - 0.01)
          expect(run.x + run.shaped.width * run.size).toBeLessThanOrEqual(bar.x + bar.width + 0.01)
          expect(label.y).toBeLessThanOrEqual(bar.y + bar.height)
        }
      }
    }
    // The long reason wraps on several lines and ends in an ellipsis; the long word is cut, not spilled.
    const [long, , , word] = bars
    expect(long!.labels.length).toBeGreaterThan(1)
    expect(
      long!.labels
        .at(-1)!
        .runs.map((run) => run.text)
        .join(''),
    ).toMatch(/…$/)
    expect(word!.labels.length).toBeGreaterThan(1)

    // The printed widths depend on the reasons only: other secrets, same bars, same bytes.
    const other = layoutCable(table('Bo', 'X'))
    expect(
      allBoxes(other.pages[0]!.boxes)
        .filter((box) => box.type === 'redaction')
        .map((box) => [box.x, box.width, box.height]),
    ).toEqual(bars.map((box) => [box.x, box.width, box.height]))
    const bytes = await toPdf(table('Jean', 'Jean-Baptiste Pierre-Marie de la Fontaine'))
    expect(Buffer.from(await toPdf(table('Bo', 'X'))).equals(Buffer.from(bytes))).toBe(true)

    // The neighbours are not covered: every word of the other cells extracts whole, and so does the short reason.
    const text = squash((await popplerPages(bytes)).join(' '))
    expect(text.match(/\bmot\b/g)).toHaveLength(10)
    expect(text).toContain('[vie privée]')
    expect(text).toContain('[protection des')
    expect(text).not.toContain('Jean')
    const png = await rasterize(bytes, 1, 70)
    mkdirSync(join(root, 'tests/.output'), { recursive: true })
    writeFileSync(join(root, 'tests/.output/redaction-table-cell.png'), png)
  })

  it('prints :sic with [sic], and degrades unknown node types to their text', async () => {
    const base = cable('Mot :sic[cefte] ici.')
    const body = [
      ...base.body,
      { type: 'mystery', children: [{ type: 'text', value: 'texte mystère' }] },
      { type: 'weird', value: 'valeur bizarre' },
      { type: 'paragraph', children: [{ type: 'unknownInline', value: 'en ligne' }] },
    ] as Cable['body']
    const text = squash((await popplerPages(await toPdf({ ...base, body }))).join(' '))
    expect(text).toContain('cefte [sic]')
    expect(text).toContain('texte mystère')
    expect(text).toContain('valeur bizarre')
    expect(text).toContain('en ligne')
  })
})

describe('fonts and scripts', () => {
  it('falls back to a font that has the glyph, and shows a visible mark (keeping the text) when none has it', async () => {
    const bytes = await toPdf(cable('Symboles : ∀ ∃ ⊕ et 漢字.'))
    const fonts = (await pdfFonts(bytes)).map((font) => font.name.replace(/^[A-Z]{6}\+/, ''))
    expect(fonts).toContain('DejaVuSans')
    const text = squash((await popplerPages(bytes)).join(' '))
    expect(text).toContain('∀ ∃ ⊕ et 漢字')
  })

  it('applies French spacing: thin no-break spaces before ; : ! ? and inside « »', async () => {
    const laidOut = layoutCable(cable('Vraiment ? « Oui » ; fin : merci !'))
    const runs = allBoxes(laidOut.pages[0]!.boxes).flatMap((box) => (box.type === 'text' ? box.runs.map((run) => run.text) : []))
    const text = runs.join(' ')
    expect(text).toContain('Vraiment\u202f?')
    expect(text).toContain('«\u202fOui\u202f»\u202f;')
    expect(text).toContain('fin\u202f:')
    expect(text).toContain('merci\u202f!')
    const english = layoutCable(cable('Really? Yes: fine!', 'lang: en\nsubject: Test'))
    const englishText = allBoxes(english.pages[0]!.boxes)
      .flatMap((box) => (box.type === 'text' ? box.runs.map((run) => run.text) : []))
      .join(' ')
    expect(englishText).not.toContain('\u202f')
  })
})

describe('layout that holds on real text', () => {
  const paragraph = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. '.repeat(5)

  it('leaves no widow or orphan line and never a heading alone at the bottom of a page', () => {
    // Many paragraphs and headings: check every page break.
    const parts: string[] = []
    for (let index = 0; index < 40; index++) parts.push(index % 4 === 0 ? `## Section ${index}` : paragraph.slice(0, 120 + ((index * 97) % 500)))
    const laidOut = layoutCable(cable(parts.join('\n\n')), { theme: 'sobre' })
    expect(laidOut.pages.length).toBeGreaterThan(2)
    const layouts = laidOut.pages.map((page) =>
      allBoxes(page.boxes).filter((box): box is Extract<Box, { type: 'text' }> => box.type === 'text' && box.group !== undefined),
    )
    for (let index = 0; index + 1 < layouts.length; index++) {
      const last = layouts[index]!
      const next = layouts[index + 1]!
      const lastGroup = last[last.length - 1]!.group
      const firstGroup = next[0]!.group
      if (lastGroup === firstGroup) {
        expect(last.filter((box) => box.group === lastGroup).length, `orphan at the bottom of page ${index + 1}`).toBeGreaterThanOrEqual(2)
        expect(next.filter((box) => box.group === firstGroup).length, `widow at the top of page ${index + 2}`).toBeGreaterThanOrEqual(2)
      }
      expect(last[last.length - 1]!.role ?? '', `heading last on page ${index + 1}`).not.toMatch(/^H\d/)
    }
  })

  it('puts footnotes at the bottom of the page that calls them', async () => {
    const text = [
      paragraph,
      `Appel de note[^a] ici.`,
      paragraph,
      paragraph,
      paragraph,
      paragraph,
      paragraph,
      paragraph,
      paragraph,
      `Second appel[^b].`,
      '[^a]: Texte de la première note.',
      '[^b]: Texte de la seconde note.',
    ].join('\n\n')
    const pages = (await popplerPages(await toPdf(cable(text)))).map(squash)
    const callA = pages.findIndex((page) => page.includes('Appel de note'))
    const callB = pages.findIndex((page) => page.includes('Second appel'))
    expect(callB).toBeGreaterThan(callA)
    expect(pages[callA]).toContain('1. Texte de la première note.')
    expect(pages[callB]).toContain('2. Texte de la seconde note.')
    // At the bottom: after the body text of that page.
    expect(pages[callA]!.indexOf('1. Texte de la première note.')).toBeGreaterThan(pages[callA]!.indexOf('Appel de note'))
  })

  it('sets nested lists, blockquotes and tables', async () => {
    const text = squash((await popplerPages(await toPdf(cable('- un\n  - deux\n    1. trois\n\n> cité\n\n| a | b |\n| - | - |\n| c | d |')))).join(' '))
    for (const expected of ['– un', '◦ deux', '1. trois', 'cité', 'a b', 'c d']) expect(text).toContain(expected)
  })
})

describe('options', () => {
  const [seed] = parse(readFileSync(join(root, 'tests/fixtures/pdf/three-pages.md')), { path: 'three-pages.md' }).cables

  it('writes a tagged PDF with a structure tree', async () => {
    const bytes = await toPdf(seed!, { tagged: true })
    expect((await qpdfCheck(bytes)).ok).toBe(true)
    const dump = await everything(bytes)
    expect(dump).toContain('/StructTreeRoot')
    expect(dump).toContain('/MarkInfo')
    expect(dump).toMatch(/"\/S":\s*"\/P"/)
    expect(dump).toMatch(/"\/S":\s*"\/H2"/)
    expect(dump).toMatch(/"\/S":\s*"\/Document"/)
  })

  it('writes PDF/A-3b: XMP identification, output intent, embedded fonts', async () => {
    const bytes = await toPdf(seed!, { pdfa: true })
    expect((await qpdfCheck(bytes)).ok).toBe(true)
    const dump = await everything(bytes)
    expect(dump).toContain('/OutputIntents')
    expect(Buffer.from(bytes).toString('latin1')).toMatch(/pdfaid:part[^0-9]*3/)
    expect((await pdfFonts(bytes)).every((font) => font.embedded)).toBe(true)
  })

  it('gives a scanned finish with the text still real text, deterministically', async () => {
    const clean = await toPdf(seed!)
    const scan = await toPdf(seed!, { finish: 'scan' })
    expect(Buffer.from(scan).equals(Buffer.from(clean))).toBe(false)
    expect(Buffer.from(await toPdf(seed!, { finish: 'scan' })).equals(Buffer.from(scan))).toBe(true)
    const text = squash((await popplerPages(scan)).join(' '))
    expect(text).toContain('ROYAUME DU MAROC')
    expect(text).toContain('Sommet de l')
  })
})
