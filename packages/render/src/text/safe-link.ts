/** URL schemes a link may keep: pdfkit writes any other (`javascript:`, `file:`) as given. */
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:'])

/**
 * The link target if it is an absolute `http`, `https` or `mailto` URL,
 * normalised by the WHATWG URL parser; `undefined` for anything else, which
 * is then printed as text without a link.
 *
 * @example safeLink('javascript:alert(1)') // undefined
 */
export function safeLink(url: string | undefined | null): string | undefined {
  if (!url) return undefined
  let parsed: URL
  try {
    parsed = new URL(url.trim())
  } catch {
    return undefined
  }
  if (!SAFE_SCHEMES.has(parsed.protocol)) return undefined
  const href = parsed.href
  // Only printable ASCII goes into the PDF string: the parser percent-encodes the rest.
  return /^[\x21-\x7e]+$/.test(href) ? href : undefined
}
