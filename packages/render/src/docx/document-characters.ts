import type { ZipEntry } from './deterministic-zip.js'

/** The parts whose text a reader draws: the body, headers, footers, notes, and list numbering. */
const TEXT_PARTS = /^word\/(?:document|footnotes|endnotes|comments|numbering|header\d+|footer\d+)\.xml$/

/**
 * Characters a reader draws without their being in the text: field results
 * (`PAGE`, `NUMPAGES`), footnote and list numbers are computed when the
 * document is laid out, and a word processor that hyphenates adds a hyphen.
 */
const ALWAYS_DRAWN = ' -0123456789'

/** What each list number format draws (`%1` in a level's text), beyond the digits always kept. */
const NUMBER_FORMAT_CHARACTERS: Readonly<Record<string, string>> = {
  lowerLetter: 'abcdefghijklmnopqrstuvwxyz',
  upperLetter: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  lowerRoman: 'ivxlcdm',
  upperRoman: 'IVXLCDM',
}

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function decodeXml(text: string): string {
  return text.replace(ENTITY, (_, hex: string | undefined, decimal: string | undefined, name: string | undefined) =>
    name ? NAMED[name]! : String.fromCodePoint(parseInt(hex ?? decimal!, hex ? 16 : 10)),
  )
}

/**
 * Every character a document's parts can make a reader draw, in code point
 * order: the character data of the body, headers, footers and footnotes
 * (text runs, and field instructions, which cost a few ASCII letters), the
 * literal text of list levels, the letters of their number formats, and
 * {@link ALWAYS_DRAWN}; with each letter, its capital. The embedded fonts are cut down to these.
 *
 * Only parts held raw are read: the per-document ones. The shared parts
 * (styles, settings, font table, theme) draw no text.
 *
 * @param entries The package's parts, as `DocxPackage.entries` gives them.
 * @returns The characters as one string, each once, sorted: the same set gives the same string.
 */
export function documentCharacters(entries: readonly ZipEntry[]): string {
  const seen = new Set<number>()
  const add = (text: string) => {
    // Styles and runs in capitals (w:caps, w:smallCaps: stamps, labels, telegrams) draw the capital of each
    // letter the text holds, so every letter brings its capital along (é → É, ß → SS).
    for (const char of `${text}${text.toUpperCase()}`) {
      const code = char.codePointAt(0)!
      // Tabs and line breaks are drawn as space, not as a glyph.
      if (code >= 0x20) seen.add(code)
    }
  }
  add(ALWAYS_DRAWN)
  for (const entry of entries) {
    if (!entry.data || !TEXT_PARTS.test(entry.path)) continue
    const xml = Buffer.from(entry.data.buffer, entry.data.byteOffset, entry.data.byteLength).toString('utf8')
    for (const match of xml.matchAll(/>([^<]+)</g)) add(decodeXml(match[1]!))
    for (const match of xml.matchAll(/<w:lvlText w:val="([^"]*)"/g)) add(decodeXml(match[1]!).replace(/%\d/g, ''))
    for (const match of xml.matchAll(/<w:numFmt w:val="(\w+)"/g)) add(NUMBER_FORMAT_CHARACTERS[match[1]!] ?? '')
  }
  return [...seen]
    .sort((a, b) => a - b)
    .map((code) => String.fromCodePoint(code))
    .join('')
}
