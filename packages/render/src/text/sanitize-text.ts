/**
 * Characters removed from every string that reaches a PDF (text, metadata,
 * file names): C0 and C1 controls (tab and line feed are turned into spaces
 * first by callers that keep them), the non-characters U+FFFE and U+FFFF, and
 * the bidi embedding, override and isolate controls, which can make a
 * document display something other than what it contains.
 */
const UNSAFE =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/**
 * Remove unsafe characters from `text` (see above) and compose it (NFC); tabs, carriage returns and
 * line feeds become spaces unless `keepLineBreaks`.
 *
 * @example sanitizeText('a\u202Eb\u0007c') // 'abc'
 */
export function sanitizeText(text: string, options: { keepLineBreaks?: boolean } = {}): string {
  // NFC before shaping: a decomposed accent (`e` + U+0301, as macOS file names and some OCR give it)
  // has no glyph of its own in most fonts and printed as a box beside its letter.
  const cleaned = text.replace(UNSAFE, '').normalize('NFC')
  return options.keepLineBreaks ? cleaned.replace(/\r\n?/g, '\n').replace(/\t/g, ' ') : cleaned.replace(/[\t\r\n]+/g, ' ')
}
