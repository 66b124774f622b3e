import type { Cable } from '@cablekit/core'
import { readClassifiedBy } from '../../packages/core/src/parse/from-text/classified-by.js'

/** Header fields a facsimile prints, and so a reading of it should give back. */
const PRINTED = [
  'reference',
  'issuer',
  'from',
  'to',
  'info',
  'place',
  'date',
  'precedence',
  'classification',
  'distribution',
  'transmission',
  'subject',
  'references',
  'tags',
  'declassification',
  'classifiedBy',
  'signature',
] as const

/**
 * Compare the printed header fields of a source cable with a cable read back
 * from its facsimile: case, accents, apostrophes and spacing aside (the
 * facsimile prints some lines in capitals). French cables print no tags.
 */
export function headerAgreement(source: Cable, read: Cable | undefined): { total: number; matched: number; missed: string[] } {
  const fields = PRINTED.filter((key) => source[key] !== undefined && !(key === 'tags' && source.lang === 'fr'))
  const missed = fields.filter((key) => !read || normal(expected(source, key)) !== normal(read[key]))
  return { total: fields.length, matched: fields.length - missed.length, missed }
}

/**
 * A field in the form the reader gives for a real cable: the model keeps the
 * classifier in `classifiedBy` and the reasons in `classificationReasons`, so a
 * source that writes the whole line in `classifiedBy` is compared by its classifier.
 */
function expected(source: Cable, key: (typeof PRINTED)[number]): unknown {
  if (key === 'classifiedBy' && source.classifiedBy !== undefined) return readClassifiedBy(source.classifiedBy).by
  return source[key]
}

function normal(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item === 'string') return fold(item)
    // Key order is the writer's, not the cable's.
    if (item && typeof item === 'object' && !Array.isArray(item)) return Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : 1)))
    return item
  })
}

function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[’‘`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
}

/** Character error rate: edit distance over the reference's length, both with spacing collapsed. */
export function characterErrorRate(reference: string, read: string): number {
  const a = [...reference.replace(/\s+/g, ' ').trim()]
  const b = [...read.replace(/\s+/g, ' ').trim()]
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    previous = current
  }
  return a.length === 0 ? 0 : previous[b.length]! / a.length
}
