import { createCanvas, loadImage } from '@napi-rs/canvas'
import { toGreyPgm } from './grey-image.js'
import { ocrPages } from './ocr-pages.js'
import type { OcrImage, OcrOptions, OcrProgress } from './ocr-pages.js'
import type { ScanPages } from './read-pdf.js'
import { scanKind } from './scan-kind.js'
import { tiffInfo, tiffPageBytes } from './tiff-info.js'

/**
 * The resolution scans are taken as: cables are typed pages scanned at 300 dpi, and
 * tesseract's own guess from the text height is often wrong on letterheads (and noisy on stderr).
 */
const SCAN_DPI = 300

/** Largest image OCR'd, in pixels (an A3 page at 400 dpi is 31 Mpx). */
const MAX_PIXELS = 60_000_000

/**
 * OCR a scanned image: PNG and JPEG decoded with @napi-rs/canvas and handed
 * over in greyscale; TIFF checked and handed to leptonica page by page (every
 * page of a multi-page scan, numbered from 1). Words
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
  if (prepared.warning) result.problems.push({ severity: 'warning', ruleId: 'too-many-pages', reason: prepared.warning })
  const total = prepared.images.length
  // A multi-page TIFF is OCR'd a few pages at a time: each page is a copy of the file, and a scan of a
  // hundred pages would hold a hundred copies. The workers are kept from one batch to the next.
  const batch = Math.max(1, options.workers ?? 1) * 2
  for (let first = 0; first < total; first += batch) {
    const images = prepared.images.slice(first, first + batch).map((load) => load())
    const onProgress = options.onProgress
    const { pages, failures } = await ocrPages(images, {
      ...options,
      ...(onProgress ? { onProgress: (progress: OcrProgress) => onProgress({ ...progress, done: first + progress.done, total }) } : {}),
    })
    result.pages.push(...pages)
    for (const failure of failures) result.problems.push({ severity: 'error', ruleId: 'ocr-failed', reason: failure.reason, page: failure.page })
  }
  result.ocred = result.pages.map((page) => page.number)
  return result
}

/** The pages of an image file, each made when its turn to be OCR'd comes. */
type Prepared = { images: (() => OcrImage)[]; warning?: string }

async function prepare(bytes: Uint8Array): Promise<Prepared | string> {
  const kind = scanKind(bytes)
  if (kind === 'tiff') {
    const info = tiffInfo(bytes)
    if (typeof info === 'string') return info
    for (const [index, page] of info.pages.entries())
      if (page.width * page.height > MAX_PIXELS) return `page ${index + 1}: ${tooLarge(page.width, page.height)}`
    const single = info.pages.length === 1
    const images = info.pages.map((page, index) => () => ({
      number: index + 1,
      // Leptonica reads a file's first image only: each page is handed over as a file whose first image it is.
      image: single ? bytes : tiffPageBytes(bytes, page),
      width: page.width,
      height: page.height,
      dpi: SCAN_DPI,
    }))
    return info.moreThan ? { images, warning: `the TIFF has more than ${info.moreThan} pages: only the first ${info.moreThan} are read` } : { images }
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
  const image = { number: 1, image: toGreyPgm(context.getImageData(0, 0, width, height).data, width, height, SCAN_DPI), width, height, dpi: SCAN_DPI }
  return { images: [() => image] }
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
