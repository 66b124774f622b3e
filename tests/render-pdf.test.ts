import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from '@cablekit/core'
import type { Cable } from '@cablekit/core'
import { THEMES, THEME_DRAWINGS, layoutCable, toPdf, toPdfStream } from '@cablekit/render'
import type { Theme } from '@cablekit/render'
import { mupdfPages, pdfFonts, pdfjsRead, popplerPages, qpdfCheck, squash } from './helpers/pdf.js'

const root = join(import.meta.dirname, '..')
const STANDARD_14 = /^(Times|Helvetica|Courier|Symbol|ZapfDingbats)(-|$)/
/** Bidi marks pdftotext wraps right-to-left text in. */
const BIDI_MARKS = /[\u202a-\u202e\u200e\u200f]/g

function load(path: string): Cable[] {
  const result = parse(readFileSync(path), { path })
  return result.cables
}

function plain(node: unknown): string {
  const value = node as { type?: string; value?: unknown; children?: unknown[] }
  if (value.type === 'redaction' || value.type === 'footnoteReference') return ' '
  return typeof value.value === 'string' ? value.value : (value.children ?? []).map(plain).join('')
}

const examples = readdirSync(join(root, 'examples'))
  .filter((name) => /\.(md|txt|json)$/.test(name))
  .sort()
  .flatMap((name) => load(join(root, 'examples', name)).map((cable, index) => ({ name: `${name}#${index + 1}`, cable })))

describe('toPdf on every example', () => {
  it('finds examples to render', () => {
    expect(examples.length).toBeGreaterThan(0)
  })

  for (const { name, cable } of examples) {
    it(`${name}: valid, embedded fonts, furniture on every page, metadata, reading order, same bytes twice`, async () => {
      const bytes = await toPdf(cable)
      const again = await toPdf(cable)
      expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true)

      const check = await qpdfCheck(bytes)
      expect(check.ok, check.output).toBe(true)

      const fonts = await pdfFonts(bytes)
      expect(fonts.length).toBeGreaterThan(0)
      for (const font of fonts) {
        expect(font.embedded, font.name).toBe(true)
        expect(font.subset, font.name).toBe(true)
        expect(font.unicode, font.name).toBe(true)
        expect(font.name.replace(/^[A-Z]{6}\+/, '')).not.toMatch(STANDARD_14)
      }

      const laidOut = layoutCable(cable)
      const pages = await popplerPages(bytes)
      const read = await pdfjsRead(bytes)
      expect(pages.length).toBe(laidOut.pages.length)
      expect(read.pages.length).toBe(laidOut.pages.length)
      pages.forEach((page, index) => {
        const text = squash(page.replace(BIDI_MARKS, ''))
        const folio = laidOut.folio(index + 1, pages.length)
        expect(text, `page ${index + 1}`).toContain(folio)
        if (cable.classification) {
          const mark =
            squash(page).includes(cable.classification.label.toUpperCase()) ||
            text.includes([...cable.classification.label.toUpperCase().replace(/\s+/g, '')].join(' '))
          // Classification at the top and the bottom: twice per page.
          expect(mark, `classification on page ${index + 1}`).toBe(true)
        }
      })

      // Metadata from the cable.
      if (cable.subject) expect(read.info['Title']).toBe(cable.subject)
      if (cable.from) expect(read.info['Author']).toBe(cable.from)
      if (cable.tags) expect(read.info['Keywords']).toBe(cable.tags.join(', '))
      expect(read.lang).toBe(cable.lang ?? 'en')

      // Reading order: the start of each body paragraph appears, in order, in both extractors.
      const all = squash(pages.join(' ').replace(BIDI_MARKS, ''))
      const allPdfjs = squash(read.pages.join(' '))
      const starts = cable.body
        .filter((node) => node.type === 'paragraph')
        .map((node) => squash(plain(node)).split(' ').slice(0, 4).join(' '))
        .filter((start) => start.length > 8 && !/[\u0590-\u08ff]/.test(start))
      let last = -1
      let lastPdfjs = -1
      for (const start of starts) {
        const found = all.indexOf(squash(start).replace(/ ([;:!?»])/g, ' $1'), last + 1)
        const loose = found >= 0 ? found : all.replace(/\u202f/g, ' ').indexOf(start, last + 1)
        expect(loose, `"${start}" after position ${last}`).toBeGreaterThan(last)
        last = loose
        const inPdfjs = allPdfjs.indexOf(start, lastPdfjs + 1)
        expect(inPdfjs, `pdf.js: "${start}"`).toBeGreaterThan(lastPdfjs)
        lastPdfjs = inPdfjs
      }
    })
  }
})

describe('toPdf on the seed fixtures', () => {
  const [french] = load(join(root, 'tests/fixtures/pdf/three-pages.md'))
  const [telegram] = load(join(root, 'tests/fixtures/pdf/telegram.md'))

  it('lays out the French cable on three A4 pages with its letterhead, stamps and attachment on a new page', async () => {
    const laidOut = layoutCable(french!)
    expect(laidOut.theme.name).toBe('ministere')
    expect(laidOut.pages.length).toBe(3)
    expect(Math.round(laidOut.width)).toBe(595)
    const pages = await popplerPages(await toPdf(french!))
    const first = squash(pages[0]!.replace(BIDI_MARKS, ''))
    for (const expected of [
      'ROYAUME DU MAROC',
      'المملكة المغربية',
      'وزارة الشؤون الخارجية والتعاون',
      'N° 298/1P2014/CRY',
      'Bruxelles, le 6 août 2014',
      'TRÈS URGENT',
      'CONFIDENTIEL',
      "L'AMBASSADEUR DE SA MAJESTÉ LE ROI",
      'Destinataire principal',
      'Transmission',
      'Objet',
      '1/3',
    ]) {
      expect(first).toContain(expected)
    }
    // The attachment starts on a page of its own, its heading first after the furniture.
    const attachment = french!.attachments[0]!
    // (The body's last page lists it too, as `PJ : title`; the attachment's own page starts with it.)
    const attachmentPage = pages.findLastIndex((page) => squash(page).includes(squash(attachment.title)))
    expect(attachmentPage).toBe(2)
    const body = squash(pages[attachmentPage]!).replace(/^N° \S+ CONFIDENTIEL /, '')
    expect(body.startsWith(`PJ : ${squash(attachment.title)}`), body.slice(0, 80)).toBe(true)
    // Running header with the reference from page 2.
    expect(squash(pages[1]!)).toContain('N° 298/1P2014/CRY')
    expect(squash(pages[2]!)).toContain('3/3')
  })

  it('tells on which page each attachment starts, whatever the theme draws there', async () => {
    expect(layoutCable(french!).attachments).toEqual([{ index: 0, page: 2 }])
    const paragraph = (n: number) => `Paragraphe ${n} : ${'le texte de la pièce jointe continue encore '.repeat(12)}`
    const source = [
      '---\nlang: fr\nsubject: Deux pièces\nclassification: confidentiel\n---\n',
      'Corps du télégramme.\n',
      '## PJ : Première pièce\n',
      ...Array.from({ length: 14 }, (_, n) => `${paragraph(n + 1)}\n`),
      '## PJ : Seconde pièce\n',
      'Début de la seconde pièce.\n',
    ].join('\n')
    const [two] = parse(source, { path: 'two.md' }).cables
    expect(two!.attachments).toHaveLength(2)
    // A theme that prints no attachment heading: nothing marks the page, layout still knows.
    const bare: Theme = { ...THEMES.sobre, name: 'bare', pdf: { ...THEME_DRAWINGS.sobre, attachmentHeading: () => [] } }
    for (const theme of ['ministere', bare] as const) {
      const laidOut = layoutCable(two!, { theme })
      const pages = await popplerPages(await toPdf(two!, { theme }))
      expect(laidOut.attachments.map((attachment) => attachment.index)).toEqual([0, 1])
      const [first, second] = laidOut.attachments
      // The first attachment runs over several pages; the second opens the page after it.
      expect(second!.page - first!.page).toBeGreaterThan(1)
      expect(second!.page).toBe(pages.length - 1)
      const opening = (page: number) =>
        squash(pages[page]!)
          .replace(/^(N° \S+ )?CONFIDENTIEL /, '')
          .replace(/^Deux pièces /, '')
      expect(opening(first!.page), typeof theme === 'string' ? theme : theme.name).toMatch(theme === 'ministere' ? /^PJ : Première pièce/ : /^Paragraphe 1 :/)
      expect(opening(second!.page)).toMatch(theme === 'ministere' ? /^PJ : Seconde pièce/ : /^Début de la seconde pièce/)
      expect(squash(pages[first!.page - 1]!)).not.toContain('Paragraphe 1 :')
    }
  })

  it('sets the ministerial letterhead solid, French lines unspread by the Arabic beside them, and aligns the colons and values of Objet and Réf.', () => {
    const cable = { ...french!, references: ['Ma lettre N° 299/1P2014/CRY du 6/08/2014', 'Télégramme N° 12 du 2/08/2014'] }
    const laidOut = layoutCable(cable, { theme: 'ministere' })
    const lines = laidOut.pages[0]!.boxes.flatMap((box) =>
      box.type === 'text' && box.runs.length > 0 ? [{ text: box.runs.map((run) => run.text).join(''), x: box.x + box.runs[0]!.x, y: box.y }] : [],
    )
    // Runs are words (spaces are gaps), so lines are compared without spaces.
    const line = (text: string) => {
      const found = lines.find((one) => one.text === text.replace(/ /g, ''))
      expect(found, text).toBeDefined()
      return found!
    }
    // Baseline to baseline, the letterhead's lines stay within 1.45 times their size (10 pt, the state 11 pt).
    const state = line('ROYAUME DU MAROC')
    const ministry = lines.find((one) => one.text.startsWith('MinistèredesAffaires'))!
    const next = lines.find((one) => one.y > ministry.y && one.x === ministry.x)!
    expect(ministry.y - state.y).toBeLessThanOrEqual(11 * 1.45)
    expect(next.y - ministry.y).toBeLessThanOrEqual(10 * 1.45)
    expect(next.y - ministry.y).toBeGreaterThanOrEqual(10)
    // Objet : / Réf. : and the second reference: one column of colons, one of values.
    const objet = line('Objet')
    const ref = line('Réf.')
    const sameLine = (label: { y: number }) => lines.filter((one) => Math.abs(one.y - label.y) < 0.01).sort((a, b) => a.x - b.x)
    const [, objetColon, objetValue] = sameLine(objet)
    const [, refColon, refValue] = sameLine(ref)
    expect(objetColon!.text).toBe(':')
    expect(refColon!.text).toBe(':')
    expect(refColon!.x).toBeCloseTo(objetColon!.x, 3)
    expect(objetValue!.text).toBe("Sommetdel'OTANprévuàCardiff.")
    expect(refValue!.x).toBeCloseTo(objetValue!.x, 3)
    expect(line('Télégramme N° 12 du 2/08/2014').x).toBeCloseTo(objetValue!.x, 3)
  })

  it('sets the telegram in Courier Prime capitals with its banner and PAGE nn OF mm', async () => {
    const bytes = await toPdf(telegram!)
    const fonts = (await pdfFonts(bytes)).map((font) => font.name.replace(/^[A-Z]{6}\+/, ''))
    expect(fonts.every((name) => name.startsWith('CourierPrime'))).toBe(true)
    const [page] = await popplerPages(bytes)
    const text = squash(page!)
    expect(text).toContain('C O N F I D E N T I A L')
    expect(text).toContain('PAGE 01 OF 01')
    // Header lines in telegram order.
    const order = [
      'O 141530Z AUG 09',
      'FM AMEMBASSY RABAT',
      'TO SECSTATE WASHDC IMMEDIATE',
      'INFO AMEMBASSY BRUSSELS',
      'E.O. 12958',
      'TAGS: PREL',
      'SUBJECT: MOROCCO',
      'REF: A. RABAT 398',
      'Classified By',
      '1. (C) Summary',
      'JONES',
    ]
    let last = -1
    for (const line of order) {
      const at = text.indexOf(line)
      expect(at, line).toBeGreaterThan(last)
      last = at
    }
  })

  it('renders every theme for every seed, each deterministic across two renders', async () => {
    for (const cable of [french!, telegram!]) {
      for (const theme of ['ministere', 'telegramme', 'sobre'] as const) {
        const a = await toPdf(cable, { theme })
        const b = await toPdf(cable, { theme })
        expect(Buffer.from(a).equals(Buffer.from(b)), theme).toBe(true)
        expect((await qpdfCheck(a)).ok).toBe(true)
      }
    }
  })

  it('takes the creation date from the cable, else SOURCE_DATE_EPOCH, never the clock', async () => {
    const withDate = await pdfjsRead(await toPdf(french!))
    expect(withDate.info['CreationDate']).toBe('D:20140806000000Z')
    const { date: _date, ...undated } = french!
    const epoch = await pdfjsRead(await toPdf(undated as Cable, { env: { SOURCE_DATE_EPOCH: '1700000000' } }))
    expect(epoch.info['CreationDate']).toBe('D:20231114221320Z')
    const none = await toPdf(undated as Cable, { env: {} })
    await new Promise((resolve) => setTimeout(resolve, 1100))
    expect(Buffer.from(await toPdf(undated as Cable, { env: {} })).equals(Buffer.from(none))).toBe(true)
  })

  it('streams the same bytes as toPdf', async () => {
    const chunks: Buffer[] = []
    for await (const chunk of toPdfStream(telegram!)) chunks.push(chunk as Buffer)
    expect(Buffer.concat(chunks).equals(Buffer.from(await toPdf(telegram!)))).toBe(true)
  })

  it('extracts Arabic in logical order, mixed with French on one line', async () => {
    const [edge] = load(join(root, 'tests/fixtures/pdf/edge-cases.md'))
    const bytes = await toPdf(edge!)
    const poppler = squash((await popplerPages(bytes)).join(' ').replace(BIDI_MARKS, ''))
    const pdfjs = squash((await pdfjsRead(bytes)).pages.join(' '))
    for (const text of [poppler, pdfjs]) {
      expect(text).toContain('المملكة المغربية')
      // poppler drops the space where a right-to-left run meets left-to-right text.
      expect(text).toMatch(/la délégation du المملكة المغربية ?est arrivée/)
    }
    // MuPDF 1.21 (python3-fitz) does no bidi: it reads glyphs in drawing
    // order, which for right-to-left text is the visual order (it reads
    // LibreOffice's Arabic the same way). What it must give is every letter,
    // as written, and nothing else: the dots Noto Naskh draws as separate
    // glyphs once came out as U+FFFD between the words.
    const mupdf = squash((await mupdfPages(bytes)).join(' '))
    expect(mupdf).not.toContain('\ufffd')
    const visual = (text: string) => [...text].reverse().join('')
    expect(mupdf).toContain(visual('المغربية'))
    expect(mupdf).toContain(visual('المملكة'))
    expect(mupdf).toMatch(/la délégation du ?\S+ ?\S+ ?est arrivée/)
    const arabicLetters = (text: string) => [...text.replace(/[^\u0600-\u06ff]/g, '')].sort().join('')
    expect(arabicLetters(mupdf.match(/la délégation du ?(\S+ ?\S+) ?est arrivée/)![1]!)).toBe(arabicLetters('المملكة المغربية'))
  })

  it('gives no U+FFFD to any of three extractors for the Moroccan letterhead, each Arabic word whole', async () => {
    const requete =
      examples.find(({ name }) => name.startsWith('maroc-otan-requete'))?.cable ?? load(join(root, 'tests/fixtures/examples/maroc-otan-requete.json'))[0]!
    const bytes = await toPdf(requete, { theme: 'ministere' })
    const [poppler] = await popplerPages(bytes)
    const [layout] = await popplerPages(bytes, { layout: true })
    const [pdfjs] = (await pdfjsRead(bytes)).pages
    const [mupdf] = await mupdfPages(bytes)
    const words = ['المملكة', 'المغربية', 'وزارة', 'الشؤون', 'الخارجية', 'والتعاون']
    for (const [reader, text] of Object.entries({ poppler, layout, pdfjs, mupdf })) {
      expect(text, reader).not.toContain('\ufffd')
      const cleaned = squash(text!.replace(BIDI_MARKS, ''))
      for (const word of words) {
        // MuPDF reads right-to-left words in visual order (see above).
        expect(cleaned, `${reader}: ${word}`).toContain(reader === 'mupdf' ? [...word].reverse().join('') : word)
      }
    }
    expect(squash(poppler!.replace(BIDI_MARKS, ''))).toContain('المملكة المغربية')
    expect(squash(poppler!.replace(BIDI_MARKS, ''))).toContain('وزارة الشؤون الخارجية والتعاون')
  })
})
