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
    return { anchor: anchor!, text: textOf(label!), page: /<w:fldChar w:fldCharType="separate"\/><\/w:r>(.*?)<w:r><w:fldChar w:fldCharType="end"\/>/s.exec(reference!)![1]!.replace(/<[^>]+>/g, '') }
  })
}

function textOf(xml: string): string {
  return [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('').replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
}

/** Field marks and instructions in document order. */
function fieldTokens(xml: string): string[] {
  return [...xml.matchAll(/<w:fldChar w:fldCharType="(\w+)"\/>|<w:instrText[^>]*>([^<]*)<\/w:instrText>/g)].map((m) => m[1] ?? m[2]!.replace(/&quot;/g, '"'))
}

describe('dossier DOCX written by the WordprocessingML writer', () => {
  let bytes: Uint8Array
  let parts: DocxParts
  let xml: string
  const dir = tempDir('dossier-docx')
  beforeAll(async () => {
    bytes = await toDossierDocx(book(), { duplex: true })
    parts = await openDocx(bytes)
    xml = parts.xml.get('word/document.xml')!
    writeFileSync(join(dir, 'book.docx'), bytes)
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
    const headings = [...xml.matchAll(/<w:p><w:pPr><w:pStyle w:val="(DossierCable|DossierAttachment)"\/><\/w:pPr><w:bookmarkStart w:id="\d+" w:name="([^"]+)"\/>(.*?)<w:bookmarkEnd/g)].map(([, style, name, runs]) => ({ style, name, text: textOf(runs!) }))
    expect(headings.map((h) => h.style)).toEqual(['DossierCable', 'DossierCable', 'DossierCable', 'DossierCable', 'DossierAttachment'])
    expect(entries.map((e) => [e.anchor, e.text])).toEqual(headings.map((h) => [h.name, h.text]))
    expect(headings[0]!.text).toBe('14 août 2009 — N° RABAT 000412 — MOROCCO ASKS NATO FOR COUNTERTERRORISM SUPPORT')
    // Estimated pages, increasing; each cable on an odd page in duplex.
    const pages = entries.map((e) => Number(e.page))
    expect(pages.every((page) => Number.isInteger(page) && page > 0)).toBe(true)
    expect([...pages].sort((a, b) => a - b)).toEqual(pages)
    entries.slice(0, 4).forEach((entry) => expect(Number(entry.page) % 2, entry.text).toBe(1))
  })

  it('bookmarks each heading once with its own id, and every link and page reference names a bookmark', () => {
    const starts = [...xml.matchAll(/<w:bookmarkStart w:id="(\d+)" w:name="([^"]+)"\/>/g)]
    const ids = starts.map((m) => m[1])
    const names = starts.map((m) => m[2])
    expect(ids).toEqual(ids.map((_, index) => String(index + 1)))
    expect(names).toEqual(['cable_1', 'cable_2', 'cable_3', 'cable_4', 'cable_4_1'])
    for (const id of ids) expect(xml.match(new RegExp(`<w:bookmarkEnd w:id="${id}"/>`, 'g'))).toHaveLength(1)
    const cited = [...xml.matchAll(/w:anchor="([^"]+)"|PAGEREF (\S+)/g)].map((m) => m[1] ?? m[2])
    expect(cited.length).toBeGreaterThan(10)
    for (const name of cited) expect(names).toContain(name)
  })

  it('gives the index the pages the contents give the same cables', () => {
    const contents = new Map(contentsEntries(xml).map((e) => [e.anchor, e.page]))
    const index = xml.slice(xml.lastIndexOf('>Index<'))
    const references = [...index.matchAll(/PAGEREF (\S+) \\h<\/w:instrText><\/w:r><w:r><w:fldChar w:fldCharType="separate"\/><\/w:r><w:r><w:t xml:space="preserve">(\d+)<\/w:t>/g)]
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
    for (const path of paths.filter((p) => /^word\/(document|styles|numbering|footnotes|settings|fontTable|header\d+|footer\d+)\.xml$/.test(p))) expect(types, path).toContain(`PartName="/${path}"`)
    for (const [relsPath, rels] of parts.xml) {
      if (!relsPath.endsWith('.rels')) continue
      const base = relsPath.replace(/(^|\/)_rels\/[^/]*\.rels$/, '$1')
      for (const [, target, external] of rels.matchAll(/Target="([^"]+)"( TargetMode="External")?/g)) if (!external) expect(paths, `${relsPath} → ${target}`).toContain(`${base}${target}`)
    }
    expect(parts.xml.get('word/styles.xml')).toMatch(/w:styleId="DossierCable".*?<w:outlineLvl w:val="0"\/>/s)
    expect(parts.xml.get('word/settings.xml')).toContain('<w:updateFields')
  })

  it('opens in python-docx with the dossier headings in order, under the dossier styles', async () => {
    const view = await readWithPythonDocx(join(dir, 'book.docx'))
    const headings = view.paragraphs.filter((p) => p.style.startsWith('Dossier ')).map((p) => `${p.style}: ${p.text}`)
    expect(headings).toEqual([
      'Dossier Title: Maroc et OTAN',
      'Dossier Cable: 14 août 2009 — N° RABAT 000412 — MOROCCO ASKS NATO FOR COUNTERTERRORISM SUPPORT',
      expect.stringMatching(/^Dossier Cable: 14 août 2014 — /),
      'Dossier Cable: 2 septembre 2014 — BRIEF-2014-09 — Synthèse des échanges avec l\'OTAN',
      'Dossier Cable: MAEC-OTAN-CARDIFF-2014 — Sommet de l\'OTAN prévu à Cardiff.',
      // French spacing puts a narrow no-break space before the colon.
      expect.stringMatching(/^Dossier Attachment: PJ\u202F: Document sur la nouvelle initiative$/),
    ])
    expect(view.sections).toHaveLength(7)
    expect(view.core.title).toBe('Maroc et OTAN')
  })

  it('LibreOffice prints each cable’s page number where the contents say it starts, and the text in order', async () => {
    const [pdf] = await libreOfficeToPdf([join(dir, 'book.docx')], dir)
    const { stdout } = await exec('pdftotext', ['-layout', '-enc', 'UTF-8', pdf!, '-'], { maxBuffer: 64 * 1024 * 1024 })
    const pdfPages = stdout.split('\f').map(letters)
    const contentsPage = pdfPages.findIndex((text) => text.includes(letters('Table des matières')))
    expect(contentsPage).toBeGreaterThan(0)
    const entries = contentsEntries(xml)
    let previous = contentsPage
    for (const entry of entries) {
      const key = letters(entry.text).slice(0, 40)
      // A cable's heading is the first mention after the contents; an attachment's is after the list of attachments that names it.
      const found = entry.anchor.split('_').length === 3 ? pdfPages.findLastIndex((text) => text.includes(key)) : pdfPages.findIndex((text, index) => index > previous && text.includes(key))
      expect(found, entry.text).toBeGreaterThan(previous)
      previous = found
      // Cable footers print `n/N` or `PAGE n OF N`; LibreOffice numbers the blank pages duplex adds without printing them.
      const folio = [...stdout.split('\f')[found]!.matchAll(/(?:PAGE\s+)?(\d+)\s*(?:\/|OF)\s*\d+/g)].at(-1)
      expect(folio?.[1], entry.text).toBe(entry.page)
    }
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
    const normalize = (xml: string) => xml.replace(/ r:id="rId\d+"/g, '').replace(/<w:sectPr>.*?<\/w:sectPr>/gs, '')
    const singleBody = /<w:body>(.*)<\/w:body>/s.exec(single.xml.get('word/document.xml')!)![1]!
    const dossierDocument = dossier.xml.get('word/document.xml')!
    const afterHeading = dossierDocument.indexOf('</w:p>', dossierDocument.indexOf('<w:pStyle w:val="DossierCable"/>')) + '</w:p>'.length
    const dossierCable = /^(.*)<\/w:body>/s.exec(dossierDocument.slice(afterHeading))![1]!
    // The attachment opens with the dossier's bookmarked heading instead of the Cable Attachment Title paragraph.
    const attachmentTitle = (xml: string) => xml.replace(/<w:p><w:pPr><w:pStyle w:val="(?:CableAttachmentTitle|DossierAttachment)"\/><\/w:pPr>.*?<\/w:p>/s, '<TITLE/>')
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
