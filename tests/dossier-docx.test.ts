import { execFile } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { fromJson, fromMarkdown } from '@cablekit/core'
import type { Cable } from '@cablekit/core'
import { toDocx, toDossierDocx } from '@cablekit/render'
import type { Dossier } from '@cablekit/render'
import { letters, libreOfficeToPdf, openDocx, readWithPythonDocx, tempDir, xmllintParts } from './helpers/docx.js'
import type { DocxParts } from './helpers/docx.js'

const exec = promisify(execFile)
const FIXTURES = join(import.meta.dirname, 'fixtures', 'dossier')

function markdown(name: string): Cable {
  return fromMarkdown(readFileSync(join(FIXTURES, name), 'utf8'), { path: name }).cables[0]!
}

/** Four cables of three themes, one with an attachment; the JSON one in the quiet theme. */
function book(): Dossier {
  const brief = fromJson(readFileSync(join(FIXTURES, 'brief.json'), 'utf8'), { path: 'brief.json' }).cables[0]!
  return {
    title: 'Maroc et OTAN',
    subtitle: 'Un dossier d’essai',
    editor: 'La rédaction',
    date: '2026-11-01',
    lang: 'fr',
    introduction: 'Ce dossier réunit des câbles de *trois* formats.',
    cables: [markdown('09RABAT412.md'), markdown('maroc-otan-requete.md'), { cable: brief, theme: 'sobre' }, markdown('maroc-otan-cardiff.md')],
  }
}

interface Entry {
  anchor: string
  text: string
  page: string
}

/** The cached entries of the contents: link target, text and the page number written in the PAGEREF result. */
function contentsEntries(xml: string): Entry[] {
  const sdt = /<w:sdt>.*?<\/w:sdt>/s.exec(xml)![0]
  return [...sdt.matchAll(/<w:hyperlink w:anchor="([^"]+)"[^>]*>(.*?)<\/w:hyperlink>/gs)].map(([, anchor, inner]) => {
    const [label, reference] = inner!.split('<w:r><w:t xml:space="preserve">\t</w:t></w:r>')
    return {
      anchor: anchor!,
      text: textOf(label!),
      page: /<w:fldChar w:fldCharType="separate"\/><\/w:r>(.*?)<w:r><w:fldChar w:fldCharType="end"\/>/s.exec(reference!)![1]!.replace(/<[^>]+>/g, ''),
    }
  })
}

function textOf(xml: string): string {
  return [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)]
    .map((m) => m[1])
    .join('')
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

/** Field marks and instructions in document order. */
function fieldTokens(xml: string): string[] {
  return [...xml.matchAll(/<w:fldChar w:fldCharType="(\w+)"\/>|<w:instrText[^>]*>([^<]*)<\/w:instrText>/g)].map((m) => m[1] ?? m[2]!.replace(/&quot;/g, '"'))
}

const dir = tempDir('dossier-docx')

/** The two dossiers the tests below read, written once: the book in duplex, and a French circular then a US telegram. */
const dossiers = once(async () => {
  const bookBytes = await toDossierDocx(book(), { duplex: true })
  writeFileSync(join(dir, 'book.docx'), bookBytes)
  // A French circular first, then a US telegram: the first cable's theme no longer decides the others'.
  const cables = [markdown('maroc-otan-requete.md'), markdown('09RABAT412.md')]
  const themesBytes = await toDossierDocx({ title: 'Deux familles', lang: 'fr', cables }, { index: false })
  writeFileSync(join(dir, 'themes.docx'), themesBytes)
  return { book: bookBytes, themes: themesBytes }
})

/**
 * Both dossiers as LibreOffice prints them, from one LibreOffice process: each
 * start costs seconds. The book goes first: LibreOffice keeps the first
 * embedded subset of a face it meets, and the book's cables hold every
 * character of the other dossier's.
 */
const printed = once(async () => {
  await dossiers()
  const [book, themes] = await libreOfficeToPdf([join(dir, 'book.docx'), join(dir, 'themes.docx')], dir)
  return { book: book!, themes: themes! }
})

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined
  return () => (result ??= make())
}

describe('dossier DOCX written by the WordprocessingML writer', () => {
  let bytes: Uint8Array
  let parts: DocxParts
  let xml: string
  beforeAll(async () => {
    bytes = (await dossiers()).book
    parts = await openDocx(bytes)
    xml = parts.xml.get('word/document.xml')!
  }, 120_000)

  it('writes the contents as one TOC field whose cached result is a linked entry per dossier heading', () => {
    const sdt = /<w:sdt>.*?<\/w:sdt>/s.exec(xml)![0]
    expect(sdt).toContain('<w:docPartGallery w:val="Table of Contents"/>')
    const tokens = fieldTokens(sdt)
    expect(tokens.slice(0, 3)).toEqual(['begin', 'TOC \\h \\t "DossierCable,1,DossierAttachment,2"', 'separate'])
    expect(tokens.at(-1)).toBe('end')
    // Between the TOC's separate and end: one complete PAGEREF field per entry.
    const inner = tokens.slice(3, -1)
    expect(inner).toHaveLength(5 * 4)
    inner.forEach((token, index) => expect(token).toMatch([/^begin$/, /^PAGEREF cable_\d+(_\d+)? \\h$/, /^separate$/, /^end$/][index % 4]!))

    const entries = contentsEntries(xml)
    const headings = [
      ...xml.matchAll(
        /<w:p><w:pPr><w:pStyle w:val="(DossierCable|DossierAttachment)"\/><\/w:pPr><w:bookmarkStart w:id="\d+" w:name="([^"]+)"\/>(.*?)<w:bookmarkEnd/g,
      ),
    ].map(([, style, name, runs]) => ({ style, name, text: textOf(runs!) }))
    expect(headings.map((h) => h.style)).toEqual(['DossierCable', 'DossierCable', 'DossierCable', 'DossierCable', 'DossierAttachment'])
    expect(entries.map((e) => [e.anchor, e.text])).toEqual(headings.map((h) => [h.name, h.text]))
    expect(headings[0]!.text).toBe('14 août 2009 — N° RABAT 000412 — MOROCCO ASKS NATO FOR COUNTERTERRORISM SUPPORT')
    // Estimated sheets of the book, strictly increasing (each cable's own folio restarts, the contents count sheets).
    const pages = entries.map((e) => Number(e.page))
    expect(pages.every((page) => Number.isInteger(page) && page > 0)).toBe(true)
    pages.slice(1).forEach((page, index) => expect(page).toBeGreaterThan(pages[index]!))
  })

  it('bookmarks each heading once with its own id, and every link and page reference names a bookmark', () => {
    const starts = [...xml.matchAll(/<w:bookmarkStart w:id="(\d+)" w:name="([^"]+)"\/>/g)]
    const ids = starts.map((m) => m[1])
    const names = starts.map((m) => m[2])
    expect(ids).toEqual(ids.map((_, index) => String(index + 1)))
    // Each cable's heading, the bookmark on its last page that its folio counts to, and the index's heading.
    expect(names).toEqual([
      'cable_1',
      'cable_1_end',
      'cable_2',
      'cable_2_end',
      'cable_3',
      'cable_3_end',
      'cable_4',
      'cable_4_1',
      'cable_4_end',
      'dossier_index',
    ])
    for (const id of ids) expect(xml.match(new RegExp(`<w:bookmarkEnd w:id="${id}"/>`, 'g'))).toHaveLength(1)
    const cited = [...xml.matchAll(/w:anchor="([^"]+)"|PAGEREF (\S+)/g)].map((m) => m[1] ?? m[2])
    expect(cited.length).toBeGreaterThan(10)
    for (const name of cited) expect(names).toContain(name)
  })

  it('gives the index the pages the contents give the same cables', () => {
    const contents = new Map(contentsEntries(xml).map((e) => [e.anchor, e.page]))
    const index = xml.slice(xml.lastIndexOf('>Index<'))
    // Linked numbers, not PAGEREF fields: LibreOffice recomputes those, and each cable's pages are numbered from 1.
    expect(index).not.toContain('PAGEREF')
    const references = [...index.matchAll(/<w:hyperlink w:anchor="([^"]+)" w:history="1"><w:r><w:t xml:space="preserve">(\d+)<\/w:t><\/w:r><\/w:hyperlink>/g)]
    expect(references.length).toBeGreaterThan(5)
    for (const [, name, page] of references) expect(page, name).toBe(contents.get(name!))
    expect(textOf(index)).toContain('AMEMBASSY RABAT — ')
  })

  it('writes one section per cable and attachment, odd-page in duplex, each cable with its own header', () => {
    const sections = [...xml.matchAll(/<w:sectPr>(.*?)<\/w:sectPr>/gs)].map((m) => m[1]!)
    // Front matter, four cables, one attachment, the index.
    expect(sections).toHaveLength(1 + 4 + 1 + 1)
    expect(sections.map((s) => /<w:type w:val="(\w+)"\/>/.exec(s)?.[1])).toEqual([undefined, 'oddPage', 'oddPage', 'oddPage', 'oddPage', 'nextPage', 'oddPage'])
    const headers = sections.map((s) => /<w:headerReference w:type="default" r:id="(\w+)"\/>/.exec(s)![1])
    expect(new Set(headers.slice(1, 5)).size).toBe(4)
    // The attachment keeps its cable's running header; the index has the dossier's own, as the front matter.
    expect(headers[5]).toBe(headers[4])
    expect(headers[6]).toBe(headers[0])
    const rels = parts.xml.get('word/_rels/document.xml.rels')!
    const headerPart = (id: string) => parts.xml.get(`word/${new RegExp(`Id="${id}" [^>]*Target="([^"]+)"`).exec(rels)![1]}`)!
    expect(textOf(headerPart(headers[1]!))).toContain('C O N F I D E N T I A L')
    expect(textOf(headerPart(headers[0]!))).toBe('')
  })

  it('is a sound package: every part well-formed and typed, every relationship resolved', async () => {
    expect(await xmllintParts(parts)).toEqual([])
    const paths = [...parts.xml.keys(), ...parts.binary.keys()]
    const types = parts.xml.get('[Content_Types].xml')!
    for (const path of paths.filter((p) => /^word\/(document|styles|numbering|footnotes|settings|fontTable|header\d+|footer\d+)\.xml$/.test(p)))
      expect(types, path).toContain(`PartName="/${path}"`)
    for (const [relsPath, rels] of parts.xml) {
      if (!relsPath.endsWith('.rels')) continue
      const base = relsPath.replace(/(^|\/)_rels\/[^/]*\.rels$/, '$1')
      for (const [, target, external] of rels.matchAll(/Target="([^"]+)"( TargetMode="External")?/g))
        if (!external) expect(paths, `${relsPath} → ${target}`).toContain(`${base}${target}`)
    }
    expect(parts.xml.get('word/styles.xml')).toMatch(/w:styleId="DossierCable".*?<w:outlineLvl w:val="0"\/>/s)
    // Word must not rebuild the contents on opening: with each cable numbered from 1 it would cite page 1 throughout.
    expect(parts.xml.get('word/settings.xml')).not.toMatch(/<w:updateFields(?! w:val="false")/)
  })

  it('opens in python-docx with the dossier headings in order, under the dossier styles', async () => {
    const view = await readWithPythonDocx(join(dir, 'book.docx'))
    const headings = view.paragraphs.filter((p) => p.style.startsWith('Dossier ')).map((p) => `${p.style}: ${p.text}`)
    expect(headings).toEqual([
      'Dossier Title: Maroc et OTAN',
      'Dossier Cable: 14 août 2009 — N° RABAT 000412 — MOROCCO ASKS NATO FOR COUNTERTERRORISM SUPPORT',
      expect.stringMatching(/^Dossier Cable: 14 août 2014 — /),
      "Dossier Cable: 2 septembre 2014 — BRIEF-2014-09 — Synthèse des échanges avec l'OTAN",
      "Dossier Cable: MAEC-OTAN-CARDIFF-2014 — Sommet de l'OTAN prévu à Cardiff.",
      // French spacing puts a narrow no-break space before the colon.
      expect.stringMatching(/^Dossier Attachment: PJ\u202F: Document sur la nouvelle initiative$/),
    ])
    expect(view.sections).toHaveLength(7)
    expect(view.core.title).toBe('Maroc et OTAN')
  })

  it('LibreOffice prints each cable on the sheet the contents give, with its own folio counted within the cable', async () => {
    const pdf = (await printed()).book
    const { stdout } = await exec('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { maxBuffer: 64 * 1024 * 1024 })
    const sheets = stdout.split('\f')
    const pdfPages = sheets.map(letters)
    const contentsPage = pdfPages.findIndex((text) => text.includes(letters('Table des matières')))
    expect(contentsPage).toBeGreaterThan(0)
    const entries = contentsEntries(xml)
    const folioOf = (sheet: number) => [...sheets[sheet]!.matchAll(/(?:PAGE\s+)?(\d+)\s*(?:\/|OF)\s*(\d+)/g)].at(-1)
    let previous = contentsPage
    const starts: number[] = []
    for (const entry of entries) {
      const key = letters(entry.text).slice(0, 40)
      // A cable's heading is the first mention after the contents; an attachment's is after the list of attachments that names it.
      const found =
        entry.anchor.split('_').length === 3
          ? pdfPages.findLastIndex((text) => text.includes(key))
          : pdfPages.findIndex((text, index) => index > previous && text.includes(key))
      expect(found, entry.text).toBeGreaterThan(previous)
      previous = found
      // The contents' cached number is the sheet LibreOffice prints the heading on.
      expect(String(found + 1), entry.text).toBe(entry.page)
      if (entry.anchor.split('_').length === 2) starts.push(found)
    }
    // Each cable's sheets print 1 OF n … n OF n (or 1/n … n/n), n its own number of sheets.
    const indexSheet = pdfPages.findIndex((text, index) => index > starts.at(-1)! && text.startsWith(letters('Index')))
    expect(indexSheet).toBeGreaterThan(starts.at(-1)!)
    starts.forEach((start, index) => {
      const end = starts[index + 1] ?? indexSheet
      for (let sheet = start; sheet < end; sheet++) {
        const folio = folioOf(sheet)
        expect(folio?.slice(1, 3), `sheet ${sheet + 1}: ${sheets[sheet]!.trim().split('\n').at(-1)}`).toEqual([String(sheet - start + 1), String(end - start)])
      }
    })
    // The index goes on with the book's numbering.
    expect(sheets[indexSheet]!.trim().split('\n').at(-1)!.trim()).toBe(String(indexSheet + 1))
  }, 180_000)

  it('is the same bytes whatever the process wrote before', async () => {
    await toDossierDocx({ title: 'Autre', cables: [markdown('maroc-otan-cardiff.md'), markdown('09RABAT412.md')] }, { order: 'reference' })
    const again = await toDossierDocx(book(), { duplex: true })
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true)
  })
})

describe('one DOCX writer', () => {
  const SOURCE = `---
id: T-1
lang: fr
subject: Essai
reference: 12/AB
from: L'Ambassadeur
classification: confidentiel
---

Premier paragraphe, voir [le site](https://example.org/a) et la note[^n].

## Un intertitre

1. un
2. deux
   - sous-point

> Citation : « bien » ; fin.

[^n]: La note, avec [un lien](https://example.org/note).

## PJ : Annexe

Texte de l'annexe.
`

  it('writes a cable in a dossier with the same paragraphs, tables, notes and lists as toDocx', async () => {
    const cable = fromMarkdown(SOURCE, { path: 'essai.md' }).cables[0]!
    const single = await openDocx(await toDocx(cable, { theme: 'ministere' }))
    const dossier = await openDocx(await toDossierDocx({ title: 'D', cables: [cable] }, { theme: 'ministere', index: false }))
    // Relationship ids depend on what the document holds before the cable; section properties on where it sits.
    const normalize = (xml: string) =>
      xml
        .replace(/ r:id="rId\d+"/g, '')
        .replace(/<w:sectPr>.*?<\/w:sectPr>/gs, '')
        .replace(/<w:bookmarkStart w:id="\d+" w:name="cable_\d+_end"\/><w:bookmarkEnd w:id="\d+"\/>/g, '')
    const singleBody = /<w:body>(.*)<\/w:body>/s.exec(single.xml.get('word/document.xml')!)![1]!
    const dossierDocument = dossier.xml.get('word/document.xml')!
    const afterHeading = dossierDocument.indexOf('</w:p>', dossierDocument.indexOf('<w:pStyle w:val="DossierCable"/>')) + '</w:p>'.length
    const dossierCable = /^(.*)<\/w:body>/s.exec(dossierDocument.slice(afterHeading))![1]!
    // The attachment opens with the dossier's bookmarked heading instead of the Cable Attachment Title paragraph.
    const attachmentTitle = (xml: string) =>
      xml.replace(/<w:p><w:pPr><w:pStyle w:val="(?:CableAttachmentTitle|DossierAttachment)"\/><\/w:pPr>.*?<\/w:p>/s, '<TITLE/>')
    expect(normalize(attachmentTitle(dossierCable))).toBe(normalize(attachmentTitle(singleBody)))
    expect(singleBody).toContain('CableAttachmentTitle')
    expect(dossierCable).toContain('Premier paragraphe')
    expect(dossierCable).toContain('<w:footnoteReference w:id="1"/>')
    expect(dossier.xml.get('word/footnotes.xml')).toBe(single.xml.get('word/footnotes.xml'))
    expect(dossier.xml.get('word/numbering.xml')).toBe(single.xml.get('word/numbering.xml'))
  })

  it('writes an empty contents field for a dossier without cables', async () => {
    const parts = await openDocx(await toDossierDocx({ title: 'Vide', cables: [] }))
    const xml = parts.xml.get('word/document.xml')!
    expect(fieldTokens(xml)).toEqual(['begin', 'TOC \\h \\t "DossierCable,1,DossierAttachment,2"', 'separate', 'end'])
    expect(await xmllintParts(parts)).toEqual([])
  })
})

describe('each cable of a DOCX dossier in its own theme', () => {
  let parts: DocxParts
  let view: Awaited<ReturnType<typeof readWithPythonDocx>>
  let pdf: string
  let pdfSheets: string[]
  beforeAll(async () => {
    parts = await openDocx((await dossiers()).themes)
    view = await readWithPythonDocx(join(dir, 'themes.docx'))
    pdf = (await printed()).themes
    const { stdout } = await exec('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { maxBuffer: 64 << 20 })
    pdfSheets = stdout.split('\f')
  }, 180_000)

  it('keeps both themes’ style sets in styles.xml, the second under prefixed ids and names', () => {
    const styles = parts.xml.get('word/styles.xml')!
    expect(styles).toContain('w:styleId="CableBody"')
    expect(styles).toContain('w:styleId="TelegrammeCableBody"')
    expect(styles).toContain('w:styleId="TelegrammeTelegramSubject"')
    // Two fonts: the letter's serif body, the telegram's typewriter body.
    const body = (id: string) => new RegExp(`w:styleId="${id}".*?<w:rFonts w:ascii="([^"]+)"`, 's').exec(styles)![1]
    expect(body('CableBody')).toBe('Noto Serif')
    expect(body('TelegrammeCableBody')).toBe('Courier Prime')
    // Every style id the document names is defined, and based-on chains stay within their set.
    const defined = new Set([...styles.matchAll(/w:styleId="([^"]+)"/g)].map((m) => m[1]))
    const used = new Set([...[...parts.xml.values()].join('').matchAll(/<w:(?:pStyle|rStyle) w:val="([^"]+)"/g)].map((m) => m[1]))
    for (const id of used) expect(defined, id).toContain(id)
    for (const [, id, based] of styles.matchAll(/w:styleId="(Telegramme[^"]+)".*?(?:<w:basedOn w:val="([^"]+)"|<\/w:style>)/gs)) {
      if (based) expect(based.startsWith('Telegramme') || based === 'Normal', `${id} based on ${based}`).toBe(true)
    }
  })

  it('gives the telegram’s paragraphs the telegram styles, and the letter’s the letter styles (python-docx)', () => {
    const styleOf = (fragment: string) => view.paragraphs.find((p) => p.text.includes(fragment))?.style
    expect(styleOf('J\u2019ai l\u2019honneur') ?? styleOf("J'ai l'honneur")).toBe('Cable Body')
    expect(styleOf('Moroccan officials asked')).toBe('Telegram Paragraph (telegramme)')
    expect(styleOf('SUBJECT: MOROCCO ASKS NATO')).toBe('Telegram Subject (telegramme)')
  })

  it('sets each cable’s page size and margins on its own sections', () => {
    // Front matter and the letter on A4, the telegram on Letter.
    expect(view.sections.map((s) => s.pageWidth)).toEqual([11906 * 635, 11906 * 635, 12240 * 635])
    const sections = [...parts.xml.get('word/document.xml')!.matchAll(/<w:pgMar w:top="(\d+)"/g)].map((m) => Number(m[1]))
    expect(sections.at(-1)).toBe(54 * 20)
  })

  it('prints the telegram on Letter paper in Courier and the letter on A4, in LibreOffice', async () => {
    const { stdout } = await exec('pdfinfo', ['-f', '1', '-l', '99', pdf])
    const sizes = [...stdout.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => `${Math.round(Number(m[1]))}x${Math.round(Number(m[2]))}`)
    const telegram = pdfSheets.findIndex((sheet) => sheet.includes('SUBJECT: MOROCCO ASKS NATO'))
    expect(telegram).toBeGreaterThan(0)
    expect(sizes[telegram]).toBe('612x792')
    expect(sizes[telegram - 1]).toBe('595x842')
    expect(pdfSheets[telegram]).toMatch(/PAGE 1 OF 1/)
  }, 180_000)
})

describe('the DOCX dossier index', () => {
  it('keeps telegram TAGS apart from the hashtags of a publication', async () => {
    const telegram = markdown('09RABAT412.md')
    const blog: Cable = { ...markdown('maroc-otan-requete.md'), tags: ['MarocLeaks', 'OTAN'], publication: { title: 'Maroc Leaks : l’OTAN' } }
    const parts = await openDocx(await toDossierDocx({ title: 'Index', lang: 'fr', cables: [telegram, blog] }))
    const xml = parts.xml.get('word/document.xml')!
    const index = textOfParagraphs(xml.slice(xml.lastIndexOf('>Index<'))).join('\n')
    const tags = index.indexOf('Mots-clés (TAGS)')
    const hashtags = index.indexOf('Mots-dièse des publications')
    expect(tags).toBeGreaterThanOrEqual(0)
    expect(hashtags).toBeGreaterThan(tags)
    const between = index.slice(tags, hashtags)
    expect(between).toContain('PREL — ')
    expect(between).not.toContain('MarocLeaks')
    const after = index.slice(hashtags)
    expect(after).toContain('#MarocLeaks — ')
    expect(after).toContain('#OTAN — ')
    expect(after).not.toMatch(/\bPREL\b/)
  })
})

function textOfParagraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p>.*?<\/w:p>/gs)].map((m) => textOf(m[0]))
}
