import type { PhrasingContent } from 'mdast'
import { frenchSpacing } from '../text/french-spacing.js'
import { safeHref, sanitizeXmlText } from './sanitize-xml.js'
import { STYLE } from './styles.js'
import { textContent } from './text-content.js'
import { BREAK_RUN, FOOTNOTE_REF_RUN, footnoteReferenceXml, hyperlinkXml, runXml } from './wml-run.js'
import type { RunProps } from './wml-run.js'
import { REL } from './relationships.js'
import type { XmlContext } from './xml-context.js'

/** Formatting inherited from enclosing emphasis, strong, delete and link nodes. */
export interface Marks {
  bold?: boolean
  italics?: boolean
  strike?: boolean
  style?: string
  /** Colour as DOCX writes it (`B0141E`). */
  color?: string
  /** Size in half-points. */
  size?: number
  /** Nesting depth, to flatten absurdly deep trees instead of recursing without end. */
  depth?: number
}

/** Formatting inherited from enclosing nodes, plus whether they sit inside a link (links do not nest). */
export interface XmlMarks extends Marks {
  inLink?: boolean
}

const MAX_INLINE_DEPTH = 64

// Hebrew and Arabic blocks, and their presentation forms: text in these scripts runs right to left.
const RTL = '\\u0590-\\u08FF\\uFB1D-\\uFDFF\\uFE70-\\uFEFF'
const HAS_RTL = new RegExp(`[${RTL}]`)
const RTL_SPAN = new RegExp(`[${RTL}](?:[\\s${RTL}\\u060C\\u061B\\u061F]*[${RTL}])?`, 'g')
const LINE_BREAKS = /\r\n?|\n/g

/** Text as it is shown: soft line breaks as spaces, French spacing where wanted. Sanitizing and escaping happen in {@link runXml}. */
export function prepareTextXml(ctx: XmlContext, text: string): string {
  const flat = text.includes('\n') || text.includes('\r') ? text.replace(LINE_BREAKS, ' ') : text
  // French spacing looks at neighbours: strip forbidden characters first so they cannot hide a space.
  return ctx.french ? frenchSpacing(sanitizeXmlText(flat)) : flat
}

/**
 * Runs for `text`, with right-to-left spans (Arabic) in runs of their own
 * marked `w:rtl`, so Word shapes and orders them with the complex-script font.
 */
export function textRunsXml(ctx: XmlContext, text: string, marks: Marks = {}, prepared = false): string {
  const value = prepared ? text : prepareTextXml(ctx, text)
  if (value === '') return ''
  const props: RunProps = { style: marks.style, bold: marks.bold, italics: marks.italics, strike: marks.strike, color: marks.color, size: marks.size }
  if (marks.italics) ctx.usesItalic = true
  if (!HAS_RTL.test(value)) return runXml(value, props)
  ctx.usesRtl = true
  let xml = ''
  let last = 0
  for (const match of value.matchAll(RTL_SPAN)) {
    if (match.index > last) xml += runXml(value.slice(last, match.index), props)
    xml += runXml(match[0], { ...props, rtl: true })
    last = match.index + match[0].length
  }
  if (last < value.length) xml += runXml(value.slice(last), props)
  return xml
}

// After these a line may break (UAX #14 classes BA, SY, IS, CL, CP, EX…): a word joiner after each keeps the bar whole.
const BREAK_AFTER = /([/\\)\]}!?,;:%\u2013\u2014|])/g

/**
 * A redaction's text with no place to break a line: spaces become no-break
 * spaces, hyphens no-break hyphens, and a word joiner follows any other
 * character after which Word or LibreOffice would break. A bar split over
 * two lines reads as two bars, and its ends would hide nothing.
 */
function unbreakable(text: string): string {
  return text.replace(/[ \t]/g, '\u00A0').replace(/-/g, '\u2011').replace(BREAK_AFTER, '$1\u2060')
}

/** The black bar of a redaction: its width depends on the reason only, never on the text it replaced; it never breaks across lines. */
export function redactionRunXml(ctx: XmlContext, reason: string | undefined): string {
  const pad = '\u00A0'.repeat(6)
  const label = reason ? prepareTextXml(ctx, reason) : ''
  return runXml(unbreakable(label ? `${pad}[${label}]${pad}` : pad + pad), { style: STYLE.redaction })
}

/** Runs, hyperlinks and footnote references for mdast phrasing content, as XML. */
export function inlinesXml(ctx: XmlContext, nodes: readonly PhrasingContent[] | readonly unknown[], marks: XmlMarks = {}): string {
  const depth = (marks.depth ?? 0) + 1
  if (depth > MAX_INLINE_DEPTH) return textRunsXml(ctx, (nodes as readonly unknown[]).map(textContent).join(''), marks)
  const inner = { ...marks, depth }
  let xml = ''
  for (const node of nodes as readonly PhrasingContent[]) xml += inline(ctx, node, inner)
  return xml
}

function inline(ctx: XmlContext, node: PhrasingContent, marks: XmlMarks): string {
  switch (node.type) {
    case 'text':
      return textRunsXml(ctx, node.value, marks)
    case 'emphasis':
      return inlinesXml(ctx, node.children, { ...marks, italics: true })
    case 'strong':
      return inlinesXml(ctx, node.children, { ...marks, bold: true })
    case 'delete':
      return inlinesXml(ctx, node.children, { ...marks, strike: true })
    case 'inlineCode':
      // Code keeps its characters as written: no French spacing inside it.
      return textRunsXml(ctx, sanitizeXmlText(node.value).replace(LINE_BREAKS, ' '), { ...marks, style: STYLE.inlineCode }, true)
    case 'break':
      return BREAK_RUN
    case 'link':
      return link(ctx, node.url, node.children, marks)
    case 'footnoteReference':
      return footnoteReference(ctx, node.identifier, node.label, marks)
    case 'image':
    case 'imageReference':
      return node.alt ? textRunsXml(ctx, `[${node.alt}]`, marks) : ''
    case 'redaction':
      return redactionRunXml(ctx, node.reason)
    default:
      break
  }
  const loose = node as { type: string; name?: string; children?: PhrasingContent[] }
  if (loose.type === 'textDirective' && loose.name === 'sic') {
    return inlinesXml(ctx, loose.children ?? [], marks) + textRunsXml(ctx, ' [sic]', { ...marks, style: STYLE.sic })
  }
  // linkReference, html, unknown directives and nodes: their text, never their markup's effect.
  if (Array.isArray(loose.children)) return inlinesXml(ctx, loose.children, marks)
  return textRunsXml(ctx, textContent(node), marks)
}

function link(ctx: XmlContext, url: string, children: readonly PhrasingContent[], marks: XmlMarks): string {
  // A link inside a link (possible only in a hand-built model) is written as its text: hyperlinks cannot nest.
  const href = marks.inLink ? undefined : safeHref(url)
  const inner: XmlMarks = { ...marks, style: href ? STYLE.hyperlink : marks.style, inLink: true }
  let runs = inlinesXml(ctx, children, inner)
  if (runs === '') runs = textRunsXml(ctx, url, inner)
  return href ? hyperlinkXml(ctx.links.add(REL.hyperlink, href, true), runs) : runs
}

function footnoteReference(ctx: XmlContext, identifier: string, label: string | null | undefined, marks: XmlMarks): string {
  const key = identifier.toLowerCase()
  if (!ctx.definitions.has(key)) return textRunsXml(ctx, `[^${label ?? identifier}]`, marks)
  let id = ctx.footnoteIds.get(key)
  if (id === undefined) {
    id = ctx.footnoteIds.size + 1
    // Registered before its content is written, so a note citing itself ends instead of recursing.
    ctx.footnoteIds.set(key, id)
    ctx.footnotes[id - 1] = ''
    ctx.footnotes[id - 1] = footnoteXml(id, ctx.writeNote(ctx.definitions.get(key)!))
  }
  return footnoteReferenceXml(id)
}

// The note's mark opens its first paragraph, as Word writes it.
function footnoteXml(id: number, blocks: readonly string[]): string {
  const first = blocks[0]
  let body: string
  if (first?.startsWith('<w:p><w:pPr>')) {
    const at = first.indexOf('</w:pPr>') + '</w:pPr>'.length
    body = first.slice(0, at) + FOOTNOTE_REF_RUN + first.slice(at) + blocks.slice(1).join('')
  } else {
    body = `<w:p><w:pPr><w:pStyle w:val="${STYLE.footnoteText}"/></w:pPr>${FOOTNOTE_REF_RUN}</w:p>${blocks.join('')}`
  }
  return `<w:footnote w:id="${id}">${body}</w:footnote>`
}
