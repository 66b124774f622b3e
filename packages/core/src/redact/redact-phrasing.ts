import type { Point } from 'unist'
import type { BodyContent, Redaction } from '../model/nodes.js'
import type { RedactContext } from './redact.js'
import type { RedactionSpan } from './redaction-rules.js'

/** Inline node types: a parent with one of these among its children holds a run of text. */
const PHRASING = new Set([
  'text',
  'emphasis',
  'strong',
  'delete',
  'inlineCode',
  'break',
  'link',
  'linkReference',
  'image',
  'imageReference',
  'footnoteReference',
  'redaction',
  'textDirective',
  'inlineMath',
])

/** Stands for an inline node that is not text (image, note call, bar): no secret is matched across it. */
const BOUNDARY = '\u0000'

type AnyNode = BodyContent & { children?: AnyNode[]; value?: string; url?: string; title?: string | null; position?: { start: Point } }

interface Leaf {
  start: number
  end: number
  path: string
  /** Text and inline code can be cut; a break or any other inline node is kept or dropped whole. */
  cuttable: boolean
}

/**
 * Redact the runs of text of a body: each run (a paragraph, heading or table
 * cell, with its emphasis, links and directives) is read as one string, so a
 * secret split by formatting or a line break is found, and each matched span
 * becomes one redaction node where it starts; the rest of the span is
 * dropped, and inline parents left empty go with it. Links whose target
 * matches are unwrapped, images whose address matches become a bar, and
 * definitions whose address matches are removed.
 */
export function redactPhrasing(nodes: BodyContent[], field: string, context: RedactContext): BodyContent[] {
  return redactBlocks(nodes as AnyNode[], field, '', context) as BodyContent[]
}

function redactBlocks(nodes: AnyNode[], field: string, path: string, context: RedactContext): AnyNode[] {
  const out: AnyNode[] = []
  nodes.forEach((node, index) => {
    const here = `${path}[${index}]`
    if (node.type === 'definition' && urlMatches(node, context)) {
      logWhole(node, field, here, context)
      return
    }
    if (!Array.isArray(node.children)) {
      out.push(node)
      return
    }
    if (node.children.some((child) => PHRASING.has(child.type))) {
      const children = redactRun(unwrapUrls(node.children, field, `${here}.children`, context), field, `${here}.children`, context)
      out.push({ ...node, children } as AnyNode)
      return
    }
    out.push({ ...node, children: redactBlocks(node.children, field, `${here}.children`, context) } as AnyNode)
  })
  return out
}

/** Links whose address or title matches lose their target but keep their text; matching images become bars. */
function unwrapUrls(nodes: AnyNode[], field: string, path: string, context: RedactContext): AnyNode[] {
  const out: AnyNode[] = []
  nodes.forEach((node, index) => {
    const here = `${path}[${index}]`
    if (node.type === 'link' && urlMatches(node, context)) {
      logWhole(node, field, here, context)
      out.push(...unwrapUrls(node.children ?? [], field, `${here}.children`, context))
      return
    }
    if (node.type === 'image' && urlMatches(node, context)) {
      out.push(bar(node, field, here, context, undefined))
      return
    }
    if (Array.isArray(node.children)) out.push({ ...node, children: unwrapUrls(node.children, field, `${here}.children`, context) } as AnyNode)
    else out.push(node)
  })
  return out
}

function urlMatches(node: AnyNode, context: RedactContext): boolean {
  return (typeof node.url === 'string' && context.find(node.url).length > 0) || (typeof node.title === 'string' && context.find(node.title).length > 0)
}

function logWhole(node: AnyNode, field: string, path: string, context: RedactContext): void {
  const start = node.position?.start
  const reason = context.reason
  context.log.push({
    cable: context.cable,
    field,
    path,
    ...(start ? { line: start.line, column: start.column } : {}),
    rule: ruleOf(node, context),
    ...(reason ? { reason } : {}),
    ...hmacOf(matchedIn(node, context), context),
  })
}

/** The matched part of a link's or image's address or title: what the keyed hash is taken of. */
function matchedIn(node: AnyNode, context: RedactContext): string {
  for (const value of [node.url, node.title]) {
    if (typeof value !== 'string') continue
    const span = context.find(value)[0]
    if (span) return value.slice(span.start, span.end)
  }
  return ''
}

function ruleOf(node: AnyNode, context: RedactContext): 'match' | 'regex' {
  return context.find(node.url ?? '')[0]?.rule === 'regex' || context.find(node.title ?? '')[0]?.rule === 'regex' ? 'regex' : 'match'
}

function hmacOf(secret: string, context: RedactContext): { hmac?: string } {
  const hmac = context.hash(secret.replaceAll(BOUNDARY, ' '))
  return hmac ? { hmac } : {}
}

function bar(
  node: AnyNode,
  field: string,
  path: string,
  context: RedactContext,
  span: RedactionSpan | undefined,
  secret = matchedIn(node, context),
  at?: Point,
): AnyNode {
  const reason = span?.reason ?? context.reason
  const start = at ?? node.position?.start
  context.log.push({
    cable: context.cable,
    field,
    path,
    ...(start ? { line: start.line, column: start.column } : {}),
    rule: span?.rule ?? ruleOf(node, context),
    ...(reason ? { reason } : {}),
    ...hmacOf(secret, context),
  })
  return { type: 'redaction', ...(reason ? { reason } : {}) } as Redaction as AnyNode
}

/** Read a run of inline nodes as one string, find the spans, and cut them out. */
function redactRun(children: AnyNode[], field: string, path: string, context: RedactContext): AnyNode[] {
  const parts: string[] = []
  const leaves = new Map<AnyNode, Leaf>()
  let offset = 0
  const collect = (nodes: AnyNode[], at: string) => {
    nodes.forEach((node, index) => {
      const here = `${at}[${index}]`
      if ((node.type === 'text' || node.type === 'inlineCode') && typeof node.value === 'string') {
        leaves.set(node, { start: offset, end: offset + node.value.length, path: here, cuttable: true })
        parts.push(node.value)
        offset += node.value.length
      } else if (Array.isArray(node.children) && node.type !== 'redaction') {
        collect(node.children, `${here}.children`)
      } else if (transparent(node)) {
        // Prints nothing between two letters (`Du<wbr>pont`, `Du![](x)pont`, `Du[^1]pont`): an empty
        // leaf, dropped when a span runs across it, so the name is still one string.
        leaves.set(node, { start: offset, end: offset, path: here, cuttable: false })
      } else {
        const value = node.type === 'break' ? '\n' : BOUNDARY
        leaves.set(node, { start: offset, end: offset + 1, path: here, cuttable: false })
        parts.push(value)
        offset += 1
      }
    })
  }
  collect(children, path)
  const text = parts.join('')
  const spans = context.find(text)
  if (spans.length === 0) return children

  const cut = (node: AnyNode, leaf: Leaf): AnyNode[] => {
    const overlapping = spans.filter((span) => span.end > leaf.start && span.start < leaf.end)
    if (overlapping.length === 0) return [node]
    if (!leaf.cuttable) {
      const span = overlapping[0]!
      return span.start === leaf.start ? [bar(node, field, leaf.path, context, span, text.slice(span.start, span.end))] : []
    }
    const value = node.value!
    const pieces: AnyNode[] = []
    let at = leaf.start
    for (const span of overlapping) {
      if (span.start > at) pieces.push(piece(node, value.slice(at - leaf.start, span.start - leaf.start)))
      if (span.start >= leaf.start) {
        pieces.push(bar(node, field, leaf.path, context, span, text.slice(span.start, span.end), pointIn(node, value, span.start - leaf.start)))
      }
      at = Math.max(at, span.end)
    }
    if (at < leaf.end) pieces.push(piece(node, value.slice(at - leaf.start)))
    return pieces
  }
  const rebuild = (nodes: AnyNode[]): AnyNode[] => {
    const out: AnyNode[] = []
    for (const node of nodes) {
      const leaf = leaves.get(node)
      if (leaf) out.push(...cut(node, leaf))
      else if (Array.isArray(node.children)) {
        const inner = rebuild(node.children)
        // Emphasis or a link whose whole text was secret goes with it.
        if (inner.length > 0 || node.children.length === 0) out.push({ ...node, children: inner } as AnyNode)
      } else out.push(node)
    }
    return out
  }
  return rebuild(children)
}

/**
 * Inline nodes that put no letter between their neighbours: inline HTML
 * (tags, `<wbr>`, comments), images without alternative text, and footnote
 * calls. A secret with one of them inside must still be found.
 */
function transparent(node: AnyNode): boolean {
  if (node.type === 'html' || node.type === 'footnoteReference') return true
  return node.type === 'image' && ((node as { alt?: string | null }).alt ?? '').trim() === ''
}

/** A kept piece of a cut text node; it loses its position, which would tell where the secret ended. */
function piece(node: AnyNode, value: string): AnyNode {
  const { position: _position, ...rest } = node as AnyNode & { position?: unknown }
  return { ...rest, value } as AnyNode
}

/** The source point of `offset` inside a text node's value, counted by lines (exact unless the source had escapes). */
function pointIn(node: AnyNode, value: string, offset: number): Point | undefined {
  const start = node.position?.start
  if (!start) return undefined
  const before = value.slice(0, offset)
  const lines = before.split('\n')
  if (lines.length === 1) return { line: start.line, column: start.column + offset }
  return { line: start.line + lines.length - 1, column: lines.at(-1)!.length + 1 }
}
