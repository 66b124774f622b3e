import type { ZipEntry } from './deterministic-zip.js'
import { documentCharacters } from './document-characters.js'
import { subsetFontEntry } from './embedded-fonts.js'
import type { SharedParts } from './shared-parts.js'

/** Letters and marks of the scripts that WordprocessingML draws with a run's ASCII and high-ANSI fonts. */
const WESTERN_LETTER = /[\p{sc=Latin}\p{sc=Greek}\p{sc=Cyrillic}]/u

/**
 * The package's entries with its embedded fonts added, each face cut down to
 * the characters the document's parts draw ({@link documentCharacters}): a
 * one-page cable then carries about 15 KB per face instead of up to 500 KB.
 * Every face gets the same characters, those it lacks being skipped by
 * hb-subset, so a paragraph moved to another embedded font still has its
 * glyphs; but a face used only as the complex-script font gets no Latin,
 * Greek or Cyrillic letters, which readers draw with the other font of the
 * run (Noto Naskh Arabic has Latin letters: they would double its subset).
 * The fonts come last, after the parts they serve.
 *
 * @param entries The document's parts (`DocxPackage.entries`), built with shared parts whose font selection had `subset` set.
 * @param shared Those shared parts: they list the font files to add.
 */
export async function embedFontSubsets(entries: readonly ZipEntry[], shared: SharedParts): Promise<ZipEntry[]> {
  if (shared.subsetFonts.length === 0) return [...entries]
  const characters = documentCharacters(entries)
  const complexScript = [...characters].filter((char) => !WESTERN_LETTER.test(char)).join('')
  const fonts = await Promise.all(
    shared.subsetFonts.map(async (font) => ({
      path: font.path,
      deflated: (await subsetFontEntry(font.data, font.complexScriptOnly ? complexScript : characters)).deflated,
    })),
  )
  return [...entries, ...fonts]
}
