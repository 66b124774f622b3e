import type { FontFace } from '../fonts/font-face.js'
import type { GlyphRunBox } from '../layout/laid-out.js'
import { reuseGlyphData } from './reuse-glyph-data.js'

/** The parts of pdfkit's EmbeddedFont that the writer uses (not in pdfkit's types). */
interface EmbeddedFont {
  id: string
  scale: number
  subset: { includeGlyph(glyph: number): number; glyphs: number[] }
  widths: number[]
  unicode: number[][]
  ref(): unknown
}

/** The parts of a pdfkit document the writer uses beyond its public types. */
export interface PdfDocumentInternals {
  _font: EmbeddedFont
  page: { fonts: Record<string, unknown>; height: number }
  font(src: unknown): unknown
  addContent(data: string): unknown
}

interface DocumentFont {
  font: EmbeddedFont
  /** Hex code of each glyph id and text pair in this document's subset. */
  codes: Map<string, string>
  /** The text the first use of each glyph id stands for. */
  first: Map<number, string>
}

const documentFonts = new WeakMap<object, Map<string, DocumentFont>>()

/**
 * The PDF font of `face` in `doc`, created on first use from the already
 * parsed fontkit object: pdfkit embeds it (subset, with a ToUnicode map built
 * from the glyphs we register) when the document ends, each glyph's data read
 * once per process (`reuseGlyphData`).
 */
function documentFont(doc: PdfDocumentInternals, face: FontFace): DocumentFont {
  let fonts = documentFonts.get(doc)
  if (!fonts) documentFonts.set(doc, (fonts = new Map()))
  let entry = fonts.get(face.key)
  if (!entry) {
    doc.font(face.font)
    reuseGlyphData(doc._font.subset)
    entry = { font: doc._font, codes: new Map(), first: new Map() }
    fonts.set(face.key, entry)
  }
  return entry
}

function code(entry: DocumentFont, glyph: { id: number; advanceWidth: number; codePoints: number[] }): string {
  const text = glyph.codePoints.join(' ')
  const key = `${glyph.id}:${text}`
  let hex = entry.codes.get(key)
  if (hex === undefined) {
    const font = entry.font
    let gid: number
    const first = entry.first.get(glyph.id)
    if (first === undefined || first === text) {
      gid = font.subset.includeGlyph(glyph.id)
      entry.first.set(glyph.id, text)
    } else {
      // One glyph standing for different text (Arabic letters sharing a
      // skeleton, told apart by dots drawn as separate glyphs): a second CID
      // for the same outline, so each gets its own ToUnicode entry and text
      // extracts as written.
      font.subset.glyphs.push(glyph.id)
      gid = font.subset.glyphs.length - 1
    }
    font.widths[gid] ??= glyph.advanceWidth * font.scale
    font.unicode[gid] ??= glyph.codePoints
    hex = gid.toString(16).padStart(4, '0')
    entry.codes.set(key, hex)
  }
  return hex
}

/** A number as PDF content writes it: at most three decimals, no exponent. */
export function pdfNumber(value: number): string {
  const rounded = Math.round(value * 1000) / 1000
  return Object.is(rounded, -0) ? '0' : String(rounded)
}

/** `#rrggbb` as the three operands of `rg`. */
export function rgb(color: string): string {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color)
  if (!match) return '0 0 0'
  return match
    .slice(1)
    .map((hex) => pdfNumber(parseInt(hex, 16) / 255))
    .join(' ')
}

/**
 * Write glyph runs as PDF text operators at baseline `y` (top-down page
 * coordinates): one `TJ` per run with kerning as adjustments, then the
 * marks, each at its own position. Glyphs were shaped once per process, so this
 * only maps glyph ids to the document's subset.
 */
export function writeRuns(doc: PdfDocumentInternals, runs: readonly GlyphRunBox[], x: number, y: number): void {
  const height = doc.page.height
  const out: string[] = ['q', `1 0 0 -1 0 ${pdfNumber(height)} cm`, 'BT']
  const outlines: { glyph: { id: number }; face: FontFace; size: number; color: string; x: number; y: number }[] = []
  let currentFont = ''
  let currentColor = ''
  for (const run of runs) {
    if (run.shaped.glyphs.length === 0) continue
    const entry = documentFont(doc, run.face)
    const font = entry.font
    if (doc.page.fonts[font.id] == null) doc.page.fonts[font.id] = font.ref()
    const fontKey = `${font.id} ${run.size}`
    if (fontKey !== currentFont) {
      out.push(`/${font.id} ${pdfNumber(run.size)} Tf`)
      currentFont = fontKey
    }
    if (run.color !== currentColor) {
      out.push(`${rgb(run.color)} rg`)
      currentColor = run.color
    }
    const baseline = height - (y - run.rise)
    let penX = x + run.x
    out.push(`1 0 0 1 ${pdfNumber(penX)} ${pdfNumber(baseline)} Tm`)
    const { glyphs, advances, offsets } = run.shaped
    const scale = font.scale
    const items: string[] = []
    let hex = ''
    let pending = 0
    // Glyphs placed off the pen (Arabic dots and marks) are drawn in a second
    // pass: the main run stays one unbroken TJ, so extractors that split text
    // at every repositioning (pdf.js) still read the word whole.
    const positioned: { glyph: (typeof glyphs)[number]; x: number; y: number }[] = []
    for (let index = 0; index < glyphs.length; index++) {
      const glyph = glyphs[index]!
      const advance = advances[index]!
      const ox = offsets ? offsets[index * 2]! : 0
      const oy = offsets ? offsets[index * 2 + 1]! : 0
      if (ox !== 0 || oy !== 0 || glyph.codePoints.length === 0) {
        const mark = { glyph, x: penX + ox * run.size, y: baseline + oy * run.size }
        // A glyph that stands for no character (the dots Noto Naskh adds to an
        // Arabic skeleton) has no honest ToUnicode entry: an empty one reads as
        // U+FFFD in MuPDF. Drawn as an outline, it is ink only, never text.
        if (glyph.codePoints.length === 0) outlines.push({ ...mark, face: run.face, size: run.size, color: run.color })
        else positioned.push(mark)
        // The pen moves by the glyph's advance without drawing it.
        pending -= advance * 1000
        penX += advance * run.size
        continue
      }
      if (pending !== 0) {
        if (hex) items.push(`<${hex}>`)
        hex = ''
        items.push(pdfNumber(Math.round(pending * 100) / 100))
      }
      hex += code(entry, glyph)
      // The PDF advances by the glyph's own width; the difference is kerning (in thousandths of an em).
      const natural = (glyph.advanceWidth * scale) / 1000
      pending = (natural - advance) * 1000
      penX += advance * run.size
    }
    if (hex) items.push(`<${hex}>`)
    if (items.length > 0) out.push(`[${items.join(' ')}] TJ`)
    for (const mark of positioned) {
      out.push(`1 0 0 1 ${pdfNumber(mark.x)} ${pdfNumber(mark.y)} Tm`, `[<${code(entry, mark.glyph)}>] TJ`)
    }
  }
  out.push('ET')
  for (const outline of outlines) {
    const path = glyphPath(outline.face, outline.glyph.id)
    if (path === '') continue
    const scale = outline.size / outline.face.font.unitsPerEm
    out.push('q', `${rgb(outline.color)} rg`, `${pdfNumber(scale)} 0 0 ${pdfNumber(scale)} ${pdfNumber(outline.x)} ${pdfNumber(outline.y)} cm`, path, 'f', 'Q')
  }
  out.push('Q')
  doc.addContent(out.join('\n'))
}

/** Outlines already converted, by face and glyph id: a dot is converted once per process. */
const glyphPaths = new Map<string, string>()

/**
 * The outline of glyph `id` of `face` as PDF path operators in font units
 * (quadratic TrueType curves raised to cubic ones, which PDF draws).
 */
function glyphPath(face: FontFace, id: number): string {
  const key = `${face.key}:${id}`
  let path = glyphPaths.get(key)
  if (path !== undefined) return path
  const glyph = face.font.getGlyph(id) as unknown as { path: { commands: { command: string; args: number[] }[] } }
  const ops: string[] = []
  let x = 0
  let y = 0
  const n = pdfNumber
  for (const { command, args } of glyph.path.commands) {
    if (command === 'moveTo' || command === 'lineTo') {
      ;[x, y] = args as [number, number]
      ops.push(`${n(x)} ${n(y)} ${command === 'moveTo' ? 'm' : 'l'}`)
    } else if (command === 'quadraticCurveTo') {
      const [cx, cy, ex, ey] = args as [number, number, number, number]
      ops.push(`${n(x + (2 / 3) * (cx - x))} ${n(y + (2 / 3) * (cy - y))} ${n(ex + (2 / 3) * (cx - ex))} ${n(ey + (2 / 3) * (cy - ey))} ${n(ex)} ${n(ey)} c`)
      x = ex
      y = ey
    } else if (command === 'bezierCurveTo') {
      const [c1x, c1y, c2x, c2y, ex, ey] = args as [number, number, number, number, number, number]
      ops.push(`${n(c1x)} ${n(c1y)} ${n(c2x)} ${n(c2y)} ${n(ex)} ${n(ey)} c`)
      x = ex
      y = ey
    } else if (command === 'closePath') ops.push('h')
  }
  path = ops.join(' ')
  glyphPaths.set(key, path)
  return path
}
