/**
 * `@cablekit/scan`: cables from scans and PDFs.
 * @packageDocumentation
 */
export { fromScan, DEFAULT_MAX_SCAN_SIZE } from './from-scan.js'
export type { FromScanOptions } from './from-scan.js'
export { readPdf } from './read-pdf.js'
export type { ReadPdfOptions, ScanPages, PageProblem } from './read-pdf.js'
export { readImage } from './read-image.js'
export { ocrPages } from './ocr-pages.js'
export type { OcrImage, OcrOptions, OcrProgress, OcrFailure } from './ocr-pages.js'
export { scanKind } from './scan-kind.js'
export type { ScanKind } from './scan-kind.js'
export { OCR_LANGUAGES, DEFAULT_OCR_LANG } from './languages.js'
