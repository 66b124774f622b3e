import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

/** The OCR languages shipped with `@cablekit/scan`, by tesseract code. */
export const OCR_LANGUAGES: readonly string[] = ['fra', 'eng', 'ara']

/** The default `--lang`. */
export const DEFAULT_OCR_LANG = 'fra+eng'

const require = createRequire(import.meta.url)

/** Where tesseract.js finds the models for a set of languages, and how to clean up after it. */
export interface LanguageData {
  codes: string[]
  langPath: string
  dispose: () => void
}

/** A `--lang` that names a language the package does not ship. */
export class UnknownLanguageError extends Error {}

/**
 * The model folder for `lang` (`fra`, `fra+ara`…), from the
 * `@tesseract.js-data/*` packages, so nothing is ever fetched. One worker takes
 * one `langPath`, so several languages get a temporary folder of links to each
 * model, removed by `dispose`.
 *
 * @throws {UnknownLanguageError} for a language not shipped, or a model file missing (tesseract.js would hang on it).
 */
export function languageData(lang: string): LanguageData {
  const codes = [
    ...new Set(
      lang
        .split('+')
        .map((code) => code.trim().toLowerCase())
        .filter(Boolean),
    ),
  ]
  if (codes.length === 0) throw new UnknownLanguageError(`no OCR language given: expected ${OCR_LANGUAGES.join(', ')}, joined by +`)
  const folders = codes.map((code) => {
    if (!OCR_LANGUAGES.includes(code))
      throw new UnknownLanguageError(`unknown OCR language \`${code}\`: expected ${OCR_LANGUAGES.join(', ')}, joined by + (fra+ara)`)
    const folder = join(dirname(require.resolve(`@tesseract.js-data/${code}/package.json`)), '4.0.0_best_int')
    if (!existsSync(join(folder, `${code}.traineddata.gz`)))
      throw new UnknownLanguageError(`the OCR model for \`${code}\` is missing (${folder}): reinstall @tesseract.js-data/${code}`)
    return folder
  })
  if (codes.length === 1) return { codes, langPath: folders[0]!, dispose: () => {} }
  const folder = mkdtempSync(join(tmpdir(), 'cablekit-ocr-'))
  codes.forEach((code, index) => symlinkSync(join(folders[index]!, `${code}.traineddata.gz`), join(folder, `${code}.traineddata.gz`)))
  return { codes, langPath: folder, dispose: () => rmSync(folder, { recursive: true, force: true }) }
}
