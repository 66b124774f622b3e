import { inflateRawSync } from 'node:zlib'
import type { PatchedTemplate } from 'docx'
import type { estimatePageNumbersWith } from 'docx/layout'
import type { ZipEntry } from './deterministic-zip.js'
import { embeddedFonts } from './embedded-fonts.js'
import type { FontSelection } from './shared-parts.js'
import { xmlTree } from './xml-tree.js'
import type { XmlNode } from './xml-tree.js'

type Estimator = ReturnType<typeof estimatePageNumbersWith>

// Parsing a font's tables is the costly part of making an estimator: one per font selection and process.
const estimators = new Map<string, Estimator>()
// The shared parts (styles, settings, theme…) are the same objects in every document: parsed once.
const sharedTrees = new WeakMap<Uint8Array, XmlNode>()

// Loaded with the first dossier: `docx/layout` costs 14 MB of memory, which a batch
// worker rendering single cables would carry for nothing.
async function estimatorFor(fonts: FontSelection): Promise<Estimator> {
  const key = `${[...new Set(fonts.families)].sort().join(',')}\u0000${fonts.italic}`
  let estimator = estimators.get(key)
  if (!estimator) {
    const files = embeddedFonts(fonts.families, { italic: fonts.italic }).flatMap((font) =>
      [font.data, font.bold, font.italic, font.boldItalic].filter((data): data is Buffer => data !== undefined).map((data) => ({ data, name: font.name })),
    )
    const { estimatePageNumbersWith: estimate } = await import('docx/layout')
    estimator = estimate({ guess: true, fonts: files })
    estimators.set(key, estimator)
  }
  return estimator
}

function treeOf(entry: ZipEntry): XmlNode {
  if (entry.deflated) {
    let tree = sharedTrees.get(entry.deflated.bytes)
    if (!tree) {
      tree = xmlTree(inflateRawSync(entry.deflated.bytes).toString('utf8'))
      sharedTrees.set(entry.deflated.bytes, tree)
    }
    return tree
  }
  return xmlTree(Buffer.from(entry.data ?? new Uint8Array(0)).toString('utf8'))
}

/**
 * The page each bookmark of a package starts on, as the page shows it, by
 * the bookmark's name: the docx package's layout (`docx/layout`) lays the
 * pages out as Word does, measuring text with the fonts the document embeds,
 * and guesses past what it cannot lay out rather than leave numbers blank.
 * Page references (`PAGEREF`) are laid out with the numbers it works out, so
 * a table of contents whose entries cite them is laid out as it will read.
 *
 * The numbers are an estimate the word processor corrects when it updates
 * fields: when the layout fails on some content, none is given (the fields
 * are left blank for it to fill) rather than failing the whole document.
 *
 * @param entries The parts of the package, as they will be zipped.
 * @param fonts The fonts the document uses, measured from their files.
 */
export async function estimateBookmarkPages(entries: readonly ZipEntry[], fonts: FontSelection): Promise<ReadonlyMap<string, string>> {
  const parts = new Map<string, XmlNode>()
  for (const entry of entries) if (/\.(?:xml|rels)$/.test(entry.path)) parts.set(entry.path, treeOf(entry))
  try {
    const estimator = await estimatorFor(fonts)
    return estimator({ parts } as unknown as PatchedTemplate).bookmarks
  } catch {
    return new Map()
  }
}
