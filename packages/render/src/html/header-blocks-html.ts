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

/** Each span a boxed stamp. */
function stampsHtml(ctx: HtmlContext, text: string | readonly HeaderSpan[]): string {
  const spans = typeof text === 'string' ? [text] : text.map((span) => span.text)
  return spans
    .filter((label) => label !== '')
    .map((label) => `<span class="stamp">${textHtml(ctx, label)}</span>`)
    .join(' ')
}

function spansHtml(ctx: HtmlContext, text: string | readonly HeaderSpan[], marked = false): string {
  if (typeof text === 'string') return textHtml(ctx, text, marked ? { rtlBlock: true } : {})
  // A spaced banner for the eye, and the word for screen readers, which would otherwise spell it letter by letter.
  return text
    .map((span) =>
      span.spoken !== undefined
        ? `<span aria-hidden="true">${textHtml(ctx, span.text, { french: false })}</span>` +
          `<span class="visually-hidden">${textHtml(ctx, span.spoken, { french: false })}</span>`
        : textHtml(ctx, span.text),
    )
    .join('')
}

const title = (html: string) => `<h1 class="subject">${html}</h1>`

/** `marked`: the block sits in an element that carries its language and direction. */
function blockHtml(ctx: HtmlContext, block: HeaderBlock, marked = false): string {
  switch (block.type) {
    case 'line': {
      const text = (value: string) => (block.caps ? value.toUpperCase() : value)
      const spans = typeof block.text === 'string' ? text(block.text) : block.text.map((span) => ({ ...span, text: text(span.text) }))
      const content = block.boxed ? stampsHtml(ctx, spans) : spansHtml(ctx, spans, marked)
      if (block.htmlClass) {
        // The class carries the look, but a bold line still needs the bold face embedded.
        if (block.bold) ctx.seen.bold = true
        return `<p class="${block.htmlClass}">${block.title ? title(content) : content}</p>`
      }
      const indent = block.indent ? ` style="padding-left:${Math.round(block.indent * 100) / 100}pt"` : ''
      const base = ['line', ...(block.solid ? ['solid'] : []), ...(block.boxed ? ['stamps'] : [])].join(' ')
      return `<div class="${classes(ctx, base, block, block.align)}"${indent}>${block.title ? title(content) : content}</div>`
    }
    case 'localized': {
      // The block says its language and direction, so its lines are read and set as written, with no mark of their own.
      const lang = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/.test(block.lang) ? block.lang : undefined
      const inner = block.blocks.map((child) => blockHtml(ctx, child, lang !== undefined)).join('')
      if (!inner) return ''
      return `<div class="localized"${lang ? ` lang="${lang}"` : ''}${lang && block.dir === 'rtl' ? ' dir="rtl"' : ''}>${inner}</div>`
    }
    case 'hanging': {
      const values = block.values.map((value, index) => {
        const content = textHtml(ctx, value)
        return `<span class="value">${block.title && index === 0 ? title(content) : content}</span>`
      })
      const label = `<span class="label">${textHtml(ctx, block.label, { french: false })}</span>`
      return `<div class="${classes(ctx, 'line hanging', block)}">${label} <span class="values">${values.join('')}</span></div>`
    }
    case 'fields': {
      const lines: LabelledLine[] = block.entries.map((entry) => [entry.label, entry.title ? title(textHtml(ctx, entry.value)) : textHtml(ctx, entry.value)])
      const size = block.value?.size ?? block.label?.size
      const names = [
        'fields',
        ...(block.label?.muted ? ['muted-labels'] : []),
        // Values take the labels' size, as the PDF sets them on one baseline.
        ...(size && size !== 'body' ? [`size-${size}`] : []),
      ]
      return labelledLinesHtml(ctx, lines, names.join(' ')).trimEnd()
    }
    case 'columns': {
      // Columns inside a localized block are in its language too.
      const width = (share: number | undefined) => (share !== undefined ? ` style="width:${Math.round(share * 1000) / 10}%"` : '')
      const left = block.left.map((child) => blockHtml(ctx, child, marked)).join('')
      const right = block.right.map((child) => blockHtml(ctx, child, marked)).join('')
      const columns = `<div class="column-left"${width(block.widths?.[0])}>${left}</div><div class="column-right"${width(block.widths?.[1])}>${right}</div>`
      return `<div class="columns">${columns}</div>`
    }
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
      (block.type === 'columns' && (hasTitle(block.left) || hasTitle(block.right))) ||
      (block.type === 'localized' && hasTitle(block.blocks)),
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
