import { execFile } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { fromMarkdown } from '@cablekit/core'
import { toDocx } from '@cablekit/render'
import { contentTypesXml } from '../packages/render/src/docx/content-types.js'
import { ListNumbering } from '../packages/render/src/docx/list-numbering.js'
import { Relationships } from '../packages/render/src/docx/relationships.js'
import { WML_ROOT_ATTRIBUTES } from '../packages/render/src/docx/wml-namespaces.js'
import { paragraphXml, withSectionProperties } from '../packages/render/src/docx/wml-paragraph.js'
import { fieldXml, runXml } from '../packages/render/src/docx/wml-run.js'
import { sectionPropertiesXml } from '../packages/render/src/docx/wml-section.js'
import { tableXml } from '../packages/render/src/docx/wml-table.js'
import { escapeXml } from '../packages/render/src/docx/xml-escape.js'
import { openDocx, tempDir } from './helpers/docx.js'

/**
 * The WordprocessingML emitter toDocx writes its body, header, footer,
 * footnote and numbering parts with: escaping, element order, sections,
 * tables and numbering, each checked as XML by xmllint.
 */

const exec = promisify(execFile)
const dir = tempDir('docx-xml')
let fileIndex = 0

/** xmllint's verdict on a body fragment wrapped in a document root with the namespaces the writer declares. */
async function wellFormed(fragment: string): Promise<void> {
  const file = join(dir, `${fileIndex++}.xml`)
  writeFileSync(file, `<?xml version="1.0" encoding="UTF-8"?><w:document ${WML_ROOT_ATTRIBUTES}><w:body>${fragment}</w:body></w:document>`)
  await exec('xmllint', ['--noout', file])
}

const PAGE = { width: 11906, height: 16838, margin: { top: 1120, right: 1240, bottom: 1280, left: 1400, header: 560, footer: 640 } }

describe('escapeXml', () => {
  it('escapes markup and drops what XML forbids, in one pass', () => {
    expect(escapeXml('a < b & "c" > d')).toBe('a &lt; b &amp; &quot;c&quot; &gt; d')
    expect(escapeXml('avant\uFFFE\uFFFFaprès \u0007bip \u202Eà\u202C \uD800seul')).toBe('avantaprès bip à seul')
    // A surrogate pair is a character, not a lone surrogate: it stays.
    expect(escapeXml('emoji 😀 & co')).toBe('emoji 😀 &amp; co')
    const plain = 'Rien à échapper : « texte »'
    expect(escapeXml(plain)).toBe(plain)
  })
})

describe('WordprocessingML elements', () => {
  it('writes paragraph properties in schema order, and runs with escaped text', async () => {
    const xml = paragraphXml(
      {
        style: 'CableBody',
        keepNext: true,
        numbering: { numId: 2, level: 1 },
        tabs: [{ type: 'center', position: 4633 }],
        bidi: true,
        spacing: { before: 240 },
        indent: { left: 800, firstLine: 0 },
        alignment: 'right',
      },
      runXml('<x> & y', { style: 'CableLabel', bold: true, italics: true, strike: true, rtl: true }),
    )
    const order = ['pStyle', 'keepNext', 'numPr', 'tabs', 'bidi', 'spacing', 'ind', 'jc'].map((name) => xml.indexOf(`<w:${name}`))
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true)
    expect(xml).toContain(
      '<w:rPr><w:rStyle w:val="CableLabel"/><w:b/><w:bCs/><w:i/><w:iCs/><w:strike/><w:rtl/></w:rPr><w:t xml:space="preserve">&lt;x&gt; &amp; y</w:t>',
    )
    await wellFormed(xml)
  })

  it('puts section properties at the end of a paragraph’s properties, or makes a paragraph for them', async () => {
    const section = sectionPropertiesXml({
      page: PAGE,
      start: 'nextPage',
      headers: { default: 'rId8', first: 'rId9' },
      footers: { default: 'rId10', first: 'rId10' },
      titlePage: true,
    })
    expect(section).toMatch(
      /^<w:sectPr><w:headerReference w:type="default" r:id="rId8"\/><w:headerReference w:type="first" r:id="rId9"\/><w:footerReference w:type="default" r:id="rId10"\/><w:footerReference w:type="first" r:id="rId10"\/><w:type w:val="nextPage"\/><w:pgSz [^>]+\/><w:pgMar [^>]+\/><w:pgNumType\/><w:titlePg\/>/,
    )
    const closed = withSectionProperties(paragraphXml({ style: 'CableBody', alignment: 'left' }, runXml('fin')), section)!
    expect(closed).toMatch(/<w:jc w:val="left"\/><w:sectPr>.*<\/w:sectPr><\/w:pPr><w:r>/)
    expect(withSectionProperties(paragraphXml({}), section)).toBe(`<w:p><w:pPr>${section}</w:pPr></w:p>`)
    expect(withSectionProperties('<w:tbl></w:tbl>', section)).toBeUndefined()
    await wellFormed(closed)
  })

  it('writes tables with a grid, borders and a paragraph ending every cell', async () => {
    const xml = tableXml({
      columnWidths: [3000, 4000],
      borders: { style: 'single', size: 4, color: '888888' },
      zeroMargins: true,
      rows: [
        {
          header: true,
          cells: [
            { width: 3000, fill: 'EEEEEE', content: paragraphXml({}, runXml('a')) },
            { width: 4000, borders: { style: 'nil', size: 0, color: 'auto' }, content: '' },
          ],
        },
        {
          cells: [
            {
              width: 3000,
              content: tableXml({
                columnWidths: [3000],
                borders: { style: 'none', size: 0, color: 'auto' },
                rows: [{ cells: [{ width: 3000, content: '' }] }],
              }),
            },
            { width: 4000, content: paragraphXml({}) },
          ],
        },
      ],
    })
    expect(xml).toContain('<w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="4000"/></w:tblGrid>')
    expect(xml).toContain('<w:trPr><w:tblHeader/></w:trPr>')
    expect(xml).toContain('<w:tcW w:type="dxa" w:w="3000"/><w:shd w:fill="EEEEEE" w:val="clear"/>')
    // Every cell ends with a paragraph, even one holding only a table.
    const cells = xml.split('</w:tc>').slice(0, -1)
    expect(cells.length).toBe(5)
    for (const cell of cells) expect(cell).toMatch(/(<\/w:p>|<w:p\/>)$/)
    await wellFormed(xml)
  })

  it('writes PAGE and NUMPAGES as complex fields', () => {
    expect(fieldXml('PAGE')).toBe(
      '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>',
    )
  })
})

describe('package parts', () => {
  it('numbers relationships in order and escapes their targets', () => {
    const rels = new Relationships()
    expect(rels.add('t', 'styles.xml')).toBe('rId1')
    expect(rels.add('t', 'https://example.org/?a=1&b="2"', true)).toBe('rId2')
    expect(rels.xml()).toContain('Id="rId2" Type="t" Target="https://example.org/?a=1&amp;b=&quot;2&quot;" TargetMode="External"')
  })

  it('shares one instance among bulleted lists and restarts each numbered list at its start', async () => {
    const numbering = new ListNumbering()
    const bullet = numbering.bullet()
    const three = numbering.ordered(3)
    const again = numbering.ordered(1)
    expect(numbering.bullet()).toBe(bullet)
    expect(new Set([bullet, three, again]).size).toBe(3)
    const xml = numbering.xml()
    expect(xml).toMatch(new RegExp(`<w:num w:numId="${three}"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/>`))
    expect(xml).toContain('<w:lvlText w:val="–"/>')
    expect(xml.match(/<w:lvl /g)!.length).toBe(18)
    const file = join(dir, 'numbering.xml')
    writeFileSync(file, xml)
    await exec('xmllint', ['--noout', file])
  })

  it('declares a content type for every part whose extension does not tell it', () => {
    const xml = contentTypesXml(['word/document.xml', 'word/header2.xml', 'word/footer1.xml', 'word/fonts/font1.odttf', 'word/_rels/document.xml.rels'])
    expect(xml).toContain(
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>',
    )
    expect(xml).toContain('<Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>')
    expect(xml).toContain('<Default Extension="odttf"')
    expect(xml).not.toContain('PartName="/word/fonts/font1.odttf"')
  })

  it('lists every part of a written package in [Content_Types].xml and resolves every relationship', async () => {
    const source = 'tests/fixtures/docx/adversarial.md'
    const cable = fromMarkdown(readFileSync(source, 'utf8'), { path: source }).cables[0]!
    for (const embedFonts of [true, false]) {
      const parts = await openDocx(await toDocx(cable, { embedFonts }))
      const paths = [...parts.xml.keys(), ...parts.binary.keys()]
      const types = parts.xml.get('[Content_Types].xml')!
      for (const path of paths.filter((p) => /\.xml$/.test(p) && p !== '[Content_Types].xml' && !p.startsWith('word/_rels'))) {
        if (/^(word\/(document|styles|numbering|footnotes|endnotes|settings|fontTable|header\d+|footer\d+)|docProps\/\w+)\.xml$/.test(path))
          expect(types, path).toContain(`PartName="/${path}"`)
      }
      for (const [relsPath, xml] of parts.xml) {
        if (!relsPath.endsWith('.rels')) continue
        const base = relsPath.replace(/(^|\/)_rels\/[^/]*\.rels$/, '$1')
        for (const [, target, external] of xml.matchAll(/Target="([^"]+)"( TargetMode="External")?/g)) {
          if (external) continue
          expect(paths, `${relsPath} → ${target}`).toContain(`${base}${target}`)
        }
      }
      // The footnote's hyperlink is a relationship of the footnotes part, the body's of the document part.
      expect(parts.xml.get('word/_rels/footnotes.xml.rels')).toContain('https://example.com/note')
      expect(parts.xml.get('word/_rels/document.xml.rels')).not.toContain('https://example.com/note')
      expect(
        paths.some((p) => p.endsWith('.odttf')),
        `embedFonts ${embedFonts}`,
      ).toBe(embedFonts)
    }
  })
})
