import type { FootnoteDefinition, RootContent } from 'mdast'
import { BODY_XML, blocksXml } from './blocks-xml.js'
import { cableClosingXml, cableHeaderXml } from './cable-header-xml.js'
import type { DocxPackage, DocxSection } from './docx-package.js'
import { headerFooterXml } from './header-footer-xml.js'
import { textRunsXml } from './inline-xml.js'
import { STYLE } from './styles.js'
import { paragraphXml } from './wml-paragraph.js'
import { bookmarkXml } from './wml-run.js'
import type { PageSetup } from './wml-section.js'
import type { XmlContext } from './xml-context.js'

/** Where a cable's sections start and what they open with, when the cable is not a document of its own. */
export interface CableSectionOptions {
  /** Where the cable's first section starts; by default it starts the document. */
  start?: 'nextPage' | 'oddPage'
  /** Blocks written before the cable's header (a dossier's bookmarked heading). */
  lead?: readonly string[]
  /** The paragraph that opens the attachment titled `title` (default: a Cable Attachment Title paragraph). */
  attachmentTitle?: (title: string, index: number) => string
  /** Page numbers restart at 1 on the cable's first page. */
  restartNumbering?: boolean
  /** A bookmark put in the cable's last paragraph, so a `PAGEREF` to it gives the cable's page count. */
  endBookmark?: { id: () => number; name: string }
  /** Applied to every part and block the cable writes (a dossier gives each theme's style ids a prefix). */
  transform?: (xml: string) => string
}

/** Footnote definitions of `nodes` by normalized identifier, the first of each; walked with a stack, as trees may be deep. */
function footnoteDefinitions(nodes: readonly RootContent[]): Map<string, FootnoteDefinition> {
  const found = new Map<string, FootnoteDefinition>()
  const stack: unknown[] = [...nodes]
  while (stack.length > 0) {
    const node = stack.pop() as { type?: string; identifier?: string; children?: unknown[] } | undefined
    if (!node || typeof node !== 'object') continue
    if (node.type === 'footnoteDefinition' && typeof node.identifier === 'string') {
      const key = node.identifier.toLowerCase()
      if (!found.has(key)) found.set(key, node as FootnoteDefinition)
    }
    if (Array.isArray(node.children)) stack.push(...node.children)
  }
  return found
}

/**
 * Put an empty bookmark at the end of the last paragraph of `blocks` (a new
 * empty paragraph only when there is none), so it sits on the last page
 * without adding a line that could spill onto a page of its own.
 */
function markEnd(blocks: string[], bookmark: { id: number; name: string }): void {
  const mark = bookmarkXml(bookmark.id, bookmark.name, '')
  for (let index = blocks.length - 1; index >= 0; index--) {
    const at = blocks[index]!.lastIndexOf('</w:p>')
    if (at < 0) continue
    blocks[index] = blocks[index]!.slice(0, at) + mark + blocks[index]!.slice(at)
    return
  }
  blocks.push(paragraphXml({}, mark))
}

/**
 * The sections of the cable `ctx.cable`, as `toDocx` writes it and a
 * dossier writes each of its cables: the running header and footer (added to
 * `pkg`), a first section with the cable's header, body, signature and list
 * of attachments, then one section per attachment, which starts on a new page
 * with the running header and footer but not the letterhead's first-page one.
 * Footnotes the text defines but never cites are still text of the cable:
 * they are written at its end rather than lost.
 */
export function cableSectionsXml(ctx: XmlContext, pkg: DocxPackage, page: PageSetup, options: CableSectionOptions = {}): DocxSection[] {
  const { cable } = ctx
  // Definitions first: a reference becomes a footnote only when its definition is known.
  const own = footnoteDefinitions([...cable.body, ...cable.attachments.flatMap((attachment) => attachment.body)])
  for (const [key, definition] of own) if (!ctx.definitions.has(key)) ctx.definitions.set(key, definition)

  // A telegram's paragraphs are its own style, so an editor restyles them without touching the letter styles.
  const body = ctx.extras.telegram ? { ...BODY_XML, style: STYLE.telegramParagraph } : BODY_XML
  const running = headerFooterXml(ctx)
  const transform = options.transform ?? ((xml: string) => xml)
  const header = pkg.header(transform(running.header))
  const firstHeader = running.firstHeader !== undefined ? pkg.header(transform(running.firstHeader)) : undefined
  const footer = pkg.footer(transform(running.footer))
  const start = { ...(options.start ? { start: options.start } : {}), ...(options.restartNumbering ? { restartNumbering: true } : {}) }
  const sections: DocxSection[] = [
    {
      blocks: [...(options.lead ?? []), ...cableHeaderXml(ctx), ...blocksXml(ctx, cable.body, body), ...cableClosingXml(ctx)],
      spec: firstHeader
        ? { page, ...start, headers: { default: header, first: firstHeader }, footers: { default: footer, first: footer }, titlePage: true }
        : { page, ...start, headers: { default: header }, footers: { default: footer }, titlePage: false },
    },
  ]
  cable.attachments.forEach((attachment, index) => {
    const title = [attachment.label, attachment.title].filter(Boolean).join(ctx.french ? ' : ' : ': ')
    const opening = options.attachmentTitle?.(title, index) ?? paragraphXml({ style: STYLE.attachmentTitle }, textRunsXml(ctx, title))
    sections.push({
      blocks: blocksXml(ctx, attachment.body, body, [opening]),
      spec: { page, start: 'nextPage', headers: { default: header }, footers: { default: footer }, titlePage: false },
    })
  })
  const last = sections[sections.length - 1]!
  for (const [key, definition] of own) {
    if (ctx.footnoteIds.has(key) || ctx.definitions.get(key) !== definition) continue
    // Written in the body, not as a note (`writeNote`), so its hyperlinks belong to the document's relationships.
    last.blocks.push(paragraphXml({ style: STYLE.footnoteText }, textRunsXml(ctx, `[${definition.label ?? definition.identifier}]`)))
    blocksXml(ctx, definition.children, { ...BODY_XML, style: STYLE.footnoteText }, last.blocks)
  }
  // Its id is drawn last, so bookmark ids follow the document's order.
  if (options.endBookmark) markEnd(last.blocks, { id: options.endBookmark.id(), name: options.endBookmark.name })
  // Later sections restart nothing: an attachment's pages are counted with its cable's.
  for (const section of sections) section.blocks = section.blocks.map(transform)
  return sections
}
