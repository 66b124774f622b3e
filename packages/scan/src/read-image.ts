import { createCanvas, loadImage } from '@napi-rs/canvas'
import { toGreyPgm } from './grey-image.js'
import { ocrPages } from './ocr-pages.js'
import type { OcrImage, OcrOptions } from './ocr-pages.js'
import type { ScanPages } from './read-pdf.js'
import { scanKind } from './scan-kind.js'
import { tiffInfo } from './tiff-info.js'

/**
 * The resolution scans are taken as: cables are typed pages scanned at 300 dpi, and
 * tesseract's own guess from the text height is often wrong on letterheads (and noisy on stderr).
 */
const SCAN_DPI = 300

/** Largest image OCR'd, in pixels (an A3 page at 400 dpi is 31 Mpx). */
const MAX_PIXELS = 60_000_000

/**
 * OCR one scanned page: PNG and JPEG decoded with @napi-rs/canvas and handed
 * over in greyscale, TIFF checked and handed to leptonica as it is. Words
 * come back with boxes in the image's pixels. Never throws: an image that is
 * not one, is truncated or too large is a problem in the result.
 *
 * @example
 * const { pages, problems } = await readImage(bytes, { lang: 'fra+ara' })
 */
export async function readImage(bytes: Uint8Array, options: OcrOptions = {}): Promise<ScanPages> {
  const result: ScanPages = { pages: [], ocred: [], problems: [] }
  const prepared = await prepare(bytes)
  if (typeof prepared === 'string') {
    result.problems.push({ severity: 'error', ruleId: 'bad-image', reason: prepared })
    return result
  }
  if (prepared.warning) result.problems.push({ severity: 'warning', ruleId: 'multi-page-tiff', reason: prepared.warning })
  const { pages, failures } = await ocrPages([prepared.image], options)
  result.pages = pages
  result.ocred = pages.map((page) => page.number)
  for (const failure of failures) result.problems.push({ severity: 'error', ruleId: 'ocr-failed', reason: failure.reason, page: failure.page })
  return result
}

async function prepare(bytes: Uint8Array): Promise<{ image: OcrImage; warning?: string } | string> {
  const kind = scanKind(bytes)
  if (kind === 'tiff') {
    const info = tiffInfo(bytes)
    if (typeof info === 'string') return info
    if (info.width * info.height > MAX_PIXELS) return tooLarge(info.width, info.height)
    const image = { number: 1, image: bytes, width: info.width, height: info.height, dpi: SCAN_DPI }
    return info.morePages ? { image, warning: 'the TIFF holds several pages: only the first is read; split it (one file a page) to read them all' } : { image }
  }
  if (kind !== 'png' && kind !== 'jpeg') return 'not an image cablekit reads: expected PNG, JPEG or TIFF'
  // Decoders fill what a truncated file lacks with blank rows without a word: check the end marker first.
  if (kind === 'png' && !hasPngEnd(bytes)) return 'the PNG is truncated: it has no IEND chunk'
  if (kind === 'jpeg' && !hasJpegEnd(bytes)) return 'the JPEG is truncated: it has no end-of-image marker (FFD9)'
  let decoded
  try {
    decoded = await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  } catch (error) {
    return `the ${kind.toUpperCase()} cannot be decoded: ${(error as Error).message}`
  }
  const { width, height } = decoded
  if (!width || !height) return `the ${kind.toUpperCase()} cannot be decoded: it has no pixels`
  if (width * height > MAX_PIXELS) return tooLarge(width, height)
  const canvas = createCanvas(width, height)
  const context = canvas.getContext('2d')
  context.drawImage(decoded, 0, 0)
  return { image: { number: 1, image: toGreyPgm(context.getImageData(0, 0, width, height).data, width, height, SCAN_DPI), width, height, dpi: SCAN_DPI } }
}

function hasPngEnd(bytes: Uint8Array): boolean {
  const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 64)))
  return tail.includes('IEND')
}

function hasJpegEnd(bytes: Uint8Array): boolean {
  // Some cameras pad after the marker: look in the last few bytes, not only the last two.
  for (let index = bytes.length - 2; index >= Math.max(0, bytes.length - 4096); index--) {
    if (bytes[index] === 0xff && bytes[index + 1] === 0xd9) return true
  }
  return false
}

function tooLarge(width: number, height: number): string {
  return `the image is ${width}×${height} pixels (${Math.round((width * height) / 1e6)} Mpx): larger than the ${MAX_PIXELS / 1e6} Mpx read; scan at 300 dpi`
}
