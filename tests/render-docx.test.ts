import { readFileSync, readdirSync } from 'node:fs'
import { describe, expect, it, beforeAll } from 'vitest'
import { CableValidationError, fromMarkdown } from '@cablekit/core'
import type { Cable } from '@cablekit/core'
import { toDocx } from '@cablekit/render'
import { openDocx, xmllintParts } from './helpers/docx.js'
import type { DocxParts } from './helpers/docx.js'

function load(path: string): Cable {
  const { cables, file } = fromMarkdown(readFileSync(path, 'utf8'), { path })
  if (!cables[0]) throw new Error(`${path}: ${file.messages.map(String).join('\n')}`)
  return cables[0]
}

// The dates under test come from the cables; an epoch set by the environment would override the modified date.
delete process.env['SOURCE_DATE_EPOCH']

const EXAMPLES = readdirSync('examples')
  .filter((name) => name.endsWith('.md'))
  .sort()
const LONG_TOKEN = 'X'.repeat(30_000)

/** The adversarial fixture, plus what Markdown ingestion would strip but a library caller can pass. */
function adversarial(): Cable {
  const cable = load('tests/fixtures/docx/adversarial.md')
  const body = structuredClone(cable.body)
  body.push({ type: 'paragraph', children: [{ type: 'text', value: `avant\uFFFE\uFFFFaprès \u0007bip \u202Eà l'envers\u202C \uD800seul ${LONG_TOKEN}` }] })
  return { ...cable, subject: 'Sujet\uFFFE piégé\uFFFF', body }
}

function documentXml(parts: DocxParts): string {
  return parts.xml.get('word/document.xml') ?? ''
}

describe('toDocx on the examples', () => {
  const rendered = new Map<string, DocxParts>()
  beforeAll(async () => {
    for (const name of EXAMPLES) rendered.set(name, await openDocx(await toDocx(load(`examples/${name}`))))
  })

  it('writes a package whose every XML part is well-formed (xmllint)', async () => {
    for (const [name, parts] of rendered) {
      expect(parts.xml.has('word/document.xml'), name).toBe(true)
      expect(await xmllintParts(parts), name).toEqual([])
    }
  })

  it('defines the named Cable styles and uses them', () => {
    for (const [name, parts] of rendered) {
      const styles = parts.xml.get('word/styles.xml') ?? ''
      for (const style of [
        'Cable Body',
        'Cable Label',
        'Cable Subject',
        'Cable Letterhead',
        'Cable Attachment Title',
        'Cable Header',
        'Cable Footer',
        'Cable Stamp',
        'Cable Redaction',
      ]) {
        expect(styles, `${name}: ${style}`).toContain(`w:val="${style}"`)
      }
      // A telegram's paragraphs have a style of their own, based on Cable Body.
      expect(documentXml(parts), name).toMatch(/w:pStyle w:val="(?:CableBody|TelegramParagraph)"/)
    }
  })

  it('puts the classification and PAGE/NUMPAGES fields in the header and footer parts', () => {
    for (const [name, parts] of rendered) {
      const cable = load(`examples/${name}`)
      const headers = [...parts.xml].filter(([path]) => /^word\/header\d+\.xml$/.test(path)).map(([, xml]) => xml)
      const footers = [...parts.xml].filter(([path]) => /^word\/footer\d+\.xml$/.test(path)).map(([, xml]) => xml)
      expect(headers.length, name).toBeGreaterThan(0)
      expect(footers.length, name).toBeGreaterThan(0)
      const label = cable.classification?.label ?? ''
      const spaced = [...label].join(' ')
      for (const xml of [...headers, ...footers]) expect(xml.includes(label) || xml.includes(spaced), name).toBe(true)
      for (const xml of footers) {
        expect(xml, name).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/)
        expect(xml, name).toMatch(/<w:instrText[^>]*>\s*NUMPAGES\s*<\/w:instrText>/)
      }
    }
  })

  it('gives the ministerial letterhead page a first-page header of its own', () => {
    const parts = rendered.get('maroc-otan-requete.md')!
    const xml = documentXml(parts)
    expect(xml).toContain('<w:titlePg/>')
    expect(xml).toMatch(/<w:headerReference w:type="first"/)
    expect(xml).toMatch(/<w:headerReference w:type="default"/)
  })

  it('lays the letterhead out as a borderless table with the Arabic right to left', () => {
    const xml = documentXml(rendered.get('maroc-otan-requete.md')!)
    const firstTable = xml.slice(xml.indexOf('<w:tbl>'), xml.indexOf('</w:tbl>'))
    expect(firstTable).toContain('Royaume du Maroc')
    expect(firstTable).toContain('المملكة المغربية')
    expect(firstTable).toMatch(/<w:tblBorders>(?:<w:\w+ w:val="(?:none|nil)"[^>]*\/>)+<\/w:tblBorders>/)
    expect(firstTable).toContain('<w:bidi/>')
    expect(firstTable).toMatch(/<w:rtl\/>[^]*?<w:t[^>]*>المملكة المغربية<\/w:t>/)
  })

  it('writes Objet and Réf. labels in the bold label style, with French spacing', () => {
    const xml = documentXml(rendered.get('maroc-otan-requete.md')!)
    expect(xml).toMatch(/<w:rStyle w:val="CableLabel"\/><\/w:rPr><w:t[^>]*>Objet\u202F:<\/w:t>/)
    expect(xml).toMatch(/<w:rStyle w:val="CableLabel"\/><\/w:rPr><w:t[^>]*>Réf\.\u202F:<\/w:t>/)
    const styles = rendered.get('maroc-otan-requete.md')!.xml.get('word/styles.xml')!
    expect(styles).toMatch(/w:styleId="CableLabel"[^]*?<w:b\/>/)
  })

  it('marks precedence and classification as bordered stamps', () => {
    const parts = rendered.get('maroc-otan-requete.md')!
    expect(documentXml(parts)).toMatch(/<w:rStyle w:val="CableStamp"\/><\/w:rPr><w:t[^>]*>\u00A0Très urgent\u00A0<\/w:t>/)
    expect(parts.xml.get('word/styles.xml')!).toMatch(/w:styleId="CableStamp"[^]*?<w:bdr w:val="single"/)
  })

  it('starts each attachment in a new section from a new page, with its title', () => {
    const xml = documentXml(rendered.get('maroc-otan-cardiff.md')!)
    const cable = load('examples/maroc-otan-cardiff.md')
    expect(cable.attachments.length).toBeGreaterThan(0)
    expect((xml.match(/<w:sectPr/g) ?? []).length).toBe(1 + cable.attachments.length)
    expect(xml).toMatch(/<w:type w:val="nextPage"\/>/)
    expect(xml).toMatch(/<w:pStyle w:val="CableAttachmentTitle"\/>/)
  })

  it('makes lists real Word numbering', () => {
    const parts = rendered.get('maroc-otan-cardiff.md')!
    expect(documentXml(parts)).toMatch(/<w:numPr><w:ilvl w:val="0"\/><w:numId w:val="\d+"\/><\/w:numPr>/)
    expect(parts.xml.get('word/numbering.xml')).toContain('w:abstractNum')
  })

  it('embeds the theme fonts, obfuscated as ECMA-376 says, and only those', async () => {
    for (const [name, parts] of rendered) {
      const fontTable = parts.xml.get('word/fontTable.xml') ?? ''
      const embeds = [...fontTable.matchAll(/<w:embed(Regular|Bold|Italic|BoldItalic) r:id="(rId\d+)" w:fontKey="\{([0-9A-F-]+)\}"\/>/g)]
      expect(embeds.length, name).toBeGreaterThanOrEqual(2)
      const rels = parts.xml.get('word/_rels/fontTable.xml.rels') ?? ''
      for (const [, , rid, key] of embeds) {
        const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)?.[1]
        const data = parts.binary.get(`word/${target}`)!
        expect(data, `${name} ${target}`).toBeDefined()
        // Undo the obfuscation: the TrueType header (version 0x00010000) must come back.
        const keyBytes = key!
          .replace(/-/g, '')
          .match(/../g)!
          .map((hex) => parseInt(hex, 16))
          .reverse()
        const head = Array.from(data.slice(0, 4), (byte, i) => byte ^ keyBytes[i % 16]!)
        expect(head, `${name} ${target}`).toEqual([0, 1, 0, 0])
      }
    }
    expect(rendered.get('09RABAT412.md')!.xml.get('word/fontTable.xml')).toContain('Courier Prime')
    expect(rendered.get('maroc-otan-requete.md')!.xml.get('word/fontTable.xml')).toMatch(/w:name="Noto Naskh Arabic"[^]*?<w:embedRegular/)
    // A telegram has no Arabic: the Arabic face is not carried along.
    expect(rendered.get('09RABAT412.md')!.xml.get('word/fontTable.xml')).not.toMatch(/w:name="Noto Naskh Arabic"[^]*?<w:embedRegular/)
  })

  it('writes the core properties from the cable, dated by the cable, never by the clock', () => {
    const parts = rendered.get('maroc-otan-requete.md')!
    const core = parts.xml.get('docProps/core.xml')!
    expect(core).toContain('<dc:title>Maroc-OTAN / Requête.</dc:title>')
    expect(core).toContain('<dc:subject>Maroc-OTAN / Requête.</dc:subject>')
    expect(core).toContain('<dc:creator>cablekit</dc:creator>')
    expect(core).toContain('<dc:language>fr</dc:language>')
    expect(core).toMatch(/<cp:keywords>[^<]*Confidentiel[^<]*<\/cp:keywords>/)
    expect(core).toMatch(/<dcterms:created [^>]*>2014-08-14T12:00:00Z<\/dcterms:created>/)
    expect(core).toMatch(/<dcterms:modified [^>]*>2014-08-14T12:00:00Z<\/dcterms:modified>/)
  })
})

describe('toDocx determinism', () => {
  it('gives identical bytes for two renders of the same cable', async () => {
    for (const name of EXAMPLES) {
      const cable = load(`examples/${name}`)
      const first = await toDocx(cable)
      await new Promise((resolve) => setTimeout(resolve, 1100))
      const second = await toDocx(structuredClone(cable))
      expect(Buffer.compare(Buffer.from(first), Buffer.from(second)), name).toBe(0)
    }
  })

  it('renumbers the random relationship ids of hyperlinks', async () => {
    const parts = await openDocx(await toDocx(adversarial()))
    const rels = parts.xml.get('word/_rels/document.xml.rels')!
    for (const [, id] of rels.matchAll(/Id="([^"]+)"/g)) expect(id).toMatch(/^rId(L?\d+)$/)
    // Every r:id used by the document resolves to a relationship.
    for (const [, id] of documentXml(parts).matchAll(/r:id="([^"]+)"/g)) expect(rels).toContain(`Id="${id}"`)
  })

  it('stamps the zip entries and properties with SOURCE_DATE_EPOCH when the cable has no date', async () => {
    const cable = { ...load('examples/maroc-otan-cardiff.md') }
    delete cable.date
    const bytes = await toDocx(cable, { sourceDateEpoch: 1_400_000_000 })
    const core = (await openDocx(bytes)).xml.get('docProps/core.xml')!
    expect(core).toMatch(/<dcterms:created [^>]*>2014-05-13T16:53:20Z<\/dcterms:created>/)
    // The first local header's DOS date: 2014-05-13 → ((2014-1980) << 9) | (5 << 5) | 13.
    expect(Buffer.from(bytes).readUInt16LE(12)).toBe(((2014 - 1980) << 9) | (5 << 5) | 13)
    expect(Buffer.compare(Buffer.from(bytes), Buffer.from(await toDocx(cable, { sourceDateEpoch: 1_400_000_000 })))).toBe(0)
  })
})

describe('toDocx on untrusted text', () => {
  let parts: DocxParts
  beforeAll(async () => {
    parts = await openDocx(await toDocx(adversarial()))
  })

  it('keeps every part well-formed and strips the characters XML forbids', async () => {
    expect(await xmllintParts(parts)).toEqual([])
    for (const [path, xml] of parts.xml) {
      expect(xml, path).not.toMatch(/[\uFFFE\uFFFF\u0007\u202E\u202C]/)
      expect(xml, path).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/)
    }
    expect(documentXml(parts)).toContain('avantaprès bip')
    expect(parts.xml.get('docProps/core.xml')).toContain('<dc:subject>Sujet piégé</dc:subject>')
  })

  it('links only http, https and mailto targets', () => {
    const rels = parts.xml.get('word/_rels/document.xml.rels')!
    const targets = [...rels.matchAll(/Target="([^"]+)"[^>]*TargetMode="External"/g)].map((match) => match[1])
    expect(targets).toEqual(expect.arrayContaining(['https://example.org/a?b=c&amp;d=e', 'mailto:agent@example.org']))
    expect(rels).not.toContain('javascript:')
    expect(rels).not.toContain('secret.txt')
    // The text of a refused link stays, as plain text.
    expect(documentXml(parts)).toContain('lien piégé')
    expect(documentXml(parts)).toContain('lien relatif')
  })

  it('clamps lists nested deeper than Word’s nine levels', () => {
    const levels = [...documentXml(parts).matchAll(/<w:ilvl w:val="(\d+)"\/>/g)].map((match) => Number(match[1]))
    expect(Math.max(...levels)).toBe(8)
    expect(documentXml(parts)).toContain('niveau 12')
  })

  it('keeps a 30,000-character token whole', () => {
    expect(documentXml(parts)).toContain(LONG_TOKEN)
  })

  it('writes footnotes as real footnotes, tables as tables, sic and redactions', () => {
    const xml = documentXml(parts)
    expect((xml.match(/<w:footnoteReference w:id="\d+"\/>/g) ?? []).length).toBe(2)
    const notes = parts.xml.get('word/footnotes.xml')!
    expect(notes).toContain('Première note')
    expect(notes).toContain('Seconde note')
    expect(xml).toMatch(/<w:tbl>[^]*Algérie[^]*<\/w:tbl>/)
    expect(xml).toContain('cefte')
    expect(xml).toMatch(/<w:rStyle w:val="CableSic"\/><\/w:rPr><w:t[^>]*> \[sic\]/)
    expect(xml).toMatch(/<w:rStyle w:val="CableRedaction"\/><\/w:rPr><w:t[^>]*>\u00A0+\[vie\u00A0privée\]\u2060\u00A0+<\/w:t>/)
    expect(xml).not.toContain('très secret')
  })

  it('writes no hidden, deleted or inserted runs and no comments', () => {
    for (const [path, xml] of parts.xml) {
      expect(xml, path).not.toMatch(/<w:vanish|<w:del\b|<w:ins\b|<w:delText|<w:commentReference|<w:commentRangeStart/)
    }
    const comments = parts.xml.get('word/comments.xml')
    if (comments) expect(comments).not.toMatch(/<w:comment\b/)
  })

  it('flattens deep trees from a library caller, and refuses pathologically deep ones with a typed error, never a stack overflow', async () => {
    const deep = (levels: number) => {
      let quote: Record<string, unknown> = { type: 'paragraph', children: [{ type: 'text', value: 'au fond' }] }
      for (let i = 0; i < levels; i++) quote = { type: 'blockquote', children: [quote] }
      let emphasis: Record<string, unknown> = { type: 'text', value: 'très profond' }
      for (let i = 0; i < levels; i++) emphasis = { type: 'emphasis', children: [emphasis] }
      return { ...load('examples/09RABAT412.md'), body: [quote, { type: 'paragraph', children: [emphasis] }] } as unknown as Cable
    }
    const xml = documentXml(await openDocx(await toDocx(deep(200))))
    expect(xml).toContain('au fond')
    expect(xml).toContain('très profond')
    const error = await toDocx(deep(5_000)).then(
      () => undefined,
      (reason: unknown) => reason,
    )
    expect(error).toBeInstanceOf(CableValidationError)
    expect((error as CableValidationError).path).toMatch(/^body\[0\]/)
  })
})
