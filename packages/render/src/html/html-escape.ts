import { sanitizeText } from '../text/sanitize-text.js'

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/**
 * Text ready for an HTML element or a quoted attribute: unsafe characters
 * stripped (controls, non-characters, bidi overrides, lone surrogates, as in
 * every other writer), then the five markup characters escaped. Quotes are
 * escaped in text too, so one function serves both places.
 *
 * @example escapeHtml('a < b\u202e') // 'a &lt; b'
 */
export function escapeHtml(text: string, options: { keepLineBreaks?: boolean } = {}): string {
  return sanitizeText(text, options).replace(/[&<>"']/g, (char) => ENTITIES[char]!)
}

/**
 * A CSS string literal (with its quotes) holding `text`: everything but
 * letters, digits, spaces and plain punctuation as a hexadecimal escape, so neither a quote, a
 * backslash nor `</style>` can end the string or the style sheet.
 *
 * @example cssString('SECRET "X"') // '"SECRET \\22 X\\22 "'
 */
export function cssString(text: string): string {
  let out = ''
  for (const char of sanitizeText(text)) {
    out += /[\p{L}\p{N} .,:;/()°'-]/u.test(char) ? char : `\\${char.codePointAt(0)!.toString(16)} `
  }
  return `"${out}"`
}
