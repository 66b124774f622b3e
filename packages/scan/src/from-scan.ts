import { VFile } from 'vfile'
import { fromWords, report } from '@cablekit/core'
import type { FromWordsOptions, ParseResult } from '@cablekit/core'
import type { OcrProgress } from './ocr-pages.js'
import { readImage } from './read-image.js'
import { readPdf } from './read-pdf.js'
import type { ScanPages } from './read-pdf.js'
import { scanKind } from './scan-kind.js'

/** Options of {@link fromScan}. */
export interface FromScanOptions extends Omit<FromWordsOptions, 'file' | 'format'> {
  /** The file's path, printed in diagnostics. */
  path?: string
  /** OCR languages, tesseract codes joined by `+` (default `fra+eng`). */
  lang?: string
  /** OCR workers over the pages (default 1). */
  workers?: number
  /** OCR every page of a PDF, even those with a text layer. */
  ocr?: boolean
  /** Called after each OCR'd page. */
  onProgress?: (progress: OcrProgress) => void
  /** Largest file read, in bytes (default 128 MiB: scans are large). */
  maxSize?: number
}

/** The default of {@link FromScanOptions.maxSize}. */
export const DEFAULT_MAX_SCAN_SIZE = 128 * 1024 * 1024

/**
 * Read cables from a PDF (text layer, or OCR for pages without one) or a
 * scanned image (PNG, JPEG, TIFF; OCR): the pages of words go through core's
 * `fromWords`, so each header field keeps its page and box in
 * `provenance.fields`. Never throws and never waits for ever: a file that is
 * not a scan, is truncated or cannot be read gives an error diagnostic (page
 * named, at 1:1), and a page that fails leaves the others read.
 *
 * @example
 * const { cables, file } = await fromScan(bytes, { path: 'scan.pdf', lang: 'fra+ara', workers: 2 })
 */
export async function fromScan(bytes: Uint8Array, options: FromScanOptions = {}): Promise<ParseResult> {
  const file = new VFile({ path: options.path ?? 'input' })
  const start = { line: 1, column: 1 }
  const maxSize = options.maxSize ?? DEFAULT_MAX_SCAN_SIZE
  if (bytes.byteLength > maxSize) {
    report(
      file,
      'error',
      'too-large',
      `the file is ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MiB, larger than the ${(maxSize / 1024 / 1024).toFixed(0)} MiB read`,
      start,
    )
    return { cables: [], file }
  }
  const kind = scanKind(bytes)
  if (!kind) {
    report(
      file,
      'error',
      'not-a-scan',
      bytes.byteLength === 0 ? 'the file is empty' : 'not a PDF, PNG, JPEG or TIFF file (its first bytes say otherwise)',
      start,
    )
    return { cables: [], file }
  }
  let read: ScanPages
  try {
    const ocr = {
      ...(options.lang ? { lang: options.lang } : {}),
      ...(options.workers ? { workers: options.workers } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    }
    read = kind === 'pdf' ? await readPdf(bytes, { ...ocr, ...(options.ocr ? { ocr: true } : {}) }) : await readImage(bytes, ocr)
  } catch (error) {
    report(file, 'error', 'internal-error', `reading the ${kind === 'pdf' ? 'PDF' : 'image'} failed: ${(error as Error).message ?? String(error)}`, start)
    return { cables: [], file }
  }
  for (const problem of read.problems) report(file, problem.severity, problem.ruleId, problem.reason, start)
  if (read.pages.length === 0) {
    if (!file.messages.some((message) => message.fatal)) report(file, 'error', 'no-text', 'no page could be read', start)
    return { cables: [], file }
  }
  if (read.pages.every((page) => page.words.length === 0)) {
    const blank =
      read.pages.length === 1
        ? 'the page is blank (or nothing on it could be read)'
        : `the ${read.pages.length} pages are blank (or nothing on them could be read)`
    if (!file.messages.some((message) => message.fatal)) report(file, 'error', 'no-text', `no text was found: ${blank}`, start)
    return { cables: [], file }
  }
  const { path: _path, lang: _lang, workers: _workers, ocr: _ocr, onProgress: _progress, maxSize: _max, ...words } = options
  const result = fromWords(read.pages, { ...words, file, format: kind === 'pdf' ? 'pdf' : 'image' })
  return result
}
