import type { Cable } from '@cablekit/core'
import type { FootnoteDefinition as MdFootnoteDefinition, RootContent } from 'mdast'
import { labelsFor } from '../themes/theme.js'
import type { ThemeData, ThemeName } from '../themes/theme.js'
import { THEMES, defaultThemeName } from '../themes/themes.js'
import { BODY_XML, blocksXml } from './blocks-xml.js'
import { cableClosingXml, cableHeaderXml } from './cable-header-xml.js'
import { contentTypesXml } from './content-types.js'
import { corePropertiesXml } from './core-properties.js'
import { writeZip } from './deterministic-zip.js'
import type { ZipEntry } from './deterministic-zip.js'
import { documentDate } from './document-date.js'
import { headerFooterXml } from './header-footer-xml.js'
import { textRunsXml } from './inline-xml.js'
import { ListNumbering } from './list-numbering.js'
import { REL, Relationships } from './relationships.js'
import { sharedParts } from './shared-parts.js'
import { STYLE } from './styles.js'
import { PAGE_SIZES, docxThemeExtras, twips } from './themes.js'
import { WML_ROOT_ATTRIBUTES, XML_DECLARATION } from './wml-namespaces.js'
import { paragraphXml, withSectionProperties } from './wml-paragraph.js'
import { sectionPropertiesXml } from './wml-section.js'
import type { PageSetup, SectionSpec } from './wml-section.js'
import type { XmlContext } from './xml-context.js'

/** Options of {@link toDocx}. */
export interface DocxOptions {
  /** Theme name or data; defaults to the cable's family (`defaultThemeName`). */
  theme?: ThemeName | ThemeData
  /** Embed the theme's fonts so the facsimile looks the same where they are not installed (default `true`). */
  embedFonts?: boolean
  /**
   * Seconds since 1970 for the document's dates when the cable has none, and
   * for its last-modified date; defaults to the `SOURCE_DATE_EPOCH`
   * environment variable. The clock is never read.
   */
  sourceDateEpoch?: number
  /** Creator written into the document properties (default `cablekit`). */
  creator?: string
}

type NoteDefinitions = Map<string, MdFootnoteDefinition>

function collectDefinitions(nodes: readonly RootContent[], into: NoteDefinitions): void {
  const stack: unknown[] = [...nodes]
  while (stack.length > 0) {
    const node = stack.pop() as { type?: string; identifier?: string; children?: unknown[] } | undefined
    if (!node || typeof node !== 'object') continue
    if (node.type === 'footnoteDefinition' && typeof node.identifier === 'string') {
      const key = node.identifier.toLowerCase()
      if (!into.has(key)) into.set(key, node as MdFootnoteDefinition)
    }
    if (Array.isArray(node.children)) stack.push(...node.children)
  }
}

function envEpoch(): number | undefined {
  const raw = process.env['SOURCE_DATE_EPOCH']
  if (raw === undefined || !/^\d+$/.test(raw.trim())) return undefined
  return Number(raw)
}

const FOOTNOTE_SEPARATORS =
  '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>' +
  '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'

// A section ends with its last paragraph carrying the section properties; after a table (or nothing), an empty paragraph does.
function closeSection(blocks: string[], section: string): void {
  const last = blocks.length > 0 ? withSectionProperties(blocks[blocks.length - 1]!, section) : undefined
  if (last !== undefined) blocks[blocks.length - 1] = last
  else blocks.push(paragraphXml({ section }))
}

/**
 * Render a cable as a DOCX document that Word and LibreOffice open as an
 * editable facsimile: named styles, header and footer with the classification
 * and page fields, letterhead and distribution as borderless tables, real list
 * numbering, footnotes and hyperlinks, each attachment in a section of its own,
 * the theme's fonts embedded. Same cable and options → same bytes.
 *
 * The body, header, footer, footnote and numbering parts are written straight
 * from the model as WordprocessingML; the parts that depend only on the theme
 * (styles, settings, fonts…) are built with the docx package once per process
 * and reused already compressed.
 *
 * @param cable A cable of the model (`@cablekit/core`); its text is treated as untrusted.
 * @param options Theme, font embedding and dates.
 * @returns The bytes of the `.docx` file.
 * @example
 * const { cables } = fromMarkdown(source, { path: 'cable.md' })
 * await writeFile('cable.docx', await toDocx(cables[0]!))
 */
export async function toDocx(cable: Cable, options: DocxOptions = {}): Promise<Uint8Array> {
  const theme = typeof options.theme === 'object' ? options.theme : THEMES[options.theme ?? defaultThemeName(cable)] ?? THEMES[defaultThemeName(cable)]
  const extras = docxThemeExtras(theme.name)
  const lang = cable.lang ?? (extras.layout === 'telegramme' ? 'en' : 'fr')
  const size = PAGE_SIZES[theme.page.size]
  const margins = theme.page.margins
  const textWidth = size.width - twips(margins.left) - twips(margins.right)

  const definitions: NoteDefinitions = new Map()
  collectDefinitions(cable.body, definitions)
  for (const attachment of cable.attachments) collectDefinitions(attachment.body, definitions)

  // Relationship ids in a fixed order: the parts every document has, then headers and footers, then hyperlinks as met.
  const links = new Relationships()
  for (const [type, target] of [
    [REL.styles, 'styles.xml'],
    [REL.numbering, 'numbering.xml'],
    [REL.footnotes, 'footnotes.xml'],
    [REL.endnotes, 'endnotes.xml'],
    [REL.settings, 'settings.xml'],
    [REL.theme, 'theme/theme1.xml'],
    [REL.fontTable, 'fontTable.xml'],
  ] as const) {
    links.add(type, target)
  }

  const ctx: XmlContext = {
    cable,
    theme,
    extras,
    labels: labelsFor(theme, lang),
    french: theme.text.frenchSpacing && lang.toLowerCase().startsWith('fr'),
    textWidth,
    definitions,
    footnoteIds: new Map(),
    footnotes: [],
    footnoteLinks: new Relationships(),
    links,
    numbering: new ListNumbering(),
    usesRtl: false,
    usesItalic: false,
    writeNote: (definition) => {
      const outer = ctx.links
      ctx.links = ctx.footnoteLinks
      try {
        return blocksXml(ctx, definition.children, { ...BODY_XML, style: STYLE.footnoteText })
      } finally {
        ctx.links = outer
      }
    },
  }

  const page: PageSetup = {
    width: size.width,
    height: size.height,
    margin: {
      top: twips(margins.top),
      right: twips(margins.right),
      bottom: twips(margins.bottom),
      left: twips(margins.left),
      header: Math.round(twips(margins.top) / 2),
      footer: Math.round(twips(margins.bottom) / 2),
    },
  }
  const running = headerFooterXml(ctx)
  const header = links.add(REL.header, 'header1.xml')
  const firstHeader = running.firstHeader !== undefined ? links.add(REL.header, 'header2.xml') : undefined
  const footer = links.add(REL.footer, 'footer1.xml')

  const sections: { blocks: string[]; spec: SectionSpec }[] = [
    {
      blocks: [...cableHeaderXml(ctx), ...blocksXml(ctx, cable.body), ...cableClosingXml(ctx)],
      spec: firstHeader
        ? { page, headers: { default: header, first: firstHeader }, footers: { default: footer, first: footer }, titlePage: true }
        : { page, headers: { default: header }, footers: { default: footer }, titlePage: false },
    },
  ]
  for (const attachment of cable.attachments) {
    const title = [attachment.label, attachment.title].filter(Boolean).join(ctx.french ? ' : ' : ': ')
    sections.push({
      blocks: blocksXml(ctx, attachment.body, BODY_XML, [paragraphXml({ style: STYLE.attachmentTitle }, textRunsXml(ctx, title))]),
      // The running header and footer carry on; the letterhead's first-page header does not.
      spec: { page, nextPage: true, headers: { default: header }, footers: { default: footer }, titlePage: false },
    })
  }
  // Footnotes cited nowhere are still text of the cable: write them at its end rather than lose them.
  const last = sections[sections.length - 1]!
  for (const [key, definition] of definitions) {
    if (ctx.footnoteIds.has(key)) continue
    last.blocks.push(paragraphXml({ style: STYLE.footnoteText }, textRunsXml(ctx, `[${definition.label ?? definition.identifier}]`)), ...ctx.writeNote(definition))
  }
  let body = ''
  sections.forEach((section, index) => {
    const properties = sectionPropertiesXml(section.spec)
    if (index < sections.length - 1) closeSection(section.blocks, properties)
    body += section.blocks.join('')
    if (index === sections.length - 1) body += properties
  })

  const epoch = options.sourceDateEpoch ?? envEpoch()
  const created = documentDate(cable.date, epoch)
  const modified = epoch !== undefined ? documentDate(undefined, epoch) : created
  const creator = options.creator ?? 'cablekit'
  const keywords = [...(cable.tags ?? []), cable.classification?.label, cable.id].filter((k): k is string => Boolean(k)).join(', ')
  const core = corePropertiesXml({
    title: cable.subject ?? cable.publication?.title ?? cable.id ?? '',
    subject: cable.subject ?? '',
    creator,
    keywords,
    description: [cable.from, cable.place, cable.reference ? `N° ${cable.reference}` : undefined].filter(Boolean).join(' — '),
    language: lang,
    created,
    modified,
  })

  const fonts = options.embedFonts === false ? undefined : { families: [theme.fonts.body, theme.fonts.heading, theme.fonts.stamp, ...(ctx.usesRtl ? [theme.fonts.rtl] : [])], italic: ctx.usesItalic }
  const shared = sharedParts(theme, lang, fonts)
  const own: [string, string][] = [
    ['docProps/core.xml', core],
    ['word/document.xml', `${XML_DECLARATION}<w:document ${WML_ROOT_ATTRIBUTES}><w:body>${body}</w:body></w:document>`],
    ['word/_rels/document.xml.rels', links.xml()],
    ['word/header1.xml', running.header],
    ...(running.firstHeader !== undefined ? [['word/header2.xml', running.firstHeader] as [string, string]] : []),
    ['word/footer1.xml', running.footer],
    ['word/footnotes.xml', `${XML_DECLARATION}<w:footnotes ${WML_ROOT_ATTRIBUTES}>${FOOTNOTE_SEPARATORS}${ctx.footnotes.join('')}</w:footnotes>`],
    ['word/_rels/footnotes.xml.rels', ctx.footnoteLinks.xml()],
    ['word/numbering.xml', ctx.numbering.xml()],
  ]
  const entries: ZipEntry[] = own.map(([path, xml]) => ({ path, data: Buffer.from(xml, 'utf8') }))
  entries.push(...shared.entries)
  // [Content_Types].xml first, as Office writes it.
  entries.unshift({ path: '[Content_Types].xml', data: Buffer.from(contentTypesXml(entries.map((entry) => entry.path)), 'utf8') })
  return writeZip(entries, modified)
}
