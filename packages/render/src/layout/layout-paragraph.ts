import type { ThemeData } from '../themes/theme.js'
import { breakLines } from './break-lines.js'
import type { Span } from './collect-inlines.js'
import type { Row } from './laid-out.js'
import { makeAtoms } from './make-atoms.js'
import { positionLine } from './position-line.js'
import { faceChain } from './style.js'
import type { Style } from './style.js'

/** Where and how a paragraph is set. */
export interface ParagraphOptions {
  x: number
  width: number
  align: 'left' | 'right' | 'center' | 'justify'
  /** Indent of the first line. */
  indent?: number
  /** Leading below each line (default: the theme's `lineGap`). */
  gap?: number
  direction?: 'ltr' | 'rtl'
  /** The paragraph's base style: sets the minimum line height. */
  style: Style
  role?: string
  /** Rows of each footnote by identifier, attached to the row that calls it. */
  footnoteRows?: (identifier: string) => Row[] | undefined
}

/**
 * Set a paragraph: spans to atoms (shaped, fallback faces, bidi levels), atoms
 * to lines (greedy), lines to rows with boxes relative to each row's top.
 *
 * @example layoutParagraph([{ kind: 'text', text: 'Objet', style }], theme, { x: 70, width: 460, align: 'left', style })
 */
export function layoutParagraph(spans: readonly Span[], theme: ThemeData, options: ParagraphOptions): Row[] {
  const indent = options.indent ?? 0
  const atoms = makeAtoms(spans, theme, Math.max(1, options.width - indent), options.direction)
  const lines = breakLines(atoms, (line) => options.width - (line === 0 ? indent : 0))
  const face = faceChain(options.style, theme)[0]!
  const minAscent = face.ascent * options.style.size
  const minDescent = -face.descent * options.style.size
  return lines.map((line, index) => {
    const row = positionLine(line, {
      x: options.x,
      width: options.width,
      align: options.align,
      indent: index === 0 ? indent : 0,
      minAscent,
      minDescent,
      gap: options.gap ?? theme.sizes.lineGap,
      redactionColor: theme.colors.redaction,
      ...(options.direction ? { direction: options.direction } : {}),
      ...(options.role ? { role: options.role } : {}),
    })
    const called = line.atoms.flatMap((atom) => atom.footnotes ?? [])
    if (called.length > 0 && options.footnoteRows) {
      const footnotes = called.flatMap((identifier) => options.footnoteRows!(identifier) ?? [])
      if (footnotes.length > 0) row.footnotes = footnotes
    }
    return row
  })
}
