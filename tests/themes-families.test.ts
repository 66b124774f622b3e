import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CABLE_FAMILIES, parse } from '@cablekit/core'
import type { Cable } from '@cablekit/core'
import { THEMES, THEME_NAMES, defaultThemeName, labelsFor, layoutCable, toDocx, toDossierDocx, toDossierPdf, toHtml, toPdf } from '@cablekit/render'
import type { HeaderBlock, ThemeName } from '@cablekit/render'
import { openDocx } from './helpers/docx.js'
import { popplerPages } from './helpers/pdf.js'

const root = join(import.meta.dirname, '..')

function load(path: string): Cable {
  const { cables, file } = parse(readFileSync(join(root, path)), { path })
  if (!cables[0]) throw new Error(`${path}: ${file.messages.map(String).join('\n')}`)
  return cables[0]
}

const FIXTURES = {
  td: 'tests/fixtures/themes/td-kigali-305.md',
  fco: 'tests/fixtures/themes/fco-ukmis-395.md',
  noteVerbale: 'tests/fixtures/themes/nv-oda-2017.md',
  telegram: 'tests/fixtures/pdf/telegram.md',
  french: 'tests/fixtures/pdf/three-pages.md',
}

/** One printed line of a description, and whether its place in the reading order is fixed (a right column is read where the reader likes). */
interface Expected {
  text: string
  ordered: boolean
}

/** The lines a description must print, in every format, in its order. */
function expectedLines(blocks: readonly HeaderBlock[], french: boolean, ordered = true, inColumn = false): Expected[] {
  const colon = french ? ' :' : ':'
  return blocks.flatMap((block): Expected[] => {
    switch (block.type) {
      case 'line':
        return [{ text: typeof block.text === 'string' ? block.text : block.text.map((span) => span.text).join(''), ordered }]
      case 'hanging':
        return block.values.map((value, index) => ({ text: index === 0 ? `${block.label} ${value}` : value, ordered }))
      case 'fields':
        // In a column, a label and its value are two columns of their own: pdftotext may read the column beside them in between.
        return block.entries.flatMap((entry) =>
          entry.label && inColumn
            ? [
                { text: entry.label, ordered },
                { text: `${colon} ${entry.value}`, ordered: false },
              ]
            : [{ text: entry.label ? `${entry.label}${colon} ${entry.value}` : entry.value, ordered }],
        )
      case 'columns':
        return [...expectedLines(block.left, french, ordered, true), ...expectedLines(block.right, french, false, true)]
      case 'localized':
        return expectedLines(block.blocks, french, ordered, inColumn)
      case 'signature':
        return [{ text: block.text, ordered }]
      default:
        return []
    }
  })
}

/** Whether a description sets a line in capitals: Word capitalizes it by style, so its text stays as written there. */
function hasCaps(blocks: readonly HeaderBlock[]): boolean {
  return blocks.some(
    (block) =>
      (block.type === 'line' && block.caps === true) ||
      (block.type === 'columns' && (hasCaps(block.left) || hasCaps(block.right))) ||
      (block.type === 'localized' && hasCaps(block.blocks)),
  )
}

/** Text compared across writers that break lines and space words differently: white space (thin spaces included) removed. */
const solid = (text: string) => text.replace(/[\s\u00a0\u202f\u2009]+/g, '')

/** The first expected line missing from `text`, or out of order; `undefined` when all are there. */
function missing(text: string, lines: readonly Expected[]): string | undefined {
  const haystack = solid(text)
  let cursor = 0
  for (const line of lines) {
    const needle = solid(line.text)
    if (needle === '') continue
    const at = line.ordered ? haystack.indexOf(needle, cursor) : haystack.indexOf(needle)
    if (at < 0) return line.text
    if (line.ordered) cursor = at + needle.length
  }
  return undefined
}

async function docxText(bytes: Uint8Array): Promise<string> {
  const xml = (await openDocx(bytes)).xml.get('word/document.xml') ?? ''
  return xml
    .split('</w:p>')
    .map((paragraph) => [...paragraph.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>|<w:tab\/>/g)].map((match) => match[1] ?? '\t').join(''))
    .join('\n')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
}

function htmlText(bytes: string | Uint8Array): string {
  const page = typeof bytes === 'string' ? bytes : new TextDecoder().decode(bytes)
  const body = page.slice(page.indexOf('<body'))
  return body
    .replace(/<span class="visually-hidden">[^<]*<\/span>/g, '')
    .replace(/<[^>]+>/g, '\n')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
}

describe('one theme per family', () => {
  it('gives each family of the model its own facsimile by default', () => {
    const expected: Record<string, ThemeName> = {
      'french-cable': 'ministere',
      'french-td': 'td',
      'us-telegram': 'telegramme',
      'fco-telegram': 'fco',
      'note-verbale': 'note-verbale',
    }
    for (const family of CABLE_FAMILIES) expect(defaultThemeName({ family, body: [], attachments: [] }), family).toBe(expected[family])
    // The family wins over the language heuristics: a French TD is not a ministerial letter.
    expect(defaultThemeName({ family: 'french-td', lang: 'fr', issuer: { state: 'République française' }, body: [], attachments: [] })).toBe('td')
    // Without a family, the heuristics stand.
    expect(defaultThemeName({ lang: 'fr', body: [], attachments: [] })).toBe('ministere')
    expect(defaultThemeName({ lang: 'en', tags: ['PREL'], body: [], attachments: [] })).toBe('telegramme')
    expect(defaultThemeName({ body: [], attachments: [] })).toBe('sobre')
  })

  it('lists every theme of the registry, each with a header in every format', () => {
    expect(THEME_NAMES).toEqual(['ministere', 'telegramme', 'sobre', 'td', 'fco', 'note-verbale'])
    for (const name of THEME_NAMES) {
      const theme = THEMES[name]
      expect(theme.name, name).toBe(name)
      expect(Boolean(theme.header) || Boolean(theme.pdf?.header && theme.docx?.header && theme.html?.header), name).toBe(true)
    }
  })

  it('prints the TD in capitals, in the typewriter face, with its number line, AD/CQ and banners', async () => {
    const cable = load(FIXTURES.td)
    const [page] = await popplerPages(await toPdf(cable))
    const lines = page!
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
    expect(lines[0]).toBe('DIFFUSION RESTREINTE')
    expect(lines.at(-2)).toBe('DIFFUSION RESTREINTE')
    expect(page).toContain('TD KIGALI 305')
    expect(page).toContain('KIGALI LE 07/04/94 A 13H12')
    expect(solid(page!)).toContain(solid('AD : DIPLOMATIE 308'))
    expect(solid(page!)).toContain(solid('CQ : ARMEES PARIS 82'))
    expect(solid(page!)).toContain(solid('OBJET : COMMUNAUTE FRANCAISE.'))
    expect(page).toContain('A KIGALI, LES RESSORTISSANTS FRANCAIS')
    const laidOut = layoutCable(cable)
    expect(laidOut.theme.name).toBe('td')
    const faces = new Set(laidOut.pages[0]!.boxes.flatMap((box) => (box.type === 'text' ? box.runs.map((run) => run.face.family) : [])))
    expect([...faces]).toEqual(['mono'])
  })

  it('prints the FCO telegram lines in order: FM, TO, TELNO, OF, then the subject', async () => {
    const [page] = await popplerPages(await toPdf(load(FIXTURES.fco)))
    const lines = page!
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
    expect(lines.slice(0, 5)).toEqual(['FM UKMIS NEW YORK', 'TO FCO', 'TELNO 395', 'OF 051653Z APRIL 82', 'SUBJECT: SECURITY COUNCIL - FALKLAND ISLANDS'])
  })

  it('sets the FCO banner at the top and bottom of every page when the telegram is classified', async () => {
    const cable = { ...load(FIXTURES.fco), classification: { level: 'confidential' as const, label: 'CONFIDENTIAL' } }
    const [page] = await popplerPages(await toPdf(cable))
    const lines = page!
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
    expect(lines[0]).toBe('CONFIDENTIAL')
    expect(lines).toContain('FM UKMIS NEW YORK')
    expect(lines.filter((line) => line === 'CONFIDENTIAL')).toHaveLength(2)
  })

  it('centres the NOTE VERBALE title, numbers the note, and sets place and addressee after the text, with no image', async () => {
    const cable = load(FIXTURES.noteVerbale)
    const laidOut = layoutCable(cable)
    expect(laidOut.theme.name).toBe('note-verbale')
    const boxes = laidOut.pages[0]!.boxes
    const title = boxes.find((box) => box.type === 'text' && solid(box.runs.map((run) => run.text).join('')) === 'NOTEVERBALE')
    expect(title?.type).toBe('text')
    if (title?.type === 'text') {
      const start = Math.min(...title.runs.map((run) => run.x))
      const end = Math.max(...title.runs.map((run) => run.x + run.shaped.width * run.size))
      const centre = title.x + (start + end) / 2
      expect(Math.abs(centre - laidOut.width / 2 - (laidOut.theme.page.margins.left - laidOut.theme.page.margins.right) / 2)).toBeLessThan(2)
    }
    // Never a crest or a seal: text and rules only.
    expect(boxes.every((box) => box.type === 'text' || box.type === 'rule')).toBe(true)
    const [page] = await popplerPages(await toPdf(cable))
    const text = solid(page!)
    expect(text.indexOf(solid('No. ODA/16-2017/NDV'))).toBeLessThan(text.indexOf('NOTEVERBALE'))
    expect(text.indexOf(solid('presents its compliments'))).toBeLessThan(text.indexOf('NewYork'))
    expect(text.indexOf('NewYork')).toBeLessThan(text.indexOf(solid('Permanent Missions of Member States to the United Nations'), text.indexOf('NewYork')))
  })

  it('keeps the telegram footer apart from the signature in every pdftotext mode', async () => {
    const { fromText } = await import('@cablekit/core')
    const bytes = await toPdf(load(FIXTURES.telegram))
    for (const mode of [{}, { layout: true }] as const) {
      const pages = await popplerPages(bytes, mode)
      const lines = pages
        .at(-1)!
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
      // The banner stands alone on its line, the folio on the next: neither runs into the other.
      expect(lines.slice(-2)).toEqual(['C O N F I D E N T I A L', 'PAGE 01 OF 01'])
      const [read] = fromText(pages.join('\n'), { path: 'telegram.txt' }).cables
      expect(read?.signature, JSON.stringify(mode)).toBe('JONES')
    }
  })
})

describe('each header described once: the same lines in PDF, DOCX and HTML', () => {
  const cases: [fixture: keyof typeof FIXTURES, theme: ThemeName][] = [
    ['td', 'td'],
    ['fco', 'fco'],
    ['noteVerbale', 'note-verbale'],
    ['telegram', 'telegramme'],
    ['telegram', 'sobre'],
    ['td', 'fco'],
    ['french', 'note-verbale'],
    ['french', 'td'],
    ['french', 'ministere'],
    ['telegram', 'ministere'],
  ]
  it.each(cases)('%s in %s', async (fixture, name) => {
    const cable = load(FIXTURES[fixture])
    const theme = THEMES[name]
    const lang = cable.lang ?? 'en'
    const french = lang.startsWith('fr')
    const context = { labels: labelsFor(theme, lang), lang, french }
    const lines = [...expectedLines(theme.header?.(cable, context) ?? [], french), ...expectedLines(theme.closing?.(cable, context) ?? [], french)]
    expect(lines.length).toBeGreaterThan(2)
    // A line in capitals is compared in capitals: the PDF and HTML print it so, Word by its style over the words as written.
    const fold = hasCaps(theme.header?.(cable, context) ?? []) ? (text: string) => text.toUpperCase() : (text: string) => text
    const folded = lines.map((line) => ({ ...line, text: fold(line.text) }))
    const pdf = (await popplerPages(await toPdf(cable, { theme: name }))).join('\n')
    const docx = await docxText(await toDocx(cable, { theme: name, sourceDateEpoch: 0 }))
    const html = htmlText(await toHtml(cable, { theme: name, embedFonts: false }))
    expect(missing(fold(pdf), folded), 'PDF').toBeUndefined()
    expect(missing(fold(docx), folded), 'DOCX').toBeUndefined()
    expect(missing(fold(html), folded), 'HTML').toBeUndefined()
  })
})

describe('the ministerial header in each format', () => {
  it('prints the `A` line above the addressee in the DOCX as the PDF does, with or without a sender', async () => {
    const seed = load('tests/fixtures/docx/seed-requete.md')
    for (const cable of [seed, { ...seed, from: undefined }]) {
      const pdf = (await popplerPages(await toPdf(cable, { theme: 'ministere' })))[0]!.split('\n').map((line) => line.trim())
      const docx = (await docxText(await toDocx(cable, { theme: 'ministere', sourceDateEpoch: 0 }))).split('\n').map((line) => line.trim())
      const addressee = seed.to![0]!
      for (const lines of [pdf, docx]) {
        const at = lines.findIndex((line) => line.toUpperCase() === addressee.toUpperCase())
        expect(at, lines.join('|')).toBeGreaterThan(0)
        expect(lines[at - 1]).toBe('A')
      }
    }
  })

  it('prints the same header fields in the PDF, the DOCX and the HTML', async () => {
    const cable = load('tests/fixtures/docx/seed-requete.md')
    const lines = [
      cable.issuer!.state!,
      cable.issuer!.ministry!,
      cable.issuer!.post!,
      `${cable.place}, le 14 août 2014`,
      cable.precedence!.label,
      cable.classification!.label,
      cable.from!,
      cable.to![0]!,
      `Destinataire principal : ${cable.distribution!.primary!.join(', ')}`,
      `Destinataire CC : ${cable.distribution!.cc!.join(', ')}`,
      `Transmission : ${cable.transmission}`,
      `Objet : ${cable.subject}`,
      `Réf. : ${cable.references![0]}`,
    ]
      // A label and its value are two columns: pdftotext may read a column beside them in between.
      .flatMap((text) => text.split(/ (?=: )/))
      .map((text) => ({ text: text.toUpperCase(), ordered: false }))
    const pdf = (await popplerPages(await toPdf(cable, { theme: 'ministere' })))[0]!
    const docx = await docxText(await toDocx(cable, { theme: 'ministere', sourceDateEpoch: 0 }))
    const html = htmlText(await toHtml(cable, { theme: 'ministere', embedFonts: false }))
    // Compared in capitals: Word sets the sender and addressee in capitals by style, the PDF and HTML by their text.
    expect(missing(pdf.toUpperCase(), lines), 'PDF').toBeUndefined()
    expect(missing(docx.toUpperCase(), lines), 'DOCX').toBeUndefined()
    expect(missing(html.toUpperCase(), lines), 'HTML').toBeUndefined()
  })
})

describe('the family themes in a dossier', () => {
  it('prints each cable in its own family theme, in PDF and DOCX', async () => {
    const cables = [load(FIXTURES.td), load(FIXTURES.fco), load(FIXTURES.noteVerbale)]
    const dossier = { title: 'Trois familles', date: '2024-01-01', cables: cables }
    const pdf = solid((await popplerPages(await toDossierPdf(dossier))).join('\n'))
    const docx = solid(await docxText(await toDossierDocx(dossier)))
    for (const text of ['TD KIGALI 305', 'KIGALI LE 07/04/94 A 13H12', 'TELNO 395', 'OF 051653Z APRIL 82', 'NOTE VERBALE', 'No. ODA/16-2017/NDV']) {
      expect(pdf, text).toContain(solid(text))
      expect(docx, text).toContain(solid(text))
    }
  })
})
