import type { PhrasingContent, RootContent } from 'mdast'
import { sanitizeText } from '../text/sanitize-text.js'
import { safeLink } from '../text/safe-link.js'
import { frenchSpacing } from '../text/french-spacing.js'
import type { Style } from './style.js'

/** A piece of inline content with its style: text, a redaction bar, or a forced line break. */
export type Span =
  { kind: 'text'; text: string; style: Style; footnote?: string } | { kind: 'redaction'; reason: string; style: Style } | { kind: 'break'; style: Style }

/** What inline collection needs to know besides the nodes. */
export interface InlineContext {
  /** Apply French spacing to text. */
  french: boolean
  /** Monospaced family for inline code. */
  mono: Style['family']
  /** Colour of links. */
  linkColor: string
  /** Numbers of footnotes by identifier, given in order of first call. */
  footnoteNumber: (identifier: string) => number | undefined
}

type AnyNode = { type: string; value?: unknown; children?: AnyNode[]; [key: string]: unknown }

/**
 * Flatten mdast phrasing content into styled spans: strong and emphasis set
 * the face, links keep only safe targets, `:sic[…]` prints " [sic]" after its
 * text, redactions become bars, footnote calls become raised numbers, and any
 * node type this renderer does not know prints its text content.
 */
export function collectInlines(nodes: readonly (PhrasingContent | RootContent)[], style: Style, context: InlineContext): Span[] {
  const spans: Span[] = []
  const text = (value: string, current: Style) => {
    let cleaned = sanitizeText(value)
    if (context.french) cleaned = frenchSpacing(cleaned)
    if (current.uppercase) cleaned = cleaned.toUpperCase()
    if (cleaned) spans.push({ kind: 'text', text: cleaned, style: current })
  }
  const walk = (node: AnyNode, current: Style): void => {
    switch (node.type) {
      case 'text':
        text(String(node.value ?? ''), current)
        return
      case 'inlineCode':
        text(String(node.value ?? ''), { ...current, family: context.mono })
        return
      case 'strong':
        return children(node, { ...current, bold: true })
      case 'emphasis':
        return children(node, { ...current, italic: true })
      case 'delete':
        return children(node, current)
      case 'break':
        spans.push({ kind: 'break', style: current })
        return
      case 'link': {
        const url = safeLink(node['url'] as string | undefined)
        return children(node, url ? { ...current, link: url, color: context.linkColor } : current)
      }
      case 'image':
        text(String(node['alt'] ?? ''), current)
        return
      case 'redaction':
        spans.push({ kind: 'redaction', reason: sanitizeText(String(node['reason'] ?? '')), style: current })
        return
      case 'textDirective':
        children(node, current)
        if (node['name'] === 'sic') text(' [sic]', { ...current, italic: false })
        return
      case 'footnoteReference': {
        const identifier = String(node['identifier'] ?? '')
        const number = context.footnoteNumber(identifier)
        const size = Math.max(5, current.size * 0.65)
        spans.push({
          kind: 'text',
          text: String(number ?? identifier),
          style: { ...current, size, rise: current.size * 0.33 },
          ...(number !== undefined ? { footnote: identifier } : {}),
        })
        return
      }
      case 'html':
        text(String(node.value ?? ''), current)
        return
      default:
        if (typeof node.value === 'string') text(node.value, current)
        else children(node, current)
    }
  }
  const children = (node: AnyNode, current: Style) => {
    for (const child of node.children ?? []) walk(child, current)
  }
  for (const node of nodes) walk(node as AnyNode, style)
  return spans
}

/** The plain text of any mdast node (for headings in metadata, unknown blocks). */
export function textOf(node: AnyNode | readonly AnyNode[]): string {
  if (Array.isArray(node)) return node.map((child) => textOf(child as AnyNode)).join('')
  const one = node as AnyNode
  if (typeof one.value === 'string') return one.value
  return (one.children ?? []).map((child) => textOf(child)).join('')
}
