import type { Document } from 'docx'
import type { ICharacterStyleOptions, IParagraphStyleOptions } from 'docx'
import type { ThemeData } from '../themes/theme.js'
import type { FontFamilyName } from '../fonts/font-files.js'
import { deflateEntry } from './deterministic-zip.js'
import type { ZipEntry } from './deterministic-zip.js'
import { embeddedFonts, fontEntry, fontKey } from './embedded-fonts.js'
import { sanitizeXmlText } from './sanitize-xml.js'
import { docxStyles } from './styles.js'
import { FONT_NAMES } from './themes.js'

/** Which fonts a document embeds: the theme's families it uses, and whether it needs italic faces. */
export interface FontSelection {
  families: readonly FontFamilyName[]
  italic: boolean
  /**
   * Embed each face cut down to the characters of the document instead of
   * whole. The shared parts then leave the font files out (see
   * {@link SharedParts.subsetFonts}) and the caller must pass the package's
   * entries through `embedFontSubsets`.
   */
  subset?: boolean
}

/**
 * What a kind of document adds to the theme's styles and settings (the
 * dossier: its own heading styles, and fields Word updates on opening).
 */
export interface SharedAdditions {
  /** Names these additions in the cache: one constant object per kind of document. */
  key: string
  paragraphStyles: readonly IParagraphStyleOptions[]
  /** Character styles beyond the theme's (a dossier: the other themes' sets, prefixed). */
  characterStyles?: readonly ICharacterStyleOptions[]
  /** Word offers to update the document's fields (contents, page references) when it opens it. */
  updateFields: boolean
}

/** A font file of the package to be cut down per document. */
export interface SubsetFontPart {
  /** Its path in the package (`word/fonts/font1.odttf`), which fontTable.xml's relationships name. */
  path: string
  /** The whole TrueType face. */
  data: Uint8Array
  /**
   * The face is the theme's complex-script font and nothing else (the Arabic
   * face, named in every style's `w:cs`): Word and LibreOffice draw Latin,
   * Greek and Cyrillic letters with the ASCII and high-ANSI font, so it needs none.
   */
  complexScriptOnly: boolean
}

/** The parts every document of a theme, language and font selection shares, already deflated. */
export interface SharedParts {
  entries: readonly ZipEntry[]
  /** With {@link FontSelection.subset}: the font files left out of `entries`, for `embedFontSubsets` to add. */
  subsetFonts: readonly SubsetFontPart[]
}

// The parts the per-document writer makes itself; everything else docx compiles is shared.
const PER_DOCUMENT = new Set([
  '[Content_Types].xml',
  'word/document.xml',
  'word/_rels/document.xml.rels',
  'word/numbering.xml',
  'word/footnotes.xml',
  'word/_rels/footnotes.xml.rels',
  'docProps/core.xml',
])
const HEADER_OR_FOOTER = /^word\/(?:_rels\/)?(?:header|footer)\d+\.xml(?:\.rels)?$/

/** Distinct keys per theme beyond which parts are built without being kept: untrusted `lang` values must not grow memory without end. */
const MAX_KEYS_PER_THEME = 64
const cache = new WeakMap<ThemeData, Map<string, SharedParts>>()

/**
 * The parts that do not depend on a cable's text: styles, settings, font
 * table, theme, endnote separators, properties stubs, and the embedded
 * (obfuscated) fonts, or, when the selection asks for subsets, the list of
 * font files to cut down for each document. They are compiled by the docx package once per
 * process for each theme, language and font selection, sanitized, and
 * deflated once: a batch of thousands of cables pays for them once.
 *
 * @param theme Theme whose styles the document uses.
 * @param language BCP 47 proofing language of the styles.
 * @param fonts Fonts to embed, or `undefined` to embed none.
 * @param additions Styles and settings of a kind of document beyond the cable's.
 */
export async function sharedParts(theme: ThemeData, language: string, fonts: FontSelection | undefined, additions?: SharedAdditions): Promise<SharedParts> {
  const key = `${language}\u0000${fonts ? `${[...new Set(fonts.families)].sort().join(',')}\u0000${fonts.italic}\u0000${fonts.subset === true}` : 'none'}\u0000${additions?.key ?? ''}`
  let byKey = cache.get(theme)
  if (!byKey) {
    byKey = new Map()
    cache.set(theme, byKey)
  }
  let parts = byKey.get(key)
  if (!parts) {
    parts = buildSharedParts(await import('docx'), theme, language, fonts, additions)
    if (byKey.size < MAX_KEYS_PER_THEME) byKey.set(key, parts)
  }
  return parts
}

/** Compiled parts of a docx package, XML as text and binaries as bytes, by path. */
type Compiled = Map<string, string | Uint8Array>

/**
 * The package's parts before zipping, by path. `Packer.compiler` is internal to docx
 * 9 but is what every `Packer` method runs; taking its output lets us zip
 * once, deterministically, with fonts compressed once per process instead of
 * for every document.
 */
function compile(Packer: typeof import('docx').Packer, document: Document): Compiled {
  const compiler = (Packer as unknown as { compiler?: { compile(file: Document): Compiled } }).compiler
  if (!compiler || typeof compiler.compile !== 'function') {
    throw new Error('@cablekit/render: this version of the docx package no longer exposes Packer.compiler; pin docx to 9.15')
  }
  return compiler.compile(document)
}

function buildSharedParts(
  { Document, Packer }: typeof import('docx'),
  theme: ThemeData,
  language: string,
  fonts: FontSelection | undefined,
  additions: SharedAdditions | undefined,
): SharedParts {
  const styles = docxStyles(theme, language)
  const document = new Document({
    styles: additions
      ? {
          ...styles,
          paragraphStyles: [...(styles.paragraphStyles ?? []), ...additions.paragraphStyles],
          characterStyles: [...(styles.characterStyles ?? []), ...(additions.characterStyles ?? [])],
        }
      : styles,
    features: { updateFields: additions?.updateFields ?? false },
    ...(fonts ? { fonts: embeddedFonts(fonts.families, { italic: fonts.italic }) } : {}),
    sections: [{ children: [] }],
  })
  const compiled = compile(Packer, document)
  const fontFiles = document.FontTable.files
  const { body, heading, stamp, rtl } = theme.fonts
  const complexScriptFont = [body, heading, stamp].includes(rtl) ? undefined : FONT_NAMES[rtl]
  const entries: ZipEntry[] = []
  const subsetFonts: SubsetFontPart[] = []
  for (const [path, value] of compiled) {
    if (PER_DOCUMENT.has(path) || HEADER_OR_FOOTER.test(path)) continue
    const font = /^word\/fonts\/font(\d+)\.odttf$/.exec(path)
    const file = font ? fontFiles[Number(font[1]) - 1] : undefined
    if (file) {
      if (fonts?.subset) subsetFonts.push({ path, data: file.data, complexScriptOnly: file.name === complexScriptFont })
      else entries.push({ path, deflated: fontEntry(file.data).deflated })
      continue
    }
    if (typeof value !== 'string') {
      entries.push({ path, deflated: deflateEntry(value) })
      continue
    }
    // Theme data may come from a caller: the same guard as cable text.
    let xml = sanitizeXmlText(value)
    if (path === 'word/fontTable.xml') {
      // docx draws a random obfuscation key per font; ours derives from the font's bytes.
      for (const embedded of fontFiles) xml = xml.replace(new RegExp(`\\{?${embedded.fontKey.replace(/[{}]/g, '')}\\}?`, 'i'), `{${fontKey(embedded.data)}}`)
    }
    if (path === 'word/settings.xml' && fonts?.subset) {
      // Tells Word the faces are subsets, and to keep saving subsets: CT_Settings puts it after w:embedTrueTypeFonts.
      if (!xml.includes('<w:embedTrueTypeFonts/>')) throw new Error('@cablekit/render: docx no longer writes w:embedTrueTypeFonts where cablekit expects it')
      xml = xml.replace('<w:embedTrueTypeFonts/>', '<w:embedTrueTypeFonts/><w:saveSubsetFonts/>')
    }
    entries.push({ path, deflated: deflateEntry(Buffer.from(xml, 'utf8')) })
  }
  return { entries, subsetFonts }
}
