import { contentTypesXml } from './content-types.js'
import type { ZipEntry } from './deterministic-zip.js'
import { REL, Relationships } from './relationships.js'
import type { SharedParts } from './shared-parts.js'
import { WML_ROOT_ATTRIBUTES, XML_DECLARATION } from './wml-namespaces.js'
import { paragraphXml, withSectionProperties } from './wml-paragraph.js'
import { sectionPropertiesXml } from './wml-section.js'
import type { SectionSpec } from './wml-section.js'
import type { XmlContext } from './xml-context.js'

/** A section of a document: its blocks (one string per paragraph or table) and its properties. */
export interface DocxSection {
  blocks: string[]
  spec: SectionSpec
}

/** What a document holds beyond its relationships, headers and footers. */
export interface DocxContent {
  /** The content of `w:body`, from {@link documentBodyXml}. */
  body: string
  /** `docProps/core.xml`. */
  core: string
  /** The context the body was written with: its footnotes, their relationships and the list numbering. */
  ctx: Pick<XmlContext, 'footnotes' | 'footnoteLinks' | 'numbering'>
  /** The parts that depend only on theme, language and fonts. */
  shared: SharedParts
}

const FOOTNOTE_SEPARATORS =
  '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>' +
  '<w:r><w:separator/></w:r></w:p></w:footnote>' +
  '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>' +
  '<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'

/**
 * The parts of one document as they are written: the document's
 * relationships (ids in order of writing: the parts every document has, then
 * headers and footers, then hyperlinks as met) and its header and footer
 * parts, numbered in order. {@link entries} then gives every part, ready to zip.
 */
export class DocxPackage {
  /** The relationships of `word/document.xml`; hyperlinks of the body are added here as they are written. */
  readonly links = new Relationships()
  private readonly headersAndFooters: [string, string][] = []
  private headers = 0
  private footers = 0

  constructor() {
    for (const [type, target] of [
      [REL.styles, 'styles.xml'],
      [REL.numbering, 'numbering.xml'],
      [REL.footnotes, 'footnotes.xml'],
      [REL.endnotes, 'endnotes.xml'],
      [REL.settings, 'settings.xml'],
      [REL.theme, 'theme/theme1.xml'],
      [REL.fontTable, 'fontTable.xml'],
    ] as const) {
      this.links.add(type, target)
    }
  }

  /** Add a header part (`w:hdr` XML) and return the relationship id a section refers to it by. */
  header(xml: string): string {
    const path = `header${++this.headers}.xml`
    this.headersAndFooters.push([`word/${path}`, xml])
    return this.links.add(REL.header, path)
  }

  /** Add a footer part (`w:ftr` XML) and return its relationship id. */
  footer(xml: string): string {
    const path = `footer${++this.footers}.xml`
    this.headersAndFooters.push([`word/${path}`, xml])
    return this.links.add(REL.footer, path)
  }

  /** Every part of the package, `[Content_Types].xml` first as Office writes it, the shared parts already deflated. */
  entries(content: DocxContent): ZipEntry[] {
    const { ctx } = content
    const own: [string, string][] = [
      ['docProps/core.xml', content.core],
      ['word/document.xml', `${XML_DECLARATION}<w:document ${WML_ROOT_ATTRIBUTES}><w:body>${content.body}</w:body></w:document>`],
      ['word/_rels/document.xml.rels', this.links.xml()],
      ...this.headersAndFooters,
      ['word/footnotes.xml', `${XML_DECLARATION}<w:footnotes ${WML_ROOT_ATTRIBUTES}>${FOOTNOTE_SEPARATORS}${ctx.footnotes.join('')}</w:footnotes>`],
      ['word/_rels/footnotes.xml.rels', ctx.footnoteLinks.xml()],
      ['word/numbering.xml', ctx.numbering.xml()],
    ]
    const entries: ZipEntry[] = own.map(([path, xml]) => ({ path, data: Buffer.from(xml, 'utf8') }))
    entries.push(...content.shared.entries)
    entries.unshift({ path: '[Content_Types].xml', data: Buffer.from(contentTypesXml(entries.map((entry) => entry.path)), 'utf8') })
    return entries
  }
}

/**
 * The content of `w:body` for `sections`: each section but the last ends
 * with its last paragraph carrying the section properties, as Word writes it
 * (an empty paragraph does after a table, or when the section has no blocks);
 * the last section's properties close the body.
 */
export function documentBodyXml(sections: readonly DocxSection[]): string {
  let body = ''
  sections.forEach((section, index) => {
    const properties = sectionPropertiesXml(section.spec)
    const blocks = section.blocks
    if (index === sections.length - 1) {
      body += blocks.join('') + properties
      return
    }
    const last = blocks.length > 0 ? withSectionProperties(blocks[blocks.length - 1]!, properties) : undefined
    body += last !== undefined ? blocks.slice(0, -1).join('') + last : blocks.join('') + paragraphXml({ section: properties })
  })
  return body
}
