import type { Command } from 'commander'
import { InvalidArgumentError } from 'commander'
import { LANGUAGE_CODES, ocrLanguages } from './document-languages.js'

/** The flags of scans and PDFs shared by `parse`, `convert`, `render`, `batch` and `dossier`. */
export interface ScanFlags {
  /** OCR every page of a PDF, even those with a text layer. */
  ocr?: boolean
  /** The documents' languages as tesseract codes joined by `+` (`fra+ara`): OCR reads them all, a dossier's cover takes the first. */
  lang?: string
  /** OCR workers over the pages of one file. */
  workers?: number
}

/**
 * Add `--ocr`, `--lang LANGS` and `--workers N` to a command. They only matter
 * for .pdf, .png, .jpg and .tif inputs; text sources ignore them.
 */
export function addScanOptions(command: Command): Command {
  return command
    .option('--ocr', 'OCR every page of PDF inputs, even those with a text layer')
    .option(
      '--lang <langs>',
      "the language(s) of the documents, joined by + (fra+ara or fr+ar): OCR reads them all (default fra+eng), a dossier's cover uses the first",
      langOption,
    )
    .option('--workers <n>', 'OCR workers over the pages of a scan (default 1; about 160 MB each)', workersOption)
}

/** The scan flags out of a command's parsed options. */
export function scanFlagsFrom(options: ScanFlags): ScanFlags {
  return {
    ...(options.ocr ? { ocr: true } : {}),
    ...(options.lang ? { lang: options.lang } : {}),
    ...(options.workers ? { workers: options.workers } : {}),
  }
}

function langOption(value: string): string {
  const parsed = ocrLanguages(value)
  if ('unknown' in parsed)
    throw new InvalidArgumentError(
      `unknown OCR language ${parsed.unknown.map((code) => `"${code}"`).join(', ') || '""'}: expected ${LANGUAGE_CODES.join(', ')}, joined by + (fra+ara, fr+ar)`,
    )
  return parsed.lang
}

function workersOption(value: string): number {
  const number = Number(value)
  if (!Number.isSafeInteger(number) || number < 1 || number > 16) throw new InvalidArgumentError('expected a whole number from 1 to 16')
  return number
}
