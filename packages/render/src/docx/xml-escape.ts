import { sanitizeXmlText } from './sanitize-xml.js'

// Anything that needs work: markup characters, or a character sanitizeXmlText may drop. Surrogates are all
// sent down the slow path, where the exact lone-surrogate rule applies; cable text rarely holds any.
const NEEDS_WORK = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/
const MARKUP = /[&<>"]/g
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }

/**
 * Untrusted text as XML character data or attribute value: the characters a
 * DOCX part must not hold are removed ({@link sanitizeXmlText}) and `& < > "`
 * escaped, in one call, so that every string the writer emits passes through
 * the filter exactly once. Most strings need neither and are returned as they are.
 *
 * @example escapeXml('a < b\uFFFE') // 'a &lt; b'
 */
export function escapeXml(text: string): string {
  if (!NEEDS_WORK.test(text)) return text
  return sanitizeXmlText(text).replace(MARKUP, (char) => ENTITIES[char]!)
}
