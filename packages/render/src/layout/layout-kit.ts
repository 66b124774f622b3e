import type { Cable } from '@cablekit/core'
import { labelsFor } from '../themes/theme.js'
import type { Labels, ThemeData } from '../themes/theme.js'
import { collectInlines } from './collect-inlines.js'
import type { InlineContext, Span } from './collect-inlines.js'
import type { Box, Group, Row } from './laid-out.js'
import { layoutParagraph } from './layout-paragraph.js'
import type { ParagraphOptions } from './layout-paragraph.js'
import { makeAtoms } from './make-atoms.js'
import { bodyStyle } from './style.js'
import type { Style } from './style.js'
import { translateBox } from './translate-box.js'

/** The content area of a page, in points from its top-left corner. */
export interface Frame {
  x: number
  y: number
  width: number
  height: number
}

/** Options of {@link LayoutKit.paragraph}: those of a paragraph, all optional, and a style override. */
export type KitParagraphOptions = Partial<Omit<ParagraphOptions, 'style'>> & { style?: Partial<Style> }

/**
 * What a theme's drawing functions get: the cable, the theme, the page frame
 * and helpers that set text with the same shaped fonts as the body, so a
 * theme is data plus a few lines of layout, not a fork of the renderer.
 */
export interface LayoutKit {
  cable: Cable
  theme: ThemeData
  labels: Labels
  /** Language of the cable (BCP 47, `en` when absent). */
  lang: string
  frame: Frame
  page: { width: number; height: number }
  /** Context used to turn inline mdast into spans. */
  inline: InlineContext
  /** Body style with `overrides`. */
  style(overrides?: Partial<Style>): Style
  /** Spans of plain `text` (sanitised, French spacing when the cable is French, capitals when the style asks). */
  spans(text: string, style?: Partial<Style>): Span[]
  /** Set text or spans as rows, by default across the frame, left-aligned. */
  paragraph(content: string | Span[], options?: KitParagraphOptions): Row[]
  /** Width of `text` on one line in `style`, in points. */
  measure(text: string, style?: Partial<Style>): number
  /** Put columns of rows side by side: row i of the result holds row i of every column. */
  columns(...columns: Row[][]): Row[]
  /** An empty row of `height` points. */
  spacer(height: number): Row
  /** Rows as a group (unbreakable unless `minSplit` is given). */
  group(rows: Row[], options?: Partial<Omit<Group, 'rows'>>): Group
  /** Merge rows into one unbreakable row. */
  stack(rows: Row[]): Row
  /** A boxed stamp (precedence, classification): its boxes at (0, 0), and its size. */
  stamp(label: string, options?: { style?: Partial<Style>; color?: string; padding?: number }): { width: number; height: number; boxes: Box[] }
}

/** Build the {@link LayoutKit} of a cable for a theme and frame. */
export function createLayoutKit(cable: Cable, theme: ThemeData, frame: Frame, page: { width: number; height: number }, inline: InlineContext): LayoutKit {
  const base = bodyStyle(theme)
  const style = (overrides: Partial<Style> = {}): Style => ({ ...base, ...overrides })
  const kit: LayoutKit = {
    cable,
    theme,
    labels: labelsFor(theme, cable.lang),
    lang: cable.lang ?? 'en',
    frame,
    page,
    inline,
    style,
    spans: (text, overrides) => collectInlines([{ type: 'text', value: text }], style(overrides), inline),
    paragraph(content, options = {}) {
      const paragraphStyle = style(options.style)
      const spans = typeof content === 'string' ? kit.spans(content, options.style) : content
      return layoutParagraph(spans, theme, {
        x: options.x ?? frame.x,
        width: options.width ?? frame.width,
        align: options.align ?? 'left',
        style: paragraphStyle,
        ...(options.indent !== undefined ? { indent: options.indent } : {}),
        ...(options.gap !== undefined ? { gap: options.gap } : {}),
        ...(options.direction ? { direction: options.direction } : {}),
        ...(options.role ? { role: options.role } : {}),
        ...(options.footnoteRows ? { footnoteRows: options.footnoteRows } : {}),
      })
    },
    measure(text, overrides) {
      const atoms = makeAtoms(kit.spans(text, overrides), theme, Infinity)
      return atoms.reduce((sum, atom, index) => sum + atom.width + (index + 1 < atoms.length ? atom.space : 0), 0)
    },
    columns(...columns) {
      const count = Math.max(0, ...columns.map((column) => column.length))
      const rows: Row[] = []
      for (let index = 0; index < count; index++) {
        const cells = columns.map((column) => column[index]).filter((row): row is Row => row !== undefined)
        rows.push({ height: Math.max(...cells.map((row) => row.height)), boxes: cells.flatMap((row) => row.boxes) })
      }
      return rows
    },
    spacer: (height) => ({ height, boxes: [] }),
    group: (rows, options = {}) => ({ rows, spaceBefore: 0, spaceAfter: 0, minSplit: Infinity, ...options }),
    stack(rows) {
      let y = 0
      const boxes: Box[] = []
      for (const row of rows) {
        boxes.push(...row.boxes.map((box) => translateBox(box, 0, y)))
        y += row.height
      }
      return { height: y, boxes }
    },
    stamp(label, options = {}) {
      const padding = options.padding ?? 5
      const color = options.color ?? theme.colors.stamp
      const stampStyle = { family: theme.fonts.stamp, size: theme.sizes.stamp, bold: true, color, ...options.style }
      const width = kit.measure(label, stampStyle) + padding * 2
      const rows = kit.paragraph(label, { x: padding, width: width - padding * 2 + 1, style: stampStyle, gap: 0 })
      const inner = kit.stack(rows)
      const height = inner.height + padding * 1.4
      return {
        width,
        height,
        boxes: [
          { type: 'rect', x: 0, y: 0, width, height, stroke: color, lineWidth: 1.2 },
          { type: 'rect', x: 2, y: 2, width: width - 4, height: height - 4, stroke: color, lineWidth: 0.4 },
          ...inner.boxes.map((box) => translateBox(box, 0, padding * 0.7)),
        ],
      }
    },
  }
  return kit
}
