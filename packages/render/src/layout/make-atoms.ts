import type { FontFace } from '../fonts/font-face.js'
import type { Glyph } from '../fonts/fontkit-types.js'
import { shapeText } from '../fonts/shape-text.js'
import type { ShapedText } from '../fonts/shape-text.js'
import { splitByCoverage } from '../fonts/split-by-coverage.js'
import { bidiLevels, hasRtl } from '../text/bidi-levels.js'
import type { ThemeData } from '../themes/theme.js'
import type { Span } from './collect-inlines.js'
import type { GlyphRunBox } from './laid-out.js'
import { faceChain } from './style.js'
import type { Style } from './style.js'

/** A run inside an atom: shaped glyphs plus what the line needs to place them. */
export interface AtomRun extends Omit<GlyphRunBox, 'x'> {
  width: number
  link?: string
}

/**
 * The unit of line breaking: a word (or a piece of one) that never splits,
 * with the width of the space that follows it.
 */
export interface Atom {
  runs: AtomRun[]
  width: number
  /** Width of the space after the atom; 0 when the next atom is glued to it. */
  space: number
  /** Bidi embedding level (odd: right to left). */
  level: number
  /** A forced line break follows. */
  hardBreak?: boolean
  /** A redaction bar: its width comes from the reason (and, when that is too wide, the line's width) only. */
  redaction?: {
    reason: string
    style: Style
    /** Height of the bar: one line of text, or more when the reason wraps. */
    height: number
    /** The reason as printed on the bar, line by line (none when the bar is too narrow even for "…"). */
    lines: { runs: AtomRun[]; width: number }[]
    /** Baseline-to-baseline distance of the label's lines. */
    lineHeight: number
  }
  /** Identifiers of the footnotes called in this atom. */
  footnotes?: string[]
  /** Ascent and descent (positive) of the atom's faces at their sizes, in points. */
  ascent: number
  descent: number
}

/** Words longer than this are measured character by character before being shaped: bounds the time of pathological tokens. */
const LONG_WORD = 48
/** Words at least this long with a `/` are treated as URLs or paths, breakable after separators. */
const URL_LIKE_LENGTH = 24
const URL_BREAKS = /(?<=[/?&=#])(?=[^/?&=#])/
/** Characters after which a too-long word (a URL) prefers to break. */
const SOFT_BREAK_AFTER = /[/\-.?&=_,;:#@)\]]/

/**
 * Turn styled spans into atoms: split at spaces, resolve bidi levels, pick a
 * face per character (fallback by coverage) and shape with the process-wide
 * cache. A word wider than `maxWidth` is cut into pieces that fit, preferring
 * to cut after `/`, `-`, `.` and the like.
 */
export function makeAtoms(spans: readonly Span[], theme: ThemeData, maxWidth: number, direction: 'ltr' | 'rtl' = 'ltr'): Atom[] {
  const whole = spans.map((span) => (span.kind === 'text' ? span.text : span.kind === 'break' ? '\n' : '\ufffc')).join('')
  const levels = hasRtl(whole) || direction === 'rtl' ? bidiLevels(whole, direction) : undefined
  const atoms: Atom[] = []
  let current: Atom | undefined
  const close = (space: number) => {
    if (current && current.runs.length > 0) {
      current.space = space
      atoms.push(...fitWidth(current, maxWidth))
    } else if (current?.redaction) {
      current.space = space
      atoms.push(current)
    }
    current = undefined
  }
  const open = (level: number): Atom => (current ??= { runs: [], width: 0, space: 0, level, ascent: 0, descent: 0 })
  let offset = 0
  for (const span of spans) {
    if (span.kind === 'break') {
      close(0)
      const last = atoms[atoms.length - 1]
      if (last) last.hardBreak = true
      else atoms.push({ runs: [], width: 0, space: 0, level: 0, hardBreak: true, ascent: 0, descent: 0 })
      offset += 1
      continue
    }
    if (span.kind === 'redaction') {
      close(0)
      atoms.push(redactionAtom(span.reason, span.style, theme, levels?.[offset] ?? 0, maxWidth))
      offset += 1
      continue
    }
    const chain = faceChain(span.style, theme)
    const spaceWidth = chain[0]!.spaceWidth * span.style.size
    const text = span.text
    let index = 0
    while (index < text.length) {
      if (text[index] === ' ') {
        let end = index
        while (end < text.length && text[end] === ' ') end++
        if (current) close(spaceWidth)
        else if (atoms.length > 0 && atoms[atoms.length - 1]!.space === 0 && !atoms[atoms.length - 1]!.hardBreak) atoms[atoms.length - 1]!.space = spaceWidth
        index = end
        continue
      }
      // A piece: up to the next space or change of bidi level.
      const level = levels?.[offset + index] ?? 0
      let end = index + 1
      while (end < text.length && text[end] !== ' ' && (levels?.[offset + end] ?? 0) === level) end++
      if (current && current.level !== level) close(0)
      const piece = text.slice(index, end)
      if (piece.length >= URL_LIKE_LENGTH && piece.includes('/')) {
        // URLs and paths: glued pieces the line breaker may separate after `/`, `?`, `&`.
        const parts = piece.split(URL_BREAKS).filter(Boolean)
        parts.forEach((part, partIndex) => {
          addPiece(open(level), part, span, chain, level)
          if (partIndex + 1 < parts.length) close(0)
        })
      } else addPiece(open(level), piece, span, chain, level)
      index = end
    }
    offset += text.length
  }
  close(0)
  return atoms
}

function addPiece(atom: Atom, text: string, span: Extract<Span, { kind: 'text' }>, chain: FontFace[], level: number): void {
  const { style } = span
  for (const piece of splitByCoverage(text, chain)) {
    const shaped = piece.missing ? replacementShape(piece.face, piece.text) : piece.text.length > LONG_WORD ? undefined : shapeText(piece.face, piece.text)
    const width = shaped ? shaped.width * style.size : measureByChar(piece.face, piece.text) * style.size
    atom.runs.push({
      face: piece.face,
      size: style.size,
      color: style.color,
      rise: style.rise ?? 0,
      shaped: shaped ?? shapeText(piece.face, ''),
      text: piece.text,
      rtl: level % 2 === 1,
      width,
      ...(style.link ? { link: style.link } : {}),
    })
    atom.width += width
    atom.ascent = Math.max(atom.ascent, piece.face.ascent * style.size + (style.rise ?? 0))
    atom.descent = Math.max(atom.descent, -piece.face.descent * style.size)
  }
  if (span.footnote) (atom.footnotes ??= []).push(span.footnote)
}

/** U+FFFD glyphs, one per character, each carrying the character it stands for (for ToUnicode). */
function replacementShape(face: FontFace, text: string): ShapedText {
  const mark = shapeText(face, '\ufffd')
  const chars = [...text]
  const glyph = mark.glyphs[0]
  const advance = mark.advances[0] ?? 0
  if (!glyph) return mark
  return {
    glyphs: chars.map((char) => Object.create(glyph, { codePoints: { value: [char.codePointAt(0)!], enumerable: true } }) as Glyph),
    advances: new Float64Array(chars.length).fill(advance),
    offsets: undefined,
    width: advance * chars.length,
  }
}

function measureByChar(face: FontFace, text: string): number {
  let width = 0
  for (const char of text) width += shapeText(face, char).width
  return width
}

/** Lines of a reason printed on one bar at most; what does not fit ends in an ellipsis. */
const MAX_LABEL_LINES = 3

/**
 * The bar standing for redacted text. Its width comes from the reason alone:
 * padding plus the label, or 4 em without a reason. Where that is wider than
 * the line (a narrow table cell), the bar takes the line's width and the
 * reason wraps on the bar, up to three lines, then ends in "…"; a word wider
 * than the bar is cut. Nothing here can see the secret: the model no longer
 * holds it.
 */
function redactionAtom(reason: string, style: Style, theme: ThemeData, level: number, maxWidth: number): Atom {
  const label = reason ? `[${reason}]` : ''
  const labelStyle = { ...style, size: Math.max(6, style.size * 0.8), bold: false, italic: false, color: '#ffffff', rise: 0 }
  const chain = faceChain(labelStyle, theme)
  const face = chain[0]!
  const padding = style.size * 0.8
  const rtl = level % 2 === 1
  const runsOf = (text: string): { runs: AtomRun[]; width: number } => {
    const runs: AtomRun[] = []
    let width = 0
    for (const piece of splitByCoverage(text, chain)) {
      const shaped = shapeText(piece.face, piece.text)
      runs.push({
        face: piece.face,
        size: labelStyle.size,
        color: labelStyle.color,
        rise: 0,
        shaped,
        text: piece.text,
        rtl,
        width: shaped.width * labelStyle.size,
      })
      width += shaped.width * labelStyle.size
    }
    return { runs, width }
  }
  const whole = runsOf(label)
  const natural = label ? whole.width + padding : style.size * 4
  const width = Math.min(natural, Math.max(1, maxWidth))
  const lines = natural <= width ? (label ? [whole] : []) : wrapLabel(label, width - padding, runsOf)
  const lineHeight = (face.ascent - face.descent) * labelStyle.size
  const single = (face.ascent - face.descent) * style.size
  const height = Math.max(single, lines.length * lineHeight + (lines.length > 1 ? style.size * 0.3 : 0))
  const ascent = face.ascent * style.size
  return {
    runs: lines.flatMap((line) => line.runs),
    width,
    space: 0,
    level,
    redaction: { reason, style, height, lines: lines.map((line) => ({ runs: line.runs, width: line.width })), lineHeight },
    ascent,
    descent: height - ascent,
  }
}

/**
 * Break `label` into lines no wider than `room`, greedily at spaces; a word
 * wider than `room` is cut by characters. After {@link MAX_LABEL_LINES}, the
 * last line is shortened until it fits with "…". Too narrow for even "…", no
 * label is printed: the bar alone still says something was removed.
 */
function wrapLabel(label: string, room: number, runsOf: (text: string) => { runs: AtomRun[]; width: number }): { runs: AtomRun[]; width: number }[] {
  const fits = (text: string) => runsOf(text).width <= room + 0.01
  if (!fits('…')) return []
  const texts: string[] = []
  let current = ''
  const cut = (word: string): string => {
    // Characters of `word` that fit on lines of their own; returns the rest.
    let rest = word
    while (rest && !fits(rest)) {
      const chars = [...rest]
      let end = 1
      while (end < chars.length && fits(chars.slice(0, end + 1).join(''))) end++
      texts.push(chars.slice(0, end).join(''))
      rest = chars.slice(end).join('')
    }
    return rest
  }
  for (const word of label.split(' ').filter(Boolean)) {
    const joined = current ? `${current} ${word}` : word
    if (fits(joined)) {
      current = joined
      continue
    }
    if (current) texts.push(current)
    current = cut(word)
  }
  if (current) texts.push(current)
  if (texts.length > MAX_LABEL_LINES) {
    let last = `${texts[MAX_LABEL_LINES - 1]!} ${texts[MAX_LABEL_LINES]!}`
    while (last && !fits(`${last}…`)) last = [...last].slice(0, -1).join('').trimEnd()
    texts.length = MAX_LABEL_LINES
    texts[MAX_LABEL_LINES - 1] = `${last}…`
  }
  return texts.map(runsOf)
}

/**
 * Cut an atom wider than `maxWidth` into atoms that fit. Only runs of plain
 * text are cut; each piece is shaped on its own, so a 30,000-character token
 * costs one cached shaping per distinct character plus one per piece.
 */
function fitWidth(atom: Atom, maxWidth: number): Atom[] {
  const needsShaping = atom.runs.some((run) => run.text.length > 0 && run.shaped.glyphs.length === 0)
  if (atom.width <= maxWidth && !needsShaping) return [atom]
  if (atom.width <= maxWidth) return [{ ...atom, runs: atom.runs.map(reshape) }]
  const pieces: Atom[] = []
  let piece: Atom = { ...atom, runs: [], width: 0, space: 0, footnotes: undefined, hardBreak: undefined }
  const flush = () => {
    if (piece.runs.length > 0) pieces.push(piece)
    piece = { ...atom, runs: [], width: 0, space: 0, footnotes: undefined, hardBreak: undefined }
  }
  for (const run of atom.runs) {
    const chars = [...run.text]
    let start = 0
    while (start < chars.length) {
      const room = maxWidth - piece.width
      let width = 0
      let end = start
      let soft = -1
      while (end < chars.length) {
        const charWidth = shapeText(run.face, chars[end]!).width * run.size
        if (width + charWidth > room && end > start) break
        width += charWidth
        if (SOFT_BREAK_AFTER.test(chars[end]!)) soft = end + 1
        end++
      }
      if (end === start && piece.runs.length > 0) {
        flush()
        continue
      }
      if (end < chars.length && soft > start && width > room * 0.4) end = soft
      if (end === start) end = start + 1
      const text = chars.slice(start, end).join('')
      const shaped = shapeText(run.face, text)
      piece.runs.push({ ...run, text, shaped, width: shaped.width * run.size })
      piece.width += shaped.width * run.size
      start = end
      if (start < chars.length) flush()
    }
  }
  flush()
  const last = pieces[pieces.length - 1]
  if (last) {
    last.space = atom.space
    if (atom.hardBreak) last.hardBreak = true
    if (atom.footnotes) last.footnotes = atom.footnotes
  }
  return pieces
}

function reshape(run: AtomRun): AtomRun {
  if (run.shaped.glyphs.length > 0 || run.text.length === 0) return run
  const shaped = shapeText(run.face, run.text)
  return { ...run, shaped, width: shaped.width * run.size }
}
