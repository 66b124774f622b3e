import { VFile } from 'vfile'
import { parse, report } from '@cablekit/core'
import type { ParseOptions, ParseResult } from '@cablekit/core'
import { isScanPath } from './input-extensions.js'
import type { ScanFlags } from './scan-options.js'

/** Options of {@link parseSource}. */
export interface ParseSourceOptions {
  /** Options of the text readers (format, `--fix`…); `fix` also applies to scans. */
  parse?: ParseOptions
  /** `--ocr`, `--lang`, `--workers`, for scans and PDFs. */
  scan?: ScanFlags
  /** Told of OCR progress on scans of several pages (`page 3/12`). */
  progress?: (line: string) => void
}

type ScanModule = typeof import('@cablekit/scan')
let scanModule: Promise<ScanModule> | undefined

/**
 * Parse one input of any kind: text sources with core's `parse`, scans and
 * PDFs (by extension) with `@cablekit/scan`, loaded only when the first one
 * is met, so `--help` and text inputs never pay for pdf.js and tesseract.js.
 * Never throws: a failure to load or read becomes a positioned error.
 */
export async function parseSource(bytes: Uint8Array, path: string, options: ParseSourceOptions = {}): Promise<ParseResult> {
  if (!isScanPath(path)) return parse(new VFile({ path, value: bytes }), { ...options.parse, path })
  let scan: ScanModule
  try {
    scan = await (scanModule ??= import('@cablekit/scan'))
  } catch (error) {
    scanModule = undefined
    const file = new VFile({ path })
    report(file, 'error', 'scan-unavailable', `cannot read scans and PDFs: @cablekit/scan did not load (${(error as Error).message})`, { line: 1, column: 1 })
    return { cables: [], file }
  }
  const flags = options.scan ?? {}
  const progress = options.progress
  return scan.fromScan(bytes, {
    path,
    ...(flags.lang ? { lang: flags.lang } : {}),
    ...(flags.workers ? { workers: flags.workers } : {}),
    ...(flags.ocr ? { ocr: true } : {}),
    ...(options.parse?.fix ? { fix: true } : {}),
    // One line a page is noise for a one-page scan: progress starts at two.
    ...(progress
      ? {
          onProgress: ({ done, total }) => {
            if (total > 1) progress(`${path}: OCR page ${done}/${total}`)
          },
        }
      : {}),
  })
}
