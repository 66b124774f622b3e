import type { Cable } from '@cablekit/core'
import { Document, SectionType } from 'docx'
import type { FileChild, ISectionOptions } from 'docx'
import type { FootnoteDefinition as MdFootnoteDefinition, RootContent } from 'mdast'
import { labelsFor } from '../themes/theme.js'
import type { ThemeData, ThemeName } from '../themes/theme.js'
import { THEMES, defaultThemeName } from '../themes/themes.js'
import { BODY, blocks } from './blocks.js'
import { cableClosing, cableHeader } from './cable-header.js'
import type { WriteContext } from './context.js'
import { documentDate } from './document-date.js'
import { embeddedFonts } from './embedded-fonts.js'
import { headersAndFooters } from './header-footer.js'
import { numberingConfig } from './numbering.js'
import { packDocx } from './pack-docx.js'
import { sanitizeXmlText } from './sanitize-xml.js'
import { STYLE, docxStyles } from './styles.js'
import { PAGE_SIZES, docxThemeExtras, twips } from './themes.js'
import { Paragraph } from 'docx'
import { textRuns } from './inline.js'

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

/**
 * Render a cable as a DOCX document that Word and LibreOffice open as an
 * editable facsimile: named styles, header and footer with the classification
 * and page fields, letterhead and distribution as borderless tables, real list
 * numbering, footnotes and hyperlinks, each attachment in a section of its own,
 * the theme's fonts embedded. Same cable and options → same bytes.
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

  const ctx: WriteContext = {
    cable,
    theme,
    extras,
    labels: labelsFor(theme, lang),
    french: theme.text.frenchSpacing && lang.toLowerCase().startsWith('fr'),
    textWidth,
    definitions,
    footnoteIds: new Map(),
    footnotes: {},
    listInstance: 0,
    usesRtl: false,
    usesItalic: false,
    writeNote: (definition) => blocks(ctx, definition.children, { ...BODY, style: STYLE.footnoteText }).filter((child): child is Paragraph => child instanceof Paragraph),
  }

  const page = {
    size: { width: size.width, height: size.height },
    margin: {
      top: twips(margins.top),
      right: twips(margins.right),
      bottom: twips(margins.bottom),
      left: twips(margins.left),
      header: Math.round(twips(margins.top) / 2),
      footer: Math.round(twips(margins.bottom) / 2),
    },
  }
  const main: FileChild[] = [...cableHeader(ctx), ...blocks(ctx, cable.body), ...cableClosing(ctx)]
  const { headers, footers } = headersAndFooters(ctx, extras.firstPageHeader)
  const sections: ISectionOptions[] = [{ properties: { page, titlePage: extras.firstPageHeader }, headers, footers, children: main }]
  for (const attachment of cable.attachments) {
    const title = [attachment.label, attachment.title].filter(Boolean).join(ctx.french ? ' : ' : ': ')
    sections.push({
      // Headers and footers carry over from the previous section, as Word does when a section has none of its own.
      properties: { page, type: SectionType.NEXT_PAGE, titlePage: false },
      headers: { default: headers.default },
      footers: { default: footers.default },
      children: [new Paragraph({ style: STYLE.attachmentTitle, children: textRuns(ctx, title) }), ...blocks(ctx, attachment.body)],
    })
  }
  // Footnotes cited nowhere are still text of the cable: write them at its end rather than lose them.
  for (const [key, definition] of definitions) {
    if (ctx.footnoteIds.has(key)) continue
    sections[sections.length - 1] = { ...sections[sections.length - 1]!, children: [...sections[sections.length - 1]!.children, new Paragraph({ style: STYLE.footnoteText, children: textRuns(ctx, `[${definition.label ?? definition.identifier}]`) }), ...ctx.writeNote(definition)] }
  }

  const epoch = options.sourceDateEpoch ?? envEpoch()
  const created = documentDate(cable.date, epoch)
  const modified = epoch !== undefined ? documentDate(undefined, epoch) : created
  const families = [theme.fonts.body, theme.fonts.heading, theme.fonts.stamp, ...(ctx.usesRtl ? [theme.fonts.rtl] : [])]
  const text = (value: string | undefined) => (value === undefined ? undefined : sanitizeXmlText(value))
  const keywords = [...(cable.tags ?? []), cable.classification?.label, cable.id].filter((k): k is string => Boolean(k)).join(', ')
  const document = new Document({
    title: text(cable.subject ?? cable.publication?.title ?? cable.id) ?? '',
    subject: text(cable.subject) ?? '',
    creator: text(options.creator ?? 'cablekit') ?? '',
    lastModifiedBy: text(options.creator ?? 'cablekit') ?? '',
    keywords: text(keywords) ?? '',
    description: text([cable.from, cable.place, cable.reference ? `N° ${cable.reference}` : undefined].filter(Boolean).join(' — ')) ?? '',
    revision: 1,
    styles: docxStyles(theme, lang),
    numbering: { config: numberingConfig() },
    footnotes: ctx.footnotes,
    features: { updateFields: false },
    ...(options.embedFonts === false ? {} : { fonts: embeddedFonts(families, { italic: ctx.usesItalic }) }),
    sections,
  })
  return packDocx(document, { created, modified, language: lang })
}
