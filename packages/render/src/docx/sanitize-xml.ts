/**
 * Characters that must never reach a DOCX part: what XML 1.0 forbids (C0
 * controls but tab, line feed and carriage return; U+FFFE/U+FFFF; lone
 * surrogates), C1 controls, and the bidi embedding, override and isolate
 * controls that would make text display in another order than it reads.
 * The docx package writes all of these raw: python-docx then refuses the file
 * and LibreOffice silently fails to load it.
 */
const FORBIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/**
 * `text` without the characters a DOCX part must not hold (see above), composed (NFC).
 *
 * @example
 * sanitizeXmlText('a\uFFFEb') // 'ab'
 */
export function sanitizeXmlText(text: string): string {
  // NFC: a decomposed accent (`e` + U+0301) is one letter to Word's fonts only when composed.
  return text.replace(FORBIDDEN, '').normalize('NFC')
}

const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:'])

/**
 * The URL to write as a hyperlink target, or `undefined` when it is not an
 * absolute `http`, `https` or `mailto` URL: a `javascript:`, `file:` or
 * relative target from untrusted text must not become clickable.
 */
export function safeHref(url: string): string | undefined {
  const cleaned = sanitizeXmlText(url).trim()
  let parsed: URL
  try {
    parsed = new URL(cleaned)
  } catch {
    return undefined
  }
  return SAFE_SCHEMES.has(parsed.protocol.toLowerCase()) ? parsed.href : undefined
}
