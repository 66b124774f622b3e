/** Named entities that survive in scraped and published cable text. */
const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  laquo: '«',
  raquo: '»',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  para: '¶',
  eacute: 'é',
  egrave: 'è',
  agrave: 'à',
}

/** Bounded: at most 8 characters between `&` and `;`, so the scan stays linear. */
const ENTITY = /&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});/g

/**
 * Decode HTML character references (`&#x000A;`, `&#233;`, `&amp;`) left in
 * published text. Unknown names and invalid code points stay as written.
 *
 * @example decodeEntities('AT&amp;T') // 'AT&T'
 */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text
  return text.replace(ENTITY, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10)
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return whole
      // Control characters would only be stripped again: a line break becomes a space.
      if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return ' '
      return String.fromCodePoint(code)
    }
    return Object.hasOwn(NAMED, body) ? NAMED[body]! : whole
  })
}
