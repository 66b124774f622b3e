import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Word, WordPage } from '@cablekit/core'
import { toGreyPgm } from './grey-image.js'
import { loadPdfJs } from './load-pdfjs.js'
import { markedContentTexts, pdfSource } from './actual-text.js'
import type { PdfSource } from './actual-text.js'
import type { PdfJs } from './load-pdfjs.js'
import { ocrPages } from './ocr-pages.js'
import type { OcrImage, OcrOptions } from './ocr-pages.js'
import { withTimeLimit } from './time-limit.js'

/** Options of {@link readPdf}. */
export interface ReadPdfOptions extends OcrOptions {
  /** OCR every page, even those with a text layer. */
  ocr?: boolean
  /** A page with fewer letters and digits than this in its text layer is rasterised and OCR'd (default 25). */
  minPageText?: number
  /** Most pages read (default 2,000). */
  maxPages?: number
  /** Rasterisation resolution for OCR (default 300 dpi). */
  dpi?: number
  /** Longest the whole text layer may take to open and read, per page (default 30 s). */
  pageTimeout?: number
}

/** A problem with one page, or with the whole file (`page` absent). */
export interface PageProblem {
  severity: 'error' | 'warning' | 'info'
  ruleId: string
  reason: string
  page?: number
}

/** What {@link readPdf} and `readImage` give: pages of words, the pages that were OCR'd, and the problems met. */
export interface ScanPages {
  pages: WordPage[]
  /** Page numbers read by OCR rather than from a text layer. */
  ocred: number[]
  problems: PageProblem[]
}

const require = createRequire(import.meta.url)
const PDFJS_ROOT = dirname(require.resolve('pdfjs-dist/package.json'))
/** Largest raster, in pixels: an A3 page at 300 dpi is 17 Mpx; a hostile page size must not take gigabytes. */
const MAX_PIXELS = 40_000_000

/**
 * Read a PDF's pages as words with boxes (PDF points from the top left): from
 * the text layer where a page has one, else (or for every page with `ocr`) by
 * rasterising the page in greyscale at 300 dpi and OCR'ing it. Uses pdf.js's
 * legacy build with no network, no eval and no system fonts. Never throws:
 * a file pdf.js cannot open, or a page it cannot read, is a problem in the result.
 *
 * @example
 * const { pages, problems } = await readPdf(bytes, { lang: 'fra' })
 */
export async function readPdf(bytes: Uint8Array, options: ReadPdfOptions = {}): Promise<ScanPages> {
  const problems: PageProblem[] = []
  const result: ScanPages = { pages: [], ocred: [], problems }
  const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 2048)))
  if (!tail.includes('%%EOF'))
    problems.push({
      severity: 'warning',
      ruleId: 'pdf-truncated',
      reason: 'the PDF has no end-of-file marker (%%EOF): it looks truncated; what could be read is read',
    })
  const timeout = options.pageTimeout ?? 30_000
  let document
  try {
    const lib = await loadPdfJs()
    const task = lib.getDocument({
      // pdf.js takes ownership of (and detaches) the buffer it is given: a copy keeps the caller's bytes whole.
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      useSystemFonts: false,
      disableFontFace: true,
      verbosity: 0,
      standardFontDataUrl: pathToFileURL(join(PDFJS_ROOT, 'standard_fonts') + '/').href,
      cMapUrl: pathToFileURL(join(PDFJS_ROOT, 'cmaps') + '/').href,
      cMapPacked: true,
      wasmUrl: pathToFileURL(join(PDFJS_ROOT, 'wasm') + '/').href,
      stopAtErrors: false,
    })
    document = await withTimeLimit(task.promise, timeout, 'opening the PDF').catch(async (error: unknown) => {
      await task.destroy().catch(() => {})
      throw error
    })
  } catch (error) {
    problems.push({ severity: 'error', ruleId: 'bad-pdf', reason: `not a readable PDF: ${pdfMessage(error)}` })
    return result
  }
  try {
    const maxPages = options.maxPages ?? 2000
    const count = Math.min(document.numPages, maxPages)
    if (document.numPages > maxPages)
      problems.push({ severity: 'warning', ruleId: 'too-many-pages', reason: `the PDF has ${document.numPages} pages: only the first ${maxPages} are read` })
    const toOcr: OcrImage[] = []
    // The file as text, made on the first page that has marked content (for its /ActualText).
    let file: PdfSource | undefined
    const source = () => (file ??= pdfSource(bytes))
    for (let number = 1; number <= count; number++) {
      try {
        const page = await withTimeLimit(document.getPage(number), timeout, `reading page ${number}`)
        const viewport = page.getViewport({ scale: 1 })
        const words = options.ocr ? [] : await withTimeLimit(textWords(page, viewport, source), timeout, `reading the text of page ${number}`)
        const letters = words.reduce((sum, word) => sum + (word.text.match(/[\p{L}\p{N}]/gu)?.length ?? 0), 0)
        if (letters >= (options.minPageText ?? 25)) {
          result.pages.push({ number, width: round(viewport.width), height: round(viewport.height), words })
        } else {
          const factory = (document as unknown as { canvasFactory: Parameters<typeof rasterise>[3] }).canvasFactory
          toOcr.push(await withTimeLimit(rasterise(page, number, options.dpi ?? 300, factory), timeout * 2, `rasterising page ${number}`))
        }
        page.cleanup()
      } catch (error) {
        problems.push({ severity: 'error', ruleId: 'bad-pdf-page', reason: `page ${number} cannot be read: ${pdfMessage(error)}`, page: number })
      }
    }
    if (toOcr.length > 0) {
      const { pages, failures } = await ocrPages(toOcr, options)
      for (const page of pages) {
        // OCR boxes are in pixels of the raster: back to PDF points, like the text layer's.
        const scale = 72 / (toOcr.find((image) => image.number === page.number)?.dpi ?? 300)
        result.pages.push({
          ...page,
          width: round(page.width * scale),
          height: round(page.height * scale),
          words: page.words.map((word) => scaled(word, scale)),
        })
        result.ocred.push(page.number)
      }
      for (const failure of failures)
        problems.push({ severity: 'error', ruleId: 'ocr-failed', reason: `page ${failure.page}: ${failure.reason}`, page: failure.page })
    }
  } finally {
    await document.destroy().catch(() => {})
  }
  result.pages.sort((a, b) => a.number - b.number)
  return result
}

type PdfPage = Awaited<ReturnType<Awaited<ReturnType<PdfJs['getDocument']>['promise']>['getPage']>>
type Viewport = ReturnType<PdfPage['getViewport']>

/** A text run of pdf.js's text content, as `textWords` reads it. */
type TextRun = Extract<Awaited<ReturnType<PdfPage['getTextContent']>>['items'][number], { str: string }>

/**
 * The text runs of a page, with each marked-content sequence that has an `/ActualText` read as that
 * text: on its widest run, the others of the sequence dropped (see {@link markedContentTexts}). When
 * the content stream cannot be paired with what pdf.js reports, the runs are kept as pdf.js gives them.
 */
async function textRuns(page: PdfPage, source: () => PdfSource): Promise<TextRun[]> {
  const items = (await page.getTextContent({ includeMarkedContent: true })).items
  const runs = items.filter((item): item is TextRun => 'str' in item)
  if (!items.some((item) => 'type' in item && item.type === 'beginMarkedContentProps')) return runs
  const begins = items.filter((item) => 'type' in item && item.type.startsWith('beginMarkedContent')).length
  const texts = page.ref ? markedContentTexts(source(), page.ref) : undefined
  if (!texts || texts.length !== begins || texts.every((text) => text === undefined)) return runs
  const result: TextRun[] = []
  // How deeply the open sequences nest, and the outermost one with an /ActualText: it
  // replaces all it contains, nested sequences included, so the runs drawn inside it are held back.
  let depth = 0
  let replacing: { depth: number; text: string; runs: TextRun[] } | undefined
  let sequence = 0
  for (const item of items) {
    if ('str' in item) {
      if (replacing) replacing.runs.push(item)
      else result.push(item)
    } else if (item.type === 'endMarkedContent') {
      depth--
      if (replacing && depth <= replacing.depth) {
        // The text goes on the widest run: the base glyph, where LibreOffice draws a dot and a base.
        const widest = replacing.runs.reduce<TextRun | undefined>((best, run) => (!best || run.width > best.width ? run : best), undefined)
        if (widest) result.push({ ...widest, str: replacing.text })
        replacing = undefined
      }
    } else {
      const text = texts[sequence++]
      if (!replacing && text !== undefined) replacing = { depth, text, runs: [] }
      depth++
    }
  }
  return result
}

/** The text layer as words: each text run split at its spaces, its width shared by character. */
async function textWords(page: PdfPage, viewport: Viewport, source: () => PdfSource): Promise<Word[]> {
  const words: Word[] = []
  for (const item of await textRuns(page, source)) {
    if (item.str.trim() === '') continue
    // The run's matrix in page space, y down: its origin is the baseline's left end.
    const [a, b, c, d, e, f] = multiply(viewport.transform, item.transform)
    const size = Math.hypot(c, d) || item.height || 1
    const angle = (Math.atan2(b, a) * 180) / Math.PI
    const length = Math.hypot(a, b) > 0 ? item.width * (Math.hypot(a, b) / (Math.hypot(item.transform[0], item.transform[1]) || 1)) : item.width
    const unit = length / [...item.str].length
    const cos = Math.cos((angle * Math.PI) / 180)
    const sin = Math.sin((angle * Math.PI) / 180)
    const chars = [...item.str]
    const rtl = (item.str.match(/[\p{Script=Arabic}\p{Script=Hebrew}]/gu)?.length ?? 0) * 2 > (item.str.match(/\p{L}/gu)?.length ?? 0)
    let offset = 0
    for (const part of item.str.split(/(\s+)/)) {
      const span = [...part].length
      if (part.trim() !== '') {
        // Right-to-left runs are in logical order: their first word is the rightmost.
        const start = rtl ? chars.length - offset - span : offset
        const x = e + start * unit * cos
        const y = f + start * unit * sin
        const x1 = x + span * unit * cos
        const y1 = y + span * unit * sin
        words.push({
          text: part,
          box: { x0: round(Math.min(x, x1)), y0: round(Math.min(y, y1) - size * 0.8), x1: round(Math.max(x, x1)), y1: round(Math.max(y, y1) + size * 0.2) },
          ...(Math.abs(angle) > 0.5 ? { angle: round(-angle) } : {}),
        })
      }
      offset += span
    }
  }
  return words
}

/** What pdf.js's canvas factory gives: its own @napi-rs/canvas, which the paths it draws belong to. */
interface FactoryCanvas {
  canvas: unknown
  context: {
    fillStyle: string
    fillRect(x: number, y: number, w: number, h: number): void
    getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray }
  }
}

/**
 * A page drawn in greyscale for OCR, at `dpi` unless that would pass the pixel limit. The canvas comes
 * from pdf.js's own factory: a canvas of another copy of @napi-rs/canvas refuses the paths pdf.js makes.
 */
async function rasterise(
  page: PdfPage,
  number: number,
  dpi: number,
  factory: { create(w: number, h: number): FactoryCanvas; destroy(c: FactoryCanvas): void },
): Promise<OcrImage> {
  const base = page.getViewport({ scale: 1 })
  const fit = Math.sqrt(MAX_PIXELS / Math.max(1, base.width * base.height * (dpi / 72) ** 2))
  const effective = fit < 1 ? Math.floor(dpi * fit) : dpi
  const viewport = page.getViewport({ scale: effective / 72 })
  const width = Math.max(1, Math.ceil(viewport.width))
  const height = Math.max(1, Math.ceil(viewport.height))
  const target = factory.create(width, height)
  try {
    target.context.fillStyle = '#ffffff'
    target.context.fillRect(0, 0, width, height)
    const parameters = { canvas: target.canvas, canvasContext: target.context, viewport } as unknown as Parameters<PdfPage['render']>[0]
    await page.render(parameters).promise
    const image = toGreyPgm(target.context.getImageData(0, 0, width, height).data, width, height, effective)
    return { number, image, width, height, dpi: effective }
  } finally {
    factory.destroy(target)
  }
}

function scaled(word: Word, scale: number): Word {
  const { x0, y0, x1, y1 } = word.box
  return { ...word, box: { x0: round(x0 * scale), y0: round(y0 * scale), x1: round(x1 * scale), y1: round(y1 * scale) } }
}

function multiply(m: number[], n: number[]): [number, number, number, number, number, number] {
  const [a1, b1, c1, d1, e1, f1] = m as [number, number, number, number, number, number]
  const [a2, b2, c2, d2, e2, f2] = n as [number, number, number, number, number, number]
  return [a1 * a2 + c1 * b2, b1 * a2 + d1 * b2, a1 * c2 + c1 * d2, b1 * c2 + d1 * d2, a1 * e2 + c1 * f2 + e1, b1 * e2 + d1 * f2 + f1]
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}

function pdfMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.replace(/\s+/g, ' ').trim() || 'unknown error'
}
