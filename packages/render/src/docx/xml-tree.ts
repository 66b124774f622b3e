/** An XML node in the shape xml-js's `xml2js` gives, which the docx package's layout reads parts in. */
export interface XmlNode {
  type?: string
  name?: string
  text?: string
  attributes?: Record<string, string>
  elements?: XmlNode[]
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function decode(raw: string): string {
  if (!raw.includes('&')) return raw
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16))
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)))
    return ENTITIES[name] ?? whole
  })
}

const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g

/**
 * Read a part this package wrote (or the docx package compiled) into the
 * tree the docx layout reads: elements with their attributes, and text,
 * whitespace-only text kept as `w:t` content needs. Only what those parts
 * hold is read: the declaration, elements, text and the predefined and
 * numeric entities; comments and processing instructions are skipped.
 *
 * @example xmlTree('<w:p><w:r><w:t>a</w:t></w:r></w:p>').elements[0].name // 'w:p'
 */
export function xmlTree(text: string): XmlNode & { elements: XmlNode[] } {
  const document: XmlNode & { elements: XmlNode[] } = { elements: [] }
  const open: XmlNode[] = []
  let at = 0
  while (at < text.length) {
    const tag = text.indexOf('<', at)
    const end = tag === -1 ? text.length : tag
    if (end > at && open.length > 0) (open[open.length - 1]!.elements ??= []).push({ type: 'text', text: decode(text.slice(at, end)) })
    if (tag === -1) break
    if (text.startsWith('<?', tag) || text.startsWith('<!--', tag)) {
      const close = text.indexOf(text[tag + 1] === '?' ? '?>' : '-->', tag)
      if (close === -1) throw new Error('@cablekit/render: unclosed XML declaration or comment')
      at = close + (text[tag + 1] === '?' ? 2 : 3)
      continue
    }
    // A tag ends at the first `>` outside quotes.
    let close = tag + 1
    let quote = ''
    for (; close < text.length; close++) {
      const char = text[close]!
      if (quote) quote = char === quote ? '' : quote
      else if (char === '"' || char === "'") quote = char
      else if (char === '>') break
    }
    const inner = text.slice(tag + 1, close)
    at = close + 1
    if (inner.startsWith('/')) {
      const name = inner.slice(1).trim()
      if (open.pop()?.name !== name) throw new Error(`@cablekit/render: XML closing tag </${name}> does not match`)
      continue
    }
    const selfClosing = inner.endsWith('/')
    const body = selfClosing ? inner.slice(0, -1) : inner
    const nameEnd = body.search(/[\s]|$/)
    const element: XmlNode = { type: 'element', name: body.slice(0, nameEnd) }
    for (const found of body.slice(nameEnd).matchAll(ATTRIBUTE)) (element.attributes ??= {})[found[1]!] = decode(found[2] ?? found[3] ?? '')
    ;(open.length > 0 ? (open[open.length - 1]!.elements ??= []) : document.elements).push(element)
    if (!selfClosing) open.push(element)
  }
  if (open.length > 0) throw new Error(`@cablekit/render: XML element <${open[open.length - 1]!.name}> is not closed`)
  return document
}
