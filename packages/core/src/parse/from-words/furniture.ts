import { foldWording, resolveClassification } from '../../model/vocabulary.js'
import type { Segment } from './rows.js'
import type { Word, WordPage } from './word-page.js'

/** Page numbers as cables print them: `1/2`, `2 sur 3`, `PAGE 01 OF 02`, `Page 2`, `- 3 -`. */
const FOLIO = /^(?:(?:page|p\.)\s*)?\d{1,4}(?:\s*(?:\/|of|sur|de)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$/iu

/** A document number on its own: capitals, digits and separators, with at least one digit. */
const RUNNING_REFERENCE = /^(?=[^a-z]*\d)[A-Z0-9][A-Z0-9/.-]*(?: [A-Z0-9/.-]+){0,2}$/u

/** Where running headers and footers live, as fractions of the page height. */
export interface FurnitureZones {
  top: number
  bottom: number
}

/** A segment on its page, as the furniture step sees it. */
export interface PlacedSegment {
  page: WordPage
  segment: Segment
}

/** Whether `text` is a page number in one of the forms cables print. */
export function isFolio(text: string): boolean {
  return FOLIO.test(text.trim())
}

/**
 * The segments that are page furniture, not text: page numbers at the top or
 * bottom of a page, a line repeated at the top or bottom of several pages
 * (banners, running titles; the one at the top of the first page is kept,
 * as the header of the document), and a classification banner alone
 * at the foot of a page (or the same line as at its top, however OCR spelt it),
 * which would otherwise sit after the signature, and
 * a document number alone at the top of a continuation page.
 * A folio that shares its segment with a banner (`CONFIDENTIEL  1/2`) is cut off
 * the segment instead.
 */
export function findFurniture(placed: readonly PlacedSegment[], zones: FurnitureZones): Set<Segment> {
  const furniture = new Set<Segment>()
  const inZone = (item: PlacedSegment): 'top' | 'bottom' | undefined => {
    if (item.segment.box.y1 <= zones.top * item.page.height) return 'top'
    if (item.segment.box.y0 >= (1 - zones.bottom) * item.page.height) return 'bottom'
    return undefined
  }
  const repeated = new Map<string, Set<number>>()
  const keyed: { item: PlacedSegment; key: string; zone: 'top' | 'bottom' }[] = []
  for (const item of placed) {
    const zone = inZone(item)
    if (!zone) continue
    if (!isFolio(segmentText(item.segment))) trimFolio(item.segment)
    const text = segmentText(item.segment)
    if (text === '' || isFolio(text)) {
      furniture.add(item.segment)
      continue
    }
    const key = `${zone}:${foldWording(text).replace(/\d+/g, '#')}`
    if (!repeated.has(key)) repeated.set(key, new Set())
    repeated.get(key)!.add(item.page.number)
    keyed.push({ item, key, zone })
  }
  const kept = new Set<string>()
  const firstPage = Math.min(...placed.map((item) => item.page.number))
  for (const { item, key, zone } of keyed) {
    const pages = repeated.get(key)!
    if (pages.size >= 2) {
      // The banner at the top of the first page is part of the header the readers look for.
      if (zone === 'top' && !kept.has(key) && item.page.number === firstPage) {
        kept.add(key)
        continue
      }
      furniture.add(item.segment)
      continue
    }
    const banner =
      zone === 'bottom' &&
      (resolveClassification(unspaced(segmentText(item.segment))) ||
        keyed.some((other) => other.zone === 'top' && other.item.page === item.page && other.key.slice(4) === key.slice(7)))
    if (banner) furniture.add(item.segment)
    // A continuation page's running head is often the document's number alone (`MAEC-OTAN-CARDIFF-2014`, `RABAT 000412`).
    else if (zone === 'top' && item.page.number > 1 && RUNNING_REFERENCE.test(segmentText(item.segment))) furniture.add(item.segment)
  }
  return furniture
}

/** Drop a page number printed at either end of a segment (`CONFIDENTIEL 1/2`, `PAGE 02 OF 03 RABAT 000412`). */
function trimFolio(segment: Segment): void {
  const words = segment.words
  // A bare number beside other words is text (`AUG 09`, `RABAT 000412`): only a folio's own forms are cut.
  const folio = (part: Word[]) => isFolio(part.map((word) => word.text).join(' ')) && !/^\d+$/.test(part.map((word) => word.text).join(''))
  for (let count = Math.min(4, words.length - 1); count >= 1; count--) {
    if (folio(words.slice(-count))) {
      words.splice(words.length - count, count)
      return
    }
    if (folio(words.slice(0, count))) {
      words.splice(0, count)
      return
    }
  }
}

/** `C O N F I D E N T I A L` → `CONFIDENTIAL`: telegrams letter-space their banner. */
function unspaced(text: string): string {
  return /^(?:\S )+\S$/u.test(text) ? text.replace(/ /g, '') : text
}

function segmentText(segment: Segment): string {
  return segment.words
    .map((word) => word.text)
    .join(' ')
    .trim()
}
