import type { HeaderBlock, HeaderEmphasis, HeaderFields, HeaderLine } from '../themes/header-block.js'
import { headerSize } from '../themes/header-size.js'
import type { Marks } from './inline-xml.js'
import { prepareTextXml, textRunsXml } from './inline-xml.js'
import { labelledXml } from './labelled-xml.js'
import { layoutTable } from './layout-table.js'
import { STYLE } from './styles.js'
import { halfPoints, hexColor, twips } from './themes.js'
import { paragraphXml } from './wml-paragraph.js'
import type { ParagraphProps } from './wml-paragraph.js'
import { runXml } from './wml-run.js'
import type { XmlContext } from './xml-context.js'

/**
 * An estimate of the width of `text` in points, for indents Word cannot
 * measure for us (a hanging value under `TO `): exact in the typewriter face,
 * whose every advance is 0.6 em, and near enough in the serif one.
 */
function estimateWidth(ctx: XmlContext, text: string, size: number): number {
  const em = (ctx.cableTheme ?? ctx.theme).fonts.body === 'mono' ? 0.6 : 0.55
  return [...text].length * size * em
}

function marksOf(ctx: XmlContext, emphasis: HeaderEmphasis | undefined): Marks {
  return {
    ...(emphasis?.bold ? { bold: true } : {}),
    ...(emphasis?.size && emphasis.size !== 'body' ? { size: halfPoints(headerSize(ctx.theme, emphasis.size)) } : {}),
    ...(emphasis?.muted ? { color: hexColor(ctx.theme.colors.muted) } : {}),
  }
}

/** Where a block is written: the alignment its lines take when they name none. */
interface Cell {
  align: 'left' | 'right'
  /** Lines of a right-to-left language (`w:bidi`). */
  rtl?: boolean
}

const ALIGNMENT = { left: 'left', center: 'center', right: 'right' } as const

/** The paragraph style of a header line: a telegram's own (its subject apart), else the generic header line. */
function lineStyle(ctx: XmlContext, title: boolean | undefined): string {
  if (!ctx.extras.telegram) return STYLE.headerLine
  return title ? STYLE.telegramSubject : STYLE.telegramHeader
}

class Writer {
  readonly out: string[] = []
  /** Space owed to the next paragraph, in points. */
  private space = 0

  constructor(
    private readonly ctx: XmlContext,
    private readonly options: HeaderBlocksOptions = {},
  ) {
    this.space = options.spaceBefore ?? 0
  }

  paragraph(props: ParagraphProps, content: string): void {
    const before = props.spacing?.before ?? 0
    const spacing = this.space > 0 || props.spacing ? { spacing: { ...props.spacing, before: before + twips(this.space) } } : {}
    this.out.push(paragraphXml({ ...props, ...spacing, ...(this.options.keepNext ? { keepNext: true } : {}) }, content))
    this.space = 0
  }

  block(block: HeaderBlock, cell: Cell): void {
    const ctx = this.ctx
    switch (block.type) {
      case 'line': {
        if (block.docxStyle) {
          this.styledLine(block, block.docxStyle, cell)
          return
        }
        const marks = marksOf(ctx, block)
        const caps = (text: string) => (block.caps ? text.toUpperCase() : text)
        const runs =
          typeof block.text === 'string'
            ? textRunsXml(ctx, caps(block.text), marks)
            : block.text.map((span) => textRunsXml(ctx, caps(span.text), marks)).join('')
        const align = block.align ?? cell.align
        this.paragraph(
          {
            style: lineStyle(ctx, block.title),
            ...(align !== 'left' ? { alignment: ALIGNMENT[align] } : {}),
            ...(block.indent ? { indent: { left: twips(block.indent) } } : {}),
            ...(cell.rtl ? { bidi: true } : {}),
          },
          runs,
        )
        return
      }
      case 'hanging': {
        const marks = marksOf(ctx, block)
        const hang = twips(estimateWidth(ctx, `${block.label} `, headerSize(ctx.theme, block.size)))
        block.values.forEach((value, index) => {
          const content = index === 0 ? textRunsXml(ctx, `${block.label} ${value}`, marks) : textRunsXml(ctx, value, marks)
          this.paragraph({ style: lineStyle(ctx, block.title), indent: index === 0 ? { left: hang, hanging: hang } : { left: hang } }, content)
        })
        return
      }
      case 'fields': {
        if (block.docxStyle || block.entries.some((entry) => entry.docxStyle)) {
          this.styledFields(block, cell)
          return
        }
        // The label's punctuation follows the cable's language, as the PDF sets it, whatever the theme's spacing rules.
        const colon = (ctx.cable.lang ?? '').toLowerCase().startsWith('fr') ? ' :' : ':'
        const labelSize = headerSize(ctx.theme, block.label?.size)
        const widest = Math.max(0, ...block.entries.map((entry) => estimateWidth(ctx, `${entry.label}${colon} `, labelSize)))
        const tab = twips(widest + 4)
        const labelMarks = { ...marksOf(ctx, block.label), bold: true }
        const valueMarks = marksOf(ctx, block.value)
        for (const entry of block.entries) {
          const label = entry.label ? runXml(prepareTextXml(ctx, `${entry.label}${colon}`), { style: STYLE.label, ...labelMarks }) : ''
          this.paragraph(
            { style: lineStyle(ctx, entry.title), tabs: [{ type: 'left', position: tab }], indent: { left: tab, hanging: tab } },
            `${label}${runXml('\t')}${textRunsXml(ctx, entry.value, valueMarks)}`,
          )
        }
        return
      }
      case 'columns': {
        const left = new Writer(ctx)
        for (const child of block.left) left.block(child, { align: 'left' })
        const right = new Writer(ctx)
        for (const child of block.right) right.block(child, { align: 'right' })
        const half = Math.round(ctx.textWidth * (block.docxSplit ?? 0.5))
        this.flushSpace()
        this.out.push(
          layoutTable([
            { width: half, children: left.done() },
            { width: ctx.textWidth - half, children: right.done() },
          ]),
        )
        return
      }
      case 'localized':
        for (const child of block.blocks) this.block(child, { ...cell, ...(block.dir === 'rtl' ? { rtl: true } : {}) })
        return
      case 'space':
        if (typeof block.docx === 'string') {
          this.flushSpace()
          this.paragraph({ style: block.docx }, '')
        } else if (block.docx !== false) this.space += block.points
        return
      case 'rule':
        this.paragraph({ style: STYLE.rule, ...(block.extent === 'short' ? { indent: { right: Math.round(ctx.textWidth * 0.7) } } : {}) }, '')
        return
      case 'signature': {
        const margin = block.position === 'margin'
        const style = margin ? STYLE.headerLine : STYLE.signature
        const bold = block.bold === true
        this.paragraph(
          { style, ...(block.position === 'letter-left' ? { alignment: 'left' } : {}) },
          textRunsXml(ctx, block.text, margin && bold ? { bold } : !margin && !bold ? { bold: false } : {}),
        )
        return
      }
    }
  }

  /**
   * A line in a named style, which carries its look (capitals included): only the text as written, its direction, and stamps
   * boxed by their character style.
   */
  private styledLine(block: HeaderLine, style: string, cell: Cell): void {
    const ctx = this.ctx
    const spans = typeof block.text === 'string' ? [block.text] : block.text.map((span) => span.text)
    let content = ''
    if (block.boxed) {
      // Non-breaking spaces pad each stamp inside its border; plain spaces part the stamps.
      for (const label of spans.filter((text) => text !== '')) {
        if (content !== '') content += runXml('    ')
        content += runXml(`\u00A0${prepareTextXml(ctx, label)}\u00A0`, { style: STYLE.stamp })
      }
    } else content = spans.map((text) => textRunsXml(ctx, text)).join('')
    if (content === '') return
    this.paragraph({ style, ...(cell.rtl ? { bidi: true } : {}) }, content)
  }

  /** Labelled fields in named styles, whose tab stops and indents align the values. */
  private styledFields(block: HeaderFields, cell: Cell): void {
    const ctx = this.ctx
    for (const entry of block.entries) {
      const style = entry.docxStyle ?? block.docxStyle ?? STYLE.headerLine
      const content = entry.label ? labelledXml(ctx, entry.label, entry.value, block.docxTab !== false) : runXml('\t') + textRunsXml(ctx, entry.value)
      this.paragraph({ style, ...(cell.align === 'right' ? { alignment: 'right' } : {}) }, content)
    }
  }

  private flushSpace(): void {
    if (this.space > 0) this.out.push(paragraphXml({ style: lineStyle(this.ctx, false), spacing: { before: 0, after: twips(Math.max(0, this.space - 12)) } }))
    this.space = 0
  }

  /** The paragraphs written; space owed at the end becomes an empty paragraph. */
  done(): string[] {
    this.flushSpace()
    return this.out
  }
}

/** Options of {@link headerBlocksXml}. */
export interface HeaderBlocksOptions {
  /** Space before the first paragraph, in points. */
  spaceBefore?: number
  /** Keep every paragraph with the next (a closing followed by the list of attachments). */
  keepNext?: boolean
}

/**
 * A header (or closing) description as WordprocessingML paragraphs, with
 * named styles (`Cable Header Line`, `Cable Label`, `Cable Signature`) so an
 * editor restyles it from Word's Styles pane: lines, addressees hanging under
 * their label, labelled fields on a tab stop, two columns as a borderless
 * table, space carried onto the next paragraph.
 */
export function headerBlocksXml(ctx: XmlContext, blocks: readonly HeaderBlock[], options: HeaderBlocksOptions = {}): string[] {
  const writer = new Writer(ctx, options)
  for (const block of blocks) writer.block(block, { align: 'left' })
  return writer.done()
}
