import type { Cable } from '@cablekit/core'
import { blocksXml } from '../docx/blocks-xml.js'
import { cableSectionsXml } from '../docx/cable-sections-xml.js'
import { corePropertiesXml } from '../docx/core-properties.js'
import { writeZip } from '../docx/deterministic-zip.js'
import { DocxPackage, documentBodyXml } from '../docx/docx-package.js'
import type { DocxSection } from '../docx/docx-package.js'
import { estimateBookmarkPages } from '../docx/estimate-bookmark-pages.js'
import { textRunsXml } from '../docx/inline-xml.js'
import { sharedParts } from '../docx/shared-parts.js'
import { embedFontSubsets } from '../docx/embed-font-subsets.js'
import type { FontSelection, SharedAdditions } from '../docx/shared-parts.js'
import type { ZipEntry } from '../docx/deterministic-zip.js'
import { prefixedStyles, prefixStyleIds, stylePrefix } from '../docx/prefixed-styles.js'
import type { PrefixedStyles } from '../docx/prefixed-styles.js'
import { STYLE } from '../docx/styles.js'
import { docxThemeExtras } from '../docx/docx-theme-extras.js'
import { WML_ROOT_ATTRIBUTES, XML_DECLARATION } from '../docx/wml-namespaces.js'
import { paragraphXml } from '../docx/wml-paragraph.js'
import { bookmarkXml, fieldXml, runXml } from '../docx/wml-run.js'
import { pageSetup, textWidthOf } from '../docx/wml-section.js'
import { createXmlContext } from '../docx/create-xml-context.js'
import type { XmlContext } from '../docx/xml-context.js'
import type { FontFamilyName } from '../fonts/font-files.js'
import { formatDate } from '../text/format-date.js'
import { labelsFor } from '../themes/theme.js'
import type { ThemeData } from '../themes/theme.js'
import { resolveTheme } from '../themes/resolve-theme.js'
import type { Dossier, DossierOptions } from './dossier.js'
import { dossierContentsXml, fillPageNumbers, pageNumberLinkXml } from './dossier-docx-contents.js'
import type { ContentsEntry } from './dossier-docx-contents.js'
import { DOSSIER_DOCX_ADDITIONS, DOSSIER_STYLE } from './dossier-docx-styles.js'
import { indexSections } from './dossier-index.js'
import type { DossierLabels } from './dossier-labels.js'
import { dossierLabels } from './dossier-labels.js'
import { prepareDossier } from './prepare-dossier.js'
import { assertValidDossier } from '../validate/assert-valid-dossier.js'
import type { PreparedDossier } from './prepare-dossier.js'

/**
 * Render a dossier as one DOCX document: a cover, the introduction, a table
 * of contents field, then one section per cable (starting on an odd page
 * when `duplex`) opened by a bookmarked heading the contents list, each
 * attachment in a section of its own, and an index of tags, places and
 * senders whose page numbers are `PAGEREF` fields to each cable's bookmark.
 * Each cable is written by the same functions as {@link toDocx}, in its own
 * theme: its theme's style set (the first theme's under the plain ids, every
 * other theme's under ids prefixed with its name, `TdCableBody`), its page size
 * and margins, and its own folio, counted within the cable (page numbers
 * restart at its first page; the total is a `PAGEREF` to a bookmark on its
 * last). The page numbers of the contents and the index are estimated by
 * laying the pages out as Word does (`docx/layout`) and written as the
 * fields' results, so readers that do not update fields show them; Word
 * offers to update them on opening.
 *
 * @example await writeFile('book.docx', await toDossierDocx({ title: 'Maroc Leaks', cables }))
 */
export async function toDossierDocx(dossier: Dossier, options: DossierOptions = {}): Promise<Uint8Array> {
  assertValidDossier(dossier, options)
  const prepared = prepareDossier(dossier, options)
  const labels = dossierLabels(prepared.lang)
  const documentTheme = resolve(options.theme, prepared.cables[0]?.cable)
  const page = pageSetup(documentTheme)
  const styleSets = new ThemeStyleSets(documentTheme, prepared.lang)
  const pkg = new DocxPackage()
  // One context for the whole book, its cable switched as each is written: footnote ids and list numbering run on across cables.
  const ctx = createXmlContext({
    cable: { lang: prepared.lang, body: [], attachments: [] },
    theme: documentTheme,
    extras: docxThemeExtras(documentTheme),
    labels: labelsFor(documentTheme, prepared.lang),
    french: documentTheme.text.frenchSpacing && isFrench(prepared.lang),
    textWidth: textWidthOf(page),
    links: pkg.links,
  })
  const chrome = dossierChrome(pkg)
  const duplex = options.duplex ? 'oddPage' : 'nextPage'

  const front = frontMatter(ctx, prepared, labels)
  const contents: ContentsEntry[] = []
  const sections: DocxSection[] = [{ blocks: front, spec: { page, headers: chrome.headers, footers: chrome.footers, titlePage: true } }]
  const families = new Set<FontFamilyName>([documentTheme.fonts.body, documentTheme.fonts.heading, documentTheme.fonts.stamp])
  let bookmarkId = 0
  const heading = (style: string, bookmark: string, level: 1 | 2, text: string) => {
    const runs = textRunsXml(ctx, text)
    contents.push({ bookmark, level, runs })
    return paragraphXml({ style }, bookmarkXml(++bookmarkId, bookmark, runs))
  }
  const documentWidth = ctx.textWidth
  prepared.cables.forEach(({ cable: original, theme: own }, index) => {
    const cable = prefixNotes(original, `c${index + 1}-`)
    const theme = resolve(own ?? options.theme, original)
    const lang = cable.lang ?? prepared.lang
    const cablePage = pageSetup(theme)
    const bookmark = cableBookmark(index)
    ctx.cable = cable
    ctx.cableTheme = theme
    ctx.extras = docxThemeExtras(theme)
    ctx.labels = labelsFor(theme, lang)
    ctx.french = theme.text.frenchSpacing && isFrench(lang)
    ctx.textWidth = textWidthOf(cablePage)
    ctx.pageTotalXml = pageCountXml(bookmark)
    for (const family of [theme.fonts.body, theme.fonts.heading, theme.fonts.stamp]) families.add(family)
    sections.push(
      ...cableSectionsXml(ctx, pkg, cablePage, {
        start: duplex,
        lead: [heading(DOSSIER_STYLE.cable, bookmark, 1, headingOf(cable, prepared.lang))],
        attachmentTitle: (title, number) => heading(DOSSIER_STYLE.attachment, `${bookmark}_${number + 1}`, 2, title),
        restartNumbering: true,
        endBookmark: { id: () => ++bookmarkId, name: endBookmark(bookmark) },
        transform: styleSets.transformFor(theme),
      }),
    )
    options.onProgress?.(index + 1, prepared.cables.length)
  })
  ctx.textWidth = documentWidth
  delete ctx.pageTotalXml
  front.push(dossierContentsXml(contents, ctx.textWidth))

  if (options.index !== false) {
    const index = indexXml(ctx, prepared, labels, ++bookmarkId)
    if (index.length > 0)
      sections.push({
        blocks: index,
        spec: { page, start: duplex, headers: { default: chrome.headers.default }, footers: { default: chrome.footers.default }, titlePage: false },
      })
  }

  const draft = documentBodyXml(sections)
  const core = corePropertiesXml({
    title: prepared.title,
    subject: prepared.subtitle ?? '',
    creator: prepared.editor ?? 'cablekit',
    lastModifiedBy: 'cablekit',
    keywords: '',
    description: '',
    language: prepared.lang,
    created: prepared.creationDate,
    modified: prepared.creationDate,
  })
  // Subsets of the characters the book draws, as for one cable: a book of a hundred cables is not a hundred times a font.
  const fonts: FontSelection = { families: [...families, ...(ctx.usesRtl ? [documentTheme.fonts.rtl] : [])], italic: ctx.usesItalic, subset: true }
  // The page estimate measures with the fonts either way; `embedFonts: false` only leaves them out of the file.
  const shared = await sharedParts(documentTheme, prepared.lang, options.embedFonts === false ? undefined : fonts, styleSets.additions(DOSSIER_DOCX_ADDITIONS))
  // Lay the book out once with the page references blank and the pages numbered through (so every bookmark's page is its
  // sheet in the book), then write the sheets into the contents and index, and each cable's page count into its folio.
  // A cable's pages are numbered from 1, an odd number, so its odd-page break adds no blank page in Word or LibreOffice:
  // the estimate breaks to the next page alike.
  const continuous = draft.replaceAll(RESTART, '<w:pgNumType/>').replaceAll('<w:type w:val="oddPage"/>', '<w:type w:val="nextPage"/>')
  const sheets = await estimateBookmarkPages(fillParts(pkg.entries({ body: fillPageNumbers(continuous, new Map()), core, ctx, shared }), new Map()), fonts)
  const pages = new Map(sheets)
  // The index goes on with the book's numbering, not with its last cable's.
  const indexSheet = Number(sheets.get(INDEX_BOOKMARK))
  const body = Number.isInteger(indexSheet) ? restartLastSection(draft, indexSheet) : draft
  prepared.cables.forEach((_, index) => {
    const bookmark = cableBookmark(index)
    const first = Number(sheets.get(bookmark))
    const last = Number(sheets.get(endBookmark(bookmark)))
    if (Number.isInteger(first) && Number.isInteger(last) && last >= first) pages.set(countKey(bookmark), String(last - first + 1))
  })
  return writeZip(
    await embedFontSubsets(fillParts(pkg.entries({ body: fillPageNumbers(body, pages), core, ctx, shared }), pages), shared),
    prepared.creationDate,
  )
}

const RESTART = '<w:pgNumType w:start="1"/>'
const INDEX_BOOKMARK = 'dossier_index'

/** `body` with its last section (the index) numbered from `page`. */
function restartLastSection(body: string, page: number): string {
  const at = body.lastIndexOf('<w:pgNumType/>')
  return at < 0 ? body : `${body.slice(0, at)}<w:pgNumType w:start="${page}"/>${body.slice(at + '<w:pgNumType/>'.length)}`
}
const HEADER_OR_FOOTER = /^word\/(?:header|footer)\d+\.xml$/

function endBookmark(bookmark: string): string {
  return `${bookmark}_end`
}

/** The key under which a cable's page count is filled in; not a bookmark name (those never hold `#`). */
function countKey(bookmark: string): string {
  return `${bookmark}#pages`
}

/**
 * The folio's total for the cable of `bookmark`: a `PAGEREF` to the bookmark
 * on its last page, which, page numbers restarting at the cable's first,
 * is its number of pages; the count estimated is its cached result.
 */
function pageCountXml(bookmark: string): string {
  return fieldXml(`PAGEREF ${endBookmark(bookmark)}`, `\u0000${countKey(bookmark)}\u0000`)
}

/** The package's entries with the page marks of its header and footer parts filled in. */
function fillParts(entries: ZipEntry[], pages: ReadonlyMap<string, string>): ZipEntry[] {
  return entries.map((entry) =>
    HEADER_OR_FOOTER.test(entry.path) && entry.data
      ? { path: entry.path, data: Buffer.from(fillPageNumbers(Buffer.from(entry.data).toString('utf8'), pages), 'utf8') }
      : entry,
  )
}

/**
 * The style sets of a dossier's themes: the document theme's under the plain
 * ids, each other theme's copied under ids prefixed with its name, and the
 * function that points a cable's XML at its theme's set.
 */
class ThemeStyleSets {
  // By name: a theme object resolved again for each cable is the same theme.
  private readonly sets = new Map<string, { prefix: string; styles: PrefixedStyles }>()
  private readonly prefixes = new Set<string>()

  constructor(
    private readonly documentTheme: ThemeData,
    private readonly lang: string,
  ) {}

  /** What `theme`'s cable XML goes through: nothing for the document theme, else its style ids prefixed. */
  transformFor(theme: ThemeData): ((xml: string) => string) | undefined {
    if (theme.name === this.documentTheme.name) return undefined
    let set = this.sets.get(theme.name)
    if (!set) {
      const base = stylePrefix(theme.name)
      let prefix = base
      for (let n = 2; this.prefixes.has(prefix); n++) prefix = `${base}${n}`
      this.prefixes.add(prefix)
      set = { prefix, styles: prefixedStyles(theme, this.lang, prefix) }
      this.sets.set(theme.name, set)
    }
    const { prefix, styles } = set
    return (xml) => prefixStyleIds(xml, prefix, styles.ids)
  }

  /** `base` with every prefixed set added, keyed by the sets so the shared parts are cached per combination of themes. */
  additions(base: SharedAdditions): SharedAdditions {
    if (this.sets.size === 0) return base
    const sets = [...this.sets.values()]
    return {
      ...base,
      key: `${base.key}:${sets.map((set) => set.prefix).join(',')}`,
      paragraphStyles: [...base.paragraphStyles, ...sets.flatMap((set) => set.styles.paragraphStyles)],
      characterStyles: [...(base.characterStyles ?? []), ...sets.flatMap((set) => set.styles.characterStyles)],
    }
  }
}

function isFrench(lang: string): boolean {
  return lang.toLowerCase().startsWith('fr')
}

function cableBookmark(index: number): string {
  return `cable_${index + 1}`
}

function resolve(theme: DossierOptions['theme'], cable: Cable | undefined): ThemeData {
  return resolveTheme(cable ?? { body: [], attachments: [] }, theme ?? (cable ? undefined : 'sobre'))
}

function headingOf(cable: Cable, lang: string): string {
  const reference = cable.reference ? `N° ${cable.reference}` : cable.id
  return [cable.date ? formatDate(cable.date, lang) : undefined, reference, cable.subject ?? cable.publication?.title].filter(Boolean).join(' — ') || '—'
}

/**
 * The header and footer of the dossier's own pages: no classification (each
 * cable's sections carry their own), the page number centred, and nothing on
 * the cover.
 */
function dossierChrome(pkg: DocxPackage): { headers: { default: string; first: string }; footers: { default: string; first: string } } {
  const part = (root: 'hdr' | 'ftr', content: string) => `${XML_DECLARATION}<w:${root} ${WML_ROOT_ATTRIBUTES}>${content}</w:${root}>`
  const header = pkg.header(part('hdr', paragraphXml({ style: STYLE.header })))
  const footer = pkg.footer(part('ftr', paragraphXml({ style: STYLE.footer, alignment: 'center' }, fieldXml('PAGE'))))
  const blank = pkg.footer(part('ftr', paragraphXml({ style: STYLE.footer })))
  return { headers: { default: header, first: header }, footers: { default: footer, first: blank } }
}

/** Cover, then the introduction and the contents heading, each from a new page; the contents field is added once the headings are written. */
function frontMatter(ctx: XmlContext, prepared: PreparedDossier, labels: DossierLabels): string[] {
  const text = (value: string) => textRunsXml(ctx, value)
  const front = [
    paragraphXml({ style: DOSSIER_STYLE.title, alignment: 'center', spacing: { before: 3600 } }, text(prepared.title)),
    ...(prepared.subtitle ? [paragraphXml({ alignment: 'center' }, textRunsXml(ctx, prepared.subtitle, { italics: true }))] : []),
    ...(prepared.editor ? [paragraphXml({ alignment: 'center', spacing: { before: 480 } }, text(`${labels.editedBy} ${prepared.editor}`))] : []),
    paragraphXml(
      { alignment: 'center' },
      text([prepared.date ? formatDate(prepared.date, prepared.lang) : undefined, labels.cables(prepared.cables.length)].filter(Boolean).join(' — ')),
    ),
  ]
  if (prepared.introduction.length > 0) {
    front.push(paragraphXml({ style: STYLE.heading1, pageBreakBefore: true }, text(labels.introduction)))
    blocksXml(ctx, prepared.introduction, undefined, front)
  }
  front.push(paragraphXml({ style: STYLE.heading1, pageBreakBefore: true }, text(labels.contents)))
  return front
}

/** The index: tags, places and senders, each term with a page reference to every cable that carries it. */
function indexXml(ctx: XmlContext, prepared: PreparedDossier, labels: DossierLabels, bookmarkId: number): string[] {
  const sections = indexSections(
    prepared.cables.map((entry) => entry.cable),
    prepared.cables.map((_, index) => cableBookmark(index)),
    labels,
  )
  if (sections.length === 0) return []
  const blocks = [paragraphXml({ style: STYLE.heading1 }, bookmarkXml(bookmarkId, INDEX_BOOKMARK, textRunsXml(ctx, labels.index)))]
  for (const section of sections) {
    blocks.push(paragraphXml({ style: STYLE.heading2 }, textRunsXml(ctx, section.heading)))
    for (const term of section.terms) {
      const references = term.pages.map(pageNumberLinkXml).join(runXml(', '))
      blocks.push(paragraphXml({}, textRunsXml(ctx, `${term.term} — `) + references))
    }
  }
  return blocks
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
