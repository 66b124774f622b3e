import type { List, RootContent, Table } from 'mdast'
import { textOf } from '../layout/collect-inlines.js'
import type { HtmlContext } from './html-context.js'
import { inlineHtml, redactionHtml } from './inline-html.js'
import { startsRtl, textHtml } from './text-html.js'

type AnyNode = RootContent & { children?: RootContent[]; value?: unknown }

const CONTAINERS = new Set([
  'paragraph',
  'heading',
  'list',
  'blockquote',
  'code',
  'thematicBreak',
  'table',
  'html',
  'footnoteDefinition',
  'containerDirective',
  'leafDirective',
])

/**
 * Body blocks as HTML, one case per mdast block type, in step with the PDF's
 * `layoutBlocks`. Headings of the body sit one level below the cable's title
 * (`#` gives `<h2>`); footnote definitions, link definitions and front matter
 * print nothing here (the notes are listed at the end of the page); an
 * unknown type prints its text, never throws.
 */
export function blocksHtml(ctx: HtmlContext, nodes: readonly RootContent[]): string {
  return nodes.map((node) => block(ctx, node as AnyNode)).join('')
}

function dirOf(node: RootContent): string {
  return startsRtl(textOf(node as never)) ? ' dir="rtl"' : ''
}

function block(ctx: HtmlContext, node: AnyNode): string {
  switch (node.type) {
    case 'paragraph':
      return `<p${dirOf(node)}>${inlineHtml(ctx, node.children)}</p>\n`
    case 'heading': {
      const level = Math.min(6, node.depth + 1)
      ctx.seen.bold = true
      return `<h${level}${dirOf(node)}>${inlineHtml(ctx, node.children)}</h${level}>\n`
    }
    case 'list':
      return listHtml(ctx, node)
    case 'blockquote':
      return `<blockquote>\n${blocksHtml(ctx, node.children)}</blockquote>\n`
    case 'code':
      ctx.seen.mono = true
      return `<pre><code>${textHtml(ctx, String(node.value ?? ''), { french: false, keepLineBreaks: true })}</code></pre>\n`
    case 'thematicBreak':
      return '<hr>\n'
    case 'table':
      return tableHtml(ctx, node)
    case 'footnoteDefinition':
    case 'definition':
    case 'yaml':
      return ''
    case 'html':
      return `<p>${textHtml(ctx, String(node.value ?? ''))}</p>\n`
    default: {
      if ((node.type as string) === 'redaction') return `<p>${redactionHtml(ctx, (node as { reason?: unknown }).reason)}</p>\n`
      const children = node.children ?? []
      // Directives that hold blocks print their blocks; anything else prints its text.
      if (children.length > 0 && children.every((child) => CONTAINERS.has(child.type))) return blocksHtml(ctx, children)
      const content = node.children ? inlineHtml(ctx, children) : textHtml(ctx, textOf(node as never))
      return content ? `<p>${content}</p>\n` : ''
    }
  }
}

function listHtml(ctx: HtmlContext, list: List): string {
  const tag = list.ordered ? 'ol' : 'ul'
  const start = list.ordered && list.start != null && list.start !== 1 ? ` start="${Math.trunc(list.start)}"` : ''
  const items = list.children.map((item) => {
    const check = item.checked === true || item.checked === false ? `<input type="checkbox" disabled${item.checked ? ' checked' : ''}> ` : ''
    // A tight list's paragraphs print as plain items, as Markdown means them.
    const content = list.spread
      ? blocksHtml(ctx, item.children)
      : item.children.map((child) => (child.type === 'paragraph' ? inlineHtml(ctx, child.children) : blocksHtml(ctx, [child]))).join('')
    return `<li${check ? ' class="task"' : ''}>${check}${content}</li>\n`
  })
  return `<${tag}${start}${list.spread ? ' class="spread"' : ''}>\n${items.join('')}</${tag}>\n`
}

function tableHtml(ctx: HtmlContext, table: Table): string {
  const align = table.align ?? []
  const cell = (tag: 'th' | 'td', index: number, content: string) => {
    const side = align[index]
    const attributes = `${tag === 'th' ? ' scope="col"' : ''}${side ? ` class="align-${side}"` : ''}`
    return `<${tag}${attributes}>${content}</${tag}>`
  }
  const [head, ...rows] = table.children
  const headHtml = head ? `<thead><tr>${head.children.map((c, i) => cell('th', i, inlineHtml(ctx, c.children))).join('')}</tr></thead>` : ''
  const bodyHtml = rows.map((row) => `<tr>${row.children.map((c, i) => cell('td', i, inlineHtml(ctx, c.children))).join('')}</tr>`).join('\n')
  if (head) ctx.seen.bold = true
  return `<table>${headHtml}<tbody>${bodyHtml}</tbody></table>\n`
}
