import type { HeaderBlock, HeaderEmphasis, HeaderSpan } from '../themes/header-block.js'
import type { HtmlContext } from './html-context.js'
import { labelledLinesHtml } from './labelled-lines-html.js'
import type { LabelledLine } from './labelled-lines-html.js'
import { textHtml } from './text-html.js'

function classes(ctx: HtmlContext, base: string, emphasis: HeaderEmphasis | undefined, align?: string): string {
  const names = [base]
  if (align && align !== 'left') names.push(align)
  if (emphasis?.bold) {
    names.push('bold')
    ctx.seen.bold = true
  }
  if (emphasis?.size && emphasis.size !== 'body') names.push(`size-${emphasis.size}`)
  if (emphasis?.muted) names.push('muted')
  return names.join(' ')
}

function spansHtml(ctx: HtmlContext, text: string | readonly HeaderSpan[]): string {
  if (typeof text === 'string') return textHtml(ctx, text)
  // A spaced banner for the eye, and the word for screen readers, which would otherwise spell it letter by letter.
  return text
    .map((span) =>
      span.spoken !== undefined
        ? `<span aria-hidden="true">${textHtml(ctx, span.text, { french: false })}</span><span class="visually-hidden">${textHtml(ctx, span.spoken, { french: false })}</span>`
        : textHtml(ctx, span.text),
    )
    .join('')
}

const title = (html: string) => `<h1 class="subject">${html}</h1>`

function blockHtml(ctx: HtmlContext, block: HeaderBlock): string {
  switch (block.type) {
    case 'line': {
      const content = spansHtml(ctx, block.text)
      const indent = block.indent ? ` style="padding-left:${Math.round(block.indent * 100) / 100}pt"` : ''
      return `<div class="${classes(ctx, 'line', block, block.align)}"${indent}>${block.title ? title(content) : content}</div>`
    }
    case 'hanging': {
      const values = block.values.map((value, index) => {
        const content = textHtml(ctx, value)
        return `<span class="value">${block.title && index === 0 ? title(content) : content}</span>`
      })
      return `<div class="${classes(ctx, 'line hanging', block)}"><span class="label">${textHtml(ctx, block.label, { french: false })}</span> <span class="values">${values.join('')}</span></div>`
    }
    case 'fields': {
      const lines: LabelledLine[] = block.entries.map((entry) => [entry.label, entry.title ? title(textHtml(ctx, entry.value)) : textHtml(ctx, entry.value)])
      const names = [
        'fields',
        ...(block.label?.muted ? ['muted-labels'] : []),
        ...(block.value?.size && block.value.size !== 'body' ? [`size-${block.value.size}`] : []),
      ]
      return labelledLinesHtml(ctx, lines, names.join(' ')).trimEnd()
    }
    case 'columns':
      return `<div class="columns"><div class="column-left">${block.left.map((child) => blockHtml(ctx, child)).join('')}</div><div class="column-right">${block.right.map((child) => blockHtml(ctx, child)).join('')}</div></div>`
    case 'space':
      return `<div class="space" aria-hidden="true" style="height:${Math.round(block.points * 100) / 100}pt"></div>`
    case 'rule':
      return block.extent === 'short' ? '<hr class="short-rule">' : '<hr class="header-rule">'
    case 'signature':
      return `<p class="${classes(ctx, `signature ${block.position}`, block)}">${textHtml(ctx, block.text)}</p>`
  }
}

/** Whether the blocks hold the document's title. */
export function hasTitle(blocks: readonly HeaderBlock[]): boolean {
  return blocks.some(
    (block) =>
      ('title' in block && block.title) ||
      (block.type === 'fields' && block.entries.some((entry) => entry.title)) ||
      (block.type === 'columns' && (hasTitle(block.left) || hasTitle(block.right))),
  )
}

/**
 * A header (or closing) description as HTML, one element per line in the
 * order the PDF sets them: lines, hanging addressees on a grid, labelled
 * fields as a description list, two columns side by side. The title (the
 * subject) is the page's one `<h1>`.
 */
export function headerBlocksHtml(ctx: HtmlContext, blocks: readonly HeaderBlock[], className = 'header-lines'): string {
  if (blocks.length === 0) return ''
  return `<div class="${className}">${blocks.map((block) => blockHtml(ctx, block)).join('\n')}</div>\n`
}
