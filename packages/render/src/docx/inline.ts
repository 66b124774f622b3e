import { ExternalHyperlink, FootnoteReferenceRun, TextRun } from 'docx'
import type { IRunOptions, ParagraphChild } from 'docx'
import type { PhrasingContent } from 'mdast'
import type { WriteContext } from './context.js'
import { frenchSpacing } from '../text/french-spacing.js'
import { safeHref, sanitizeXmlText } from './sanitize-xml.js'
import { STYLE } from './styles.js'
import { textContent } from './text-content.js'

/** Formatting inherited from enclosing emphasis, strong, delete and link nodes. */
export interface Marks {
  bold?: boolean
  italics?: boolean
  strike?: boolean
  style?: string
  /** Nesting depth, to flatten absurdly deep trees instead of recursing without end. */
  depth?: number
}

const MAX_INLINE_DEPTH = 64

// Hebrew and Arabic blocks, and their presentation forms: text in these scripts runs right to left.
const RTL = '\\u0590-\\u08FF\\uFB1D-\\uFDFF\\uFE70-\\uFEFF'
const RTL_SPAN = new RegExp(`[${RTL}](?:[\\s${RTL}\\u060C\\u061B\\u061F]*[${RTL}])?`, 'g')

/** Text as it may be written to the document: sanitized, soft breaks as spaces, French spacing where wanted. */
export function prepareText(ctx: WriteContext, text: string): string {
  const clean = sanitizeXmlText(text).replace(/\r\n?|\n/g, ' ')
  return ctx.french ? frenchSpacing(clean) : clean
}

/**
 * Runs for `text`, with right-to-left spans (Arabic) in runs of their own
 * marked `w:rtl`, so Word shapes and orders them with the complex-script font.
 */
export function textRuns(ctx: WriteContext, text: string, marks: Marks = {}, prepared = false): TextRun[] {
  const value = prepared ? text : prepareText(ctx, text)
  if (value === '') return []
  const base: IRunOptions = {
    ...(marks.style ? { style: marks.style } : {}),
    ...(marks.bold ? { bold: true, boldComplexScript: true } : {}),
    ...(marks.italics ? { italics: true, italicsComplexScript: true } : {}),
    ...(marks.strike ? { strike: true } : {}),
  }
  if (marks.italics) ctx.usesItalic = true
  RTL_SPAN.lastIndex = 0
  if (!RTL_SPAN.test(value)) return [new TextRun({ ...base, text: value })]
  ctx.usesRtl = true
  const runs: TextRun[] = []
  let last = 0
  RTL_SPAN.lastIndex = 0
  for (const match of value.matchAll(RTL_SPAN)) {
    if (match.index > last) runs.push(new TextRun({ ...base, text: value.slice(last, match.index) }))
    runs.push(new TextRun({ ...base, text: match[0], rightToLeft: true }))
    last = match.index + match[0].length
  }
  if (last < value.length) runs.push(new TextRun({ ...base, text: value.slice(last) }))
  return runs
}

/** The black bar of a redaction: its width depends on the reason only, never on the text it replaced. */
export function redactionRun(ctx: WriteContext, reason: string | undefined): TextRun {
  const pad = '\u00A0'.repeat(6)
  const label = reason ? prepareText(ctx, reason) : ''
  return new TextRun({ text: label ? `${pad}[${label}]${pad}` : pad + pad, style: STYLE.redaction })
}

/** DOCX runs, hyperlinks and footnote references for mdast phrasing content. */
export function inlines(ctx: WriteContext, nodes: readonly PhrasingContent[] | readonly unknown[], marks: Marks = {}): ParagraphChild[] {
  const out: ParagraphChild[] = []
  const depth = (marks.depth ?? 0) + 1
  if (depth > MAX_INLINE_DEPTH) {
    out.push(...textRuns(ctx, (nodes as readonly unknown[]).map(textContent).join(''), marks))
    return out
  }
  for (const node of nodes as readonly PhrasingContent[]) inline(ctx, node, { ...marks, depth }, out)
  return out
}

function inline(ctx: WriteContext, node: PhrasingContent, marks: Marks, out: ParagraphChild[]): void {
  switch (node.type) {
    case 'text':
      out.push(...textRuns(ctx, node.value, marks))
      return
    case 'emphasis':
      out.push(...inlines(ctx, node.children, { ...marks, italics: true }))
      return
    case 'strong':
      out.push(...inlines(ctx, node.children, { ...marks, bold: true }))
      return
    case 'delete':
      out.push(...inlines(ctx, node.children, { ...marks, strike: true }))
      return
    case 'inlineCode':
      // Code keeps its characters as written: no French spacing inside it.
      out.push(...textRuns(ctx, sanitizeXmlText(node.value).replace(/\r\n?|\n/g, ' '), { ...marks, style: STYLE.inlineCode }, true))
      return
    case 'break':
      out.push(new TextRun({ break: 1 }))
      return
    case 'link': {
      const href = safeHref(node.url)
      const children = inlines(ctx, node.children, { ...marks, style: href ? STYLE.hyperlink : marks.style })
      if (children.length === 0) children.push(...textRuns(ctx, node.url, { ...marks, style: href ? STYLE.hyperlink : marks.style }, false))
      if (!href) {
        out.push(...children)
        return
      }
      out.push(new ExternalHyperlink({ link: href, children: children.filter((child): child is TextRun => child instanceof TextRun) }))
      return
    }
    case 'footnoteReference': {
      const key = node.identifier.toLowerCase()
      const definition = ctx.definitions.get(key)
      if (!definition) {
        out.push(...textRuns(ctx, `[^${node.label ?? node.identifier}]`, marks))
        return
      }
      let id = ctx.footnoteIds.get(key)
      if (id === undefined) {
        id = ctx.footnoteIds.size + 1
        ctx.footnoteIds.set(key, id)
        // Registered before its content is written, so a note citing itself ends instead of recursing.
        ctx.footnotes[String(id)] = { children: [] }
        ctx.footnotes[String(id)] = { children: ctx.writeNote(definition) }
      }
      out.push(new FootnoteReferenceRun(id))
      return
    }
    case 'image':
    case 'imageReference':
      if (node.alt) out.push(...textRuns(ctx, `[${node.alt}]`, marks))
      return
    case 'redaction':
      out.push(redactionRun(ctx, node.reason))
      return
    default:
      break
  }
  const loose = node as { type: string; name?: string; children?: PhrasingContent[]; value?: string }
  if (loose.type === 'textDirective' && loose.name === 'sic') {
    out.push(...inlines(ctx, loose.children ?? [], marks))
    out.push(...textRuns(ctx, ' [sic]', { ...marks, style: STYLE.sic }))
    return
  }
  // linkReference, html, unknown directives and nodes: their text, never their markup's effect.
  if (Array.isArray(loose.children)) out.push(...inlines(ctx, loose.children, marks))
  else out.push(...textRuns(ctx, textContent(node), marks))
}
