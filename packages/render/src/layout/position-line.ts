import { reorderByLevel } from '../text/bidi-levels.js'
import type { Line } from './break-lines.js'
import type { Atom } from './make-atoms.js'
import type { Box, GlyphRunBox, Row, TextBox } from './laid-out.js'

/** How a line sits in its box. */
export interface LineOptions {
  /** Left edge of the text column, in points. */
  x: number
  width: number
  align: 'left' | 'right' | 'center' | 'justify'
  /** Extra indentation of this line (first-line indent), from the start side. */
  indent?: number
  /** Minimum line height (the paragraph's own size and leading). */
  minAscent: number
  minDescent: number
  /** Leading added below each line, in points. */
  gap: number
  /** Start side: right for right-to-left paragraphs. */
  direction?: 'ltr' | 'rtl'
  /** Colour of the redaction bars. */
  redactionColor: string
  role?: string
}

/**
 * Place one line's atoms: visual order by bidi level, alignment or
 * justification (extra space shared between words), then one text box with
 * every run, plus bars for redactions and boxes for links. Returns a row whose
 * boxes are relative to its top.
 */
export function positionLine(line: Line, options: LineOptions): Row {
  const ascent = Math.max(options.minAscent, ...line.atoms.map((atom) => atom.ascent))
  const descent = Math.max(options.minDescent, ...line.atoms.map((atom) => atom.descent))
  const height = ascent + descent + options.gap
  const indent = options.indent ?? 0
  const available = options.width - indent
  const order = line.atoms.map((atom, index) => ({ atom, index }))
  const visual = line.atoms.some((atom) => atom.level % 2 === 1) ? reorderByLevel(order, (item) => item.atom.level) : order
  const gaps: number[] = []
  for (let index = 0; index + 1 < visual.length; index++) {
    const left = visual[index]!
    const right = visual[index + 1]!
    gaps.push(left.index < right.index ? left.atom.space : right.atom.space)
  }
  const natural = line.atoms.reduce((sum, atom) => sum + atom.width, 0) + gaps.reduce((sum, gap) => sum + gap, 0)
  const slack = Math.max(0, available - natural)
  const stretchable = gaps.filter((gap) => gap > 0).length
  let extra = 0
  let start = 0
  const rtl = options.direction === 'rtl'
  if (options.align === 'justify' && !line.last && stretchable > 0) extra = slack / stretchable
  else if (options.align === 'right' || (options.align === 'justify' && rtl)) start = slack
  else if (options.align === 'center') start = slack / 2
  let x = options.x + (rtl ? 0 : indent) + start
  const runs: GlyphRunBox[] = []
  const boxes: Box[] = []
  let link: { url: string; x: number; end: number } | undefined
  const closeLink = () => {
    if (link) boxes.push({ type: 'link', x: link.x, y: 0, width: link.end - link.x, height: ascent + descent, url: link.url })
    link = undefined
  }
  visual.forEach(({ atom }, index) => {
    if (atom.redaction) {
      boxes.push(redactionBar(atom, x, ascent, options.redactionColor))
      closeLink()
    } else {
      const ordered = atom.level % 2 === 1 ? [...atom.runs].reverse() : atom.runs
      let runX = x
      for (const run of ordered) {
        runs.push({ face: run.face, size: run.size, color: run.color, x: runX, rise: run.rise, shaped: run.shaped, text: run.text, rtl: run.rtl })
        if (run.link) {
          if (link && link.url === run.link && Math.abs(link.end - runX) < 0.01 + (gaps[index - 1] ?? 0) + extra) link.end = runX + run.width
          else {
            closeLink()
            link = { url: run.link, x: runX, end: runX + run.width }
          }
        } else closeLink()
        runX += run.width
      }
    }
    const gap = gaps[index] ?? 0
    x += atom.width + gap + (gap > 0 ? extra : 0)
  })
  closeLink()
  if (runs.length > 0) boxes.unshift({ type: 'text', x: 0, y: ascent, runs, ...(options.role ? { role: options.role } : {}) })
  return { height, boxes }
}

function redactionBar(atom: Atom, x: number, ascent: number, color: string): Box {
  const bar = atom.redaction!
  const top = ascent - atom.ascent
  const lines = bar.lines
  const size = lines[0]?.runs[0]?.size ?? 0
  // One line sits centred on the bar as it always has; several are centred as a block.
  const firstBaseline =
    lines.length <= 1 ? top + bar.height / 2 + size * 0.33 : top + (bar.height - lines.length * bar.lineHeight) / 2 + bar.lineHeight / 2 + size * 0.33
  const labels = lines.map((line, index): TextBox => {
    const runs: GlyphRunBox[] = []
    let runX = x + (atom.width - line.width) / 2
    for (const run of line.runs) {
      runs.push({ face: run.face, size: run.size, color: run.color, x: runX, rise: 0, shaped: run.shaped, text: run.text, rtl: run.rtl })
      runX += run.width
    }
    return { type: 'text', x: 0, y: firstBaseline + index * bar.lineHeight, runs }
  })
  return { type: 'redaction', x, y: top, width: atom.width, height: bar.height, color, labels }
}
