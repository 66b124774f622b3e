import { estimatePageNumbersWith } from 'docx/layout'
import { AlignmentType, Bookmark, Document, PageBreak, PageReference, Paragraph, SectionType, StyleLevel, TableOfContents, TextRun } from 'docx'
import type { FileChild, ISectionOptions, IStylesOptions } from 'docx'
import type { FootnoteDefinition, RootContent } from 'mdast'
import type { Cable } from '@cablekit/core'
import { BODY, blocks } from '../docx/blocks.js'
import { cableClosing, cableHeader } from '../docx/cable-header.js'
import type { WriteContext } from '../docx/context.js'
import { embeddedFonts } from '../docx/embedded-fonts.js'
import { headersAndFooters } from '../docx/header-footer.js'
import { textRuns } from '../docx/inline.js'
import { numberingConfig } from '../docx/numbering.js'
import { packDocx } from '../docx/pack-docx.js'
import { sanitizeXmlText } from '../docx/sanitize-xml.js'
import { STYLE, docxStyles } from '../docx/styles.js'
import { PAGE_SIZES, docxThemeExtras, twips } from '../docx/themes.js'
import type { FontFamilyName } from '../fonts/font-files.js'
import { formatDate } from '../text/format-date.js'
import { labelsFor } from '../themes/theme.js'
import type { ThemeData } from '../themes/theme.js'
import { THEMES, defaultThemeName } from '../themes/themes.js'
import type { Dossier, DossierOptions } from './dossier.js'
import { indexSections } from './dossier-index.js'
import { dossierLabels } from './dossier-labels.js'
import { prepareDossier } from './prepare-dossier.js'
import { renumberBookmarks } from './renumber-bookmarks.js'

/** Paragraph styles of the dossier's own headings: the table of contents lists these, not the cables' inner headings. */
const CABLE_HEADING = 'DossierCable'
const ATTACHMENT_HEADING = 'DossierAttachment'
const DOSSIER_TITLE = 'DossierTitle'

/**
 * Render a dossier as one DOCX document: a cover, the introduction, a table
 * of contents field (Word fills in the page numbers when it updates fields,
 * as it offers to on opening), then one section per cable (starting on an
 * odd page when `duplex`) opened by a heading the contents list, each
 * attachment in a section of its own, and an index of tags, places and
 * senders whose page numbers are PAGEREF fields to each cable's bookmark.
 * Word styles are per document, so every cable uses the styles of one theme
 * (`options.theme`, else the first cable's family).
 *
 * @example await writeFile('book.docx', await toDossierDocx({ title: 'Maroc Leaks', cables }))
 */
export async function toDossierDocx(dossier: Dossier, options: DossierOptions = {}): Promise<Uint8Array> {
  const prepared = prepareDossier(dossier, options)
  const labels = dossierLabels(prepared.lang)
  const first = prepared.cables[0]?.cable
  const documentTheme = resolve(options.theme, first)
  const size = PAGE_SIZES[documentTheme.page.size]
  const margins = documentTheme.page.margins
  const page = {
    size: { width: size.width, height: size.height },
    margin: { top: twips(margins.top), right: twips(margins.right), bottom: twips(margins.bottom), left: twips(margins.left), header: Math.round(twips(margins.top) / 2), footer: Math.round(twips(margins.bottom) / 2) },
  }
  const definitions = new Map<string, FootnoteDefinition>()
  // One context for the whole book, its cable switched as each is written: footnote ids and list numbering then run on across cables.
  const ctx: WriteContext = {
    cable: { lang: prepared.lang, body: [], attachments: [] },
    theme: documentTheme,
    extras: docxThemeExtras(documentTheme.name),
    labels: labelsFor(documentTheme, prepared.lang),
    french: documentTheme.text.frenchSpacing && prepared.lang.startsWith('fr'),
    textWidth: size.width - twips(margins.left) - twips(margins.right),
    definitions,
    footnoteIds: new Map(),
    footnotes: {},
    listInstance: 0,
    usesRtl: false,
    usesItalic: false,
    writeNote: (definition) => blocks(ctx, definition.children, { ...BODY, style: STYLE.footnoteText }).filter((child): child is Paragraph => child instanceof Paragraph),
  }
  const text = (value: string) => textRuns(ctx, value)

  const front: FileChild[] = [
    new Paragraph({ style: DOSSIER_TITLE, alignment: AlignmentType.CENTER, spacing: { before: 3600 }, children: text(prepared.title) }),
    ...(prepared.subtitle ? [new Paragraph({ alignment: AlignmentType.CENTER, children: textRuns(ctx, prepared.subtitle, { italics: true }) })] : []),
    ...(prepared.editor ? [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 480 }, children: text(`${labels.editedBy} ${prepared.editor}`) })] : []),
    new Paragraph({ alignment: AlignmentType.CENTER, children: text([prepared.date ? formatDate(prepared.date, prepared.lang) : undefined, labels.cables(prepared.cables.length)].filter(Boolean).join(' — ')) }),
  ]
  if (prepared.introduction.length > 0) {
    front.push(new Paragraph({ children: [new PageBreak()] }), new Paragraph({ style: STYLE.heading1, children: text(labels.introduction) }), ...blocks(ctx, prepared.introduction))
  }
  front.push(
    new Paragraph({ children: [new PageBreak()] }),
    new Paragraph({ style: STYLE.heading1, children: text(labels.contents) }),
    new TableOfContents(labels.contents, { hyperlink: true, stylesWithLevels: [new StyleLevel(CABLE_HEADING, 1), new StyleLevel(ATTACHMENT_HEADING, 2)] }),
  )
  const sections: ISectionOptions[] = [{ properties: { page }, children: front }]

  const families = new Set<FontFamilyName>([documentTheme.fonts.body, documentTheme.fonts.heading, documentTheme.fonts.stamp])
  prepared.cables.forEach(({ cable: original }, index) => {
    const cable = prefixNotes(original, `c${index + 1}-`)
    collectDefinitions([...cable.body, ...cable.attachments.flatMap((a) => a.body)], definitions)
    const theme = resolve(prepared.cables[index]!.theme ?? options.theme, original)
    const lang = cable.lang ?? prepared.lang
    ctx.cable = cable
    ctx.extras = docxThemeExtras(theme.name)
    ctx.labels = labelsFor(theme, lang)
    ctx.french = theme.text.frenchSpacing && lang.toLowerCase().startsWith('fr')
    for (const family of [theme.fonts.body, theme.fonts.heading, theme.fonts.stamp]) families.add(family)
    const bookmark = `cable_${index + 1}`
    const heading = new Paragraph({ style: CABLE_HEADING, children: [new Bookmark({ id: bookmark, children: text(headingOf(cable, prepared.lang)) })] })
    const { headers, footers } = headersAndFooters(ctx, false)
    const type = options.duplex ? SectionType.ODD_PAGE : SectionType.NEXT_PAGE
    sections.push({ properties: { page, type, titlePage: false }, headers, footers, children: [heading, ...cableHeader(ctx), ...blocks(ctx, cable.body), ...cableClosing(ctx)] })
    for (const attachment of cable.attachments) {
      const title = [attachment.label, attachment.title].filter(Boolean).join(ctx.french ? ' : ' : ': ')
      sections.push({ properties: { page, type: SectionType.NEXT_PAGE }, headers, footers, children: [new Paragraph({ style: ATTACHMENT_HEADING, children: text(title) }), ...blocks(ctx, attachment.body)] })
    }
  })

  if (options.index !== false) {
    const sectionsOfIndex = indexSections(prepared.cables.map((c) => c.cable), prepared.cables.map((_, index) => `cable_${index + 1}`), labels)
    if (sectionsOfIndex.length > 0) {
      const children: FileChild[] = [new Paragraph({ style: STYLE.heading1, children: text(labels.index) })]
      for (const section of sectionsOfIndex) {
        children.push(new Paragraph({ style: STYLE.heading2, children: text(section.heading) }))
        for (const term of section.terms) {
          const refs = term.pages.flatMap((bookmark, i) => [...(i > 0 ? [new TextRun({ text: ', ' })] : []), new PageReference(bookmark, { hyperlink: true })])
          children.push(new Paragraph({ children: [...text(`${term.term} — `), ...refs] }))
        }
      }
      sections.push({ properties: { page, type: options.duplex ? SectionType.ODD_PAGE : SectionType.NEXT_PAGE }, children })
    }
  }

  const base = docxStyles(documentTheme, prepared.lang)
  const styles: IStylesOptions = {
    ...base,
    paragraphStyles: [
      ...(base.paragraphStyles ?? []),
      { id: DOSSIER_TITLE, name: 'Dossier Title', basedOn: 'Normal', run: { size: 52, bold: true }, paragraph: { spacing: { after: 240 } } },
      { id: CABLE_HEADING, name: 'Dossier Cable', basedOn: 'Normal', next: 'Normal', run: { size: 28, bold: true }, paragraph: { outlineLevel: 0, spacing: { after: 240 }, keepNext: true } },
      { id: ATTACHMENT_HEADING, name: 'Dossier Attachment', basedOn: 'Normal', next: 'Normal', run: { size: 24, bold: true }, paragraph: { outlineLevel: 1, spacing: { after: 200 }, keepNext: true } },
    ],
  }
  const clean = (value: string | undefined) => (value === undefined ? '' : sanitizeXmlText(value))
  const document = new Document({
    title: clean(prepared.title),
    subject: clean(prepared.subtitle),
    creator: clean(prepared.editor ?? 'cablekit'),
    lastModifiedBy: 'cablekit',
    description: '',
    revision: 1,
    styles,
    numbering: { config: numberingConfig() },
    footnotes: ctx.footnotes,
    // Page numbers of the contents and PAGEREF fields are estimated by laying the pages out as Word would, and Word
    // corrects them when it updates fields, as it offers to on opening.
    pageNumbers: estimatePageNumbersWith({ guess: true }),
    features: { updateFields: true },
    fonts: embeddedFonts([...families, ...(ctx.usesRtl ? [documentTheme.fonts.rtl] : [])], { italic: ctx.usesItalic }),
    sections,
  })
  return renumberBookmarks(packDocx(document, { created: prepared.creationDate, modified: prepared.creationDate, language: prepared.lang }), prepared.creationDate)
}

function resolve(theme: DossierOptions['theme'], cable: Cable | undefined): ThemeData {
  if (theme && typeof theme === 'object') return theme
  if (typeof theme === 'string' && THEMES[theme]) return THEMES[theme]
  return THEMES[cable ? defaultThemeName(cable) : 'sobre']
}

function headingOf(cable: Cable, lang: string): string {
  const reference = cable.reference ? `N° ${cable.reference}` : cable.id
  return [cable.date ? formatDate(cable.date, lang) : undefined, reference, cable.subject ?? cable.publication?.title].filter(Boolean).join(' — ') || '—'
}

/** Footnote identifiers made unique across the book: `[^1]` of every cable would otherwise be one note. */
function prefixNotes(cable: Cable, prefix: string): Cable {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk)
    if (!node || typeof node !== 'object') return node
    const record = node as Record<string, unknown>
    const out: Record<string, unknown> = { ...record }
    if ((record['type'] === 'footnoteReference' || record['type'] === 'footnoteDefinition') && typeof record['identifier'] === 'string') {
      out['identifier'] = `${prefix}${record['identifier']}`
    }
    if (Array.isArray(record['children'])) out['children'] = record['children'].map(walk)
    return out
  }
  return { ...cable, body: walk(cable.body) as Cable['body'], attachments: cable.attachments.map((a) => ({ ...a, body: walk(a.body) as Cable['body'] })) }
}

function collectDefinitions(nodes: readonly RootContent[], into: Map<string, FootnoteDefinition>): void {
  const stack: unknown[] = [...nodes]
  while (stack.length > 0) {
    const node = stack.pop() as { type?: string; identifier?: string; children?: unknown[] } | undefined
    if (!node || typeof node !== 'object') continue
    if (node.type === 'footnoteDefinition' && typeof node.identifier === 'string') {
      const key = node.identifier.toLowerCase()
      if (!into.has(key)) into.set(key, node as FootnoteDefinition)
    }
    if (Array.isArray(node.children)) stack.push(...node.children)
  }
}
