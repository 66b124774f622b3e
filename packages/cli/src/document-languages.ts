/**
 * The languages `--lang` knows, by tesseract code (what OCR reads) and by
 * BCP 47 tag (what the dossier's cover and contents are written in): one
 * flag, "the language(s) of the documents", serves both.
 */
const LANGUAGES = [
  { ocr: 'fra', tag: 'fr' },
  { ocr: 'eng', tag: 'en' },
  { ocr: 'ara', tag: 'ar' },
] as const

/** The codes `--lang` accepts, for messages: `fra` or `fr`, `eng` or `en`, `ara` or `ar`. */
export const LANGUAGE_CODES: readonly string[] = LANGUAGES.flatMap((language) => [language.ocr, language.tag])

/**
 * Parse a `--lang` value: codes joined by `+`, tesseract's (`fra+ara`) or
 * BCP 47 (`fr+ar`), mixed or not, into tesseract codes in the order given
 * (OCR reads every one of them).
 *
 * @param value the `--lang` value.
 * @returns the tesseract codes joined by `+` (`fra+ara`), or the codes it does not know.
 * @example ocrLanguages('fr+ar') // { lang: 'fra+ara' }
 */
export function ocrLanguages(value: string): { lang: string } | { unknown: string[] } {
  const codes = value.split('+').map((code) => code.trim().toLowerCase())
  const found = codes.map((code) => LANGUAGES.find((language) => language.ocr === code || language.tag === code || code.startsWith(`${language.tag}-`)))
  const unknown = codes.filter((_, index) => found[index] === undefined)
  if (codes.length === 0 || unknown.length > 0) return { unknown }
  return { lang: [...new Set(found.map((language) => language!.ocr))].join('+') }
}

/**
 * The BCP 47 tag of the first language of a parsed `--lang` (`fra+ara` → `fr`):
 * the language of the pages cablekit writes itself, such as a dossier's cover.
 *
 * @example coverLanguage('ara+fra') // 'ar'
 */
export function coverLanguage(lang: string): string {
  const first = lang.split('+')[0] ?? ''
  return LANGUAGES.find((language) => language.ocr === first)?.tag ?? first
}
