import { redactionPlaceholder } from '@cablekit/core'
import type { Cable } from '@cablekit/core'
import type { IndexLine } from './dossier-chrome.js'
import type { DossierLabels } from './dossier-labels.js'
import { naturalCompare } from './prepare-dossier.js'

/**
 * What the index reads of a cable: a book keeps this much of each cable while
 * it paints the next ones, not the cable itself.
 */
export interface IndexedCable {
  family?: Cable['family']
  tags?: readonly string[]
  place?: string
  from?: string
  /** Present when the cable came with a publication wrapper (its tags are then hashtags); only its presence counts. */
  publication?: unknown
}

/** The fields of `cable` the index reads, copied, so the cable's body can be let go. */
export function indexedCable(cable: Cable): IndexedCable {
  return {
    ...(cable.family ? { family: cable.family } : {}),
    ...(cable.tags ? { tags: [...cable.tags] } : {}),
    ...(cable.place ? { place: cable.place } : {}),
    ...(cable.from ? { from: cable.from } : {}),
    ...(cable.publication !== undefined ? { publication: true } : {}),
  }
}

/** One section of a dossier's index: a heading and its terms, each with the pages where cables that carry it start. */
export interface IndexSection {
  heading: string
  terms: { term: string; pages: string[] }[]
}

const PLACEHOLDER = redactionPlaceholder().slice(0, -1)

// Families whose `tags` are a telegram's TAGS line (subject and country codes), whatever published them.
const TELEGRAM_FAMILIES: ReadonlySet<string> = new Set(['us-telegram', 'fco-telegram', 'french-td'])

/**
 * Whether a cable's `tags` are a publication's hashtags rather than a
 * telegram's TAGS: the model keeps both in one field, and an index that mixed
 * `PREL` with `#Maroc` would read as one vocabulary. A telegram family's tags
 * are TAGS; otherwise tags that came with a publication wrapper are its hashtags.
 */
function hashtagsOf(cable: IndexedCable): boolean {
  if (cable.family && TELEGRAM_FAMILIES.has(cable.family)) return false
  return cable.publication !== undefined
}

/**
 * The index of a dossier: telegram TAGS, publication hashtags (apart, under
 * a heading of their own), places and senders, each term with the
 * labels of the pages where the cables that carry it start. Withheld values
 * (placeholders) are not terms.
 *
 * @param starts the page label where each cable starts, in the same order as `cables`.
 */
export function indexSections(cables: readonly IndexedCable[], starts: readonly string[], labels: DossierLabels): IndexSection[] {
  const sections: [string, (cable: IndexedCable) => readonly string[]][] = [
    [labels.tags, (cable) => (hashtagsOf(cable) ? [] : (cable.tags ?? []))],
    [labels.hashtags, (cable) => (hashtagsOf(cable) ? (cable.tags ?? []).map((tag) => (tag.startsWith('#') ? tag : `#${tag}`)) : [])],
    [labels.places, (cable) => (cable.place ? [cable.place] : [])],
    [labels.senders, (cable) => (cable.from ? [cable.from] : [])],
  ]
  return sections
    .map(([heading, terms]) => {
      const pages = new Map<string, { term: string; pages: string[] }>()
      cables.forEach((cable, index) => {
        for (const raw of terms(cable)) {
          const term = raw.trim()
          if (!term || term.includes(PLACEHOLDER)) continue
          const key = term.normalize('NFKC').toLowerCase()
          const entry = pages.get(key) ?? { term, pages: [] }
          const page = starts[index]!
          // Start pages only grow from cable to cable, so a repeat can only be the last one (a term twice in one cable):
          // checking the whole list would make a term carried by every cable of a 10,000-cable book quadratic.
          if (entry.pages[entry.pages.length - 1] !== page) entry.pages.push(page)
          pages.set(key, entry)
        }
      })
      return { heading, terms: [...pages.values()].sort((a, b) => naturalCompare(a.term, b.term) || (a.term < b.term ? -1 : 1)) }
    })
    .filter((section) => section.terms.length > 0)
}

/** The index as printable lines: `term — 3, 17, 25`, the first of each section under its heading. */
export function dossierIndex(cables: readonly IndexedCable[], starts: readonly string[], labels: DossierLabels): IndexLine[] {
  return indexSections(cables, starts, labels).flatMap((section) =>
    section.terms.map((term, index) => ({ ...(index === 0 ? { heading: section.heading } : {}), text: `${term.term} — ${term.pages.join(', ')}` })),
  )
}
