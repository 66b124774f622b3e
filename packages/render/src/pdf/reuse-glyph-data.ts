/**
 * What fontkit's TrueType subset needs of one glyph: its `glyf` bytes, the
 * components a composite glyph refers to (with where their ids sit in those
 * bytes), and its horizontal metrics.
 */
interface GlyphData {
  bytes: Uint8Array
  components: { glyphID: number; pos: number }[] | undefined
  advance: number
  bearing: number
}

/** The parts of fontkit's TrueType font and glyph objects read here (not in its types). */
interface TrueTypeFont {
  loca: { offsets: number[] }
  _variationProcessor?: unknown
  _getTableStream(tag: string): { pos: number; readBuffer(length: number): Uint8Array }
  getGlyph(id: number): {
    advanceWidth: number
    _decode(): { numberOfContours: number; components?: { glyphID: number; pos: number }[] } | null
    _getMetrics(): { leftBearing: number }
  }
}

/** The parts of fontkit's TrueType subset (`TTFSubset`) that `encode()` reads and `_addGlyph` fills. */
interface TrueTypeSubset {
  font: TrueTypeFont
  cff?: unknown
  glyf: Uint8Array[]
  loca: { offsets: number[] }
  hmtx: { metrics: { advance: number; bearing: number }[] }
  offset: number
  includeGlyph(id: number): number
  _addGlyph?: (id: number) => number
}

const glyphData = new WeakMap<object, Map<number, GlyphData>>()

/** Glyph `id` of `font`, read and decoded once per process. */
function dataOf(font: TrueTypeFont, id: number): GlyphData {
  let glyphs = glyphData.get(font)
  if (!glyphs) glyphData.set(font, (glyphs = new Map()))
  let data = glyphs.get(id)
  if (data) return data
  const glyph = font.getGlyph(id)
  const decoded = glyph._decode()
  const start = font.loca.offsets[id]!
  const stream = font._getTableStream('glyf')
  stream.pos += start
  // A copy: the cached bytes must not alias the font file's buffer.
  const bytes = new Uint8Array(stream.readBuffer(font.loca.offsets[id + 1]! - start))
  const components = decoded && decoded.numberOfContours < 0 ? (decoded.components ?? []).map(({ glyphID, pos }) => ({ glyphID, pos })) : undefined
  data = { bytes, components, advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing }
  glyphs.set(id, data)
  return data
}

/**
 * Make a pdfkit font's TrueType subset take each glyph's data from a
 * per-process cache. fontkit's own `_addGlyph` decodes the whole glyph (every
 * point of its outline) in every document only to learn whether it is a
 * composite, about a twelfth of a batch worker's time; this one does the same
 * work once per glyph and font, and writes the same bytes. Variable fonts and
 * CFF subsets keep fontkit's code (their glyphs are re-encoded, not copied).
 */
export function reuseGlyphData(subset: unknown): void {
  const ttf = subset as TrueTypeSubset
  if (ttf.cff !== undefined || typeof ttf._addGlyph !== 'function' || ttf.font._variationProcessor) return
  ttf._addGlyph = function addGlyph(this: TrueTypeSubset, id: number): number {
    const data = dataOf(this.font, id)
    let bytes = data.bytes
    if (data.components) {
      // The component ids are renumbered into this subset, in a copy of the bytes.
      bytes = new Uint8Array(data.bytes)
      const view = new DataView(bytes.buffer)
      for (const component of data.components) view.setUint16(component.pos, this.includeGlyph(component.glyphID))
    }
    this.glyf.push(bytes)
    this.loca.offsets.push(this.offset)
    this.hmtx.metrics.push({ advance: data.advance, bearing: data.bearing })
    this.offset += bytes.length
    return this.glyf.length - 1
  }
}
