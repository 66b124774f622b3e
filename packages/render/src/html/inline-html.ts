import type { PhrasingContent, RootContent } from 'mdast'
import { safeLink } from '../text/safe-link.js'
import { sanitizeText } from '../text/sanitize-text.js'
import type { HtmlContext } from './html-context.js'
import { escapeHtml } from './html-escape.js'
import { textHtml } from './text-html.js'

type AnyNode = { type: string; value?: unknown; children?: AnyNode[]; [key: string]: unknown }

/** What a redaction bar says to a screen reader, before its reason. */
const REDACTED: Record<string, string> = { fr: 'Caviardé', en: 'Redacted' }

/**
 * A redaction bar: the reason, in brackets, white on the theme's redaction
 * colour. Its width comes from the reason only (padding and label), never
 * from the text it replaced, which the model no longer holds; its accessible
 * name says it is a redaction and why.
 */
export function redactionHtml(ctx: HtmlContext, reason: unknown): string {
  const text = sanitizeText(String(reason ?? ''))
  const lang = ctx.lang.slice(0, 2).toLowerCase()
  const word = REDACTED[lang] ?? REDACTED['en']!
  const name = text ? `${word}${lang === 'fr' ? '\u202f: ' : ': '}${text}` : word
  for (const char of text) ctx.seen.chars.add(char)
  return `<span class="redaction" role="img" aria-label="${escapeHtml(name)}"><span aria-hidden="true">${text ? `[${escapeHtml(text)}]` : ''}</span></span>`
}

/**
 * Phrasing content as HTML, one case per mdast type, in step with the PDF's
 * `collectInlines`: links keep only `http`, `https` and `mailto` targets,
 * images print their alternative text (an image would be a request to
 * another origin), raw HTML prints as text, `:sic[…]` adds " [sic]",
 * footnote calls link to their note, and an unknown node prints its text.
 */
export function inlineHtml(ctx: HtmlContext, nodes: readonly (PhrasingContent | RootContent)[]): string {
  return nodes.map((node) => inline(ctx, node as AnyNode)).join('')
}

function inline(ctx: HtmlContext, node: AnyNode): string {
  const children = () => (node.children ?? []).map((child) => inline(ctx, child)).join('')
  switch (node.type) {
    case 'text':
      return textHtml(ctx, String(node.value ?? ''))
    case 'inlineCode':
      ctx.seen.mono = true
      return `<code>${textHtml(ctx, String(node.value ?? ''), { french: false })}</code>`
    case 'strong':
      ctx.seen.bold = true
      return `<strong>${children()}</strong>`
    case 'emphasis':
      ctx.seen.italic = true
      return `<em>${children()}</em>`
    case 'delete':
      // The PDF and DOCX print struck text as plain text: so does the page.
      return children()
    case 'break':
      return '<br>'
    case 'link': {
      const url = safeLink(node['url'] as string | undefined)
      const content = children()
      return url ? `<a href="${escapeHtml(url)}" rel="noopener noreferrer nofollow">${content}</a>` : content
    }
    case 'image':
      return textHtml(ctx, String(node['alt'] ?? ''))
    case 'redaction':
      return redactionHtml(ctx, node['reason'])
    case 'textDirective':
      return node['name'] === 'sic' ? `${children()} <span class="sic">[sic]</span>` : children()
    case 'footnoteReference': {
      const number = ctx.footnoteNumber(String(node['identifier'] ?? ''))
      // Identifiers come from the source and may say anything: only numbers reach the page.
      return number === undefined ? '' : `<sup class="note-call"><a href="#note-${number}" id="call-${number}" role="doc-noteref">${number}</a></sup>`
    }
    case 'html':
      return textHtml(ctx, String(node.value ?? ''))
    default:
      return typeof node.value === 'string' ? textHtml(ctx, node.value) : children()
  }
}
