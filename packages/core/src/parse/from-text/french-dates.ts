import { foldWording } from '../../model/vocabulary.js'

/** French month names and their usual abbreviations, folded (no accents, lower case). */
const MONTHS: Readonly<Record<string, number>> = {
  janvier: 1,
  janv: 1,
  fevrier: 2,
  fevr: 2,
  fev: 2,
  mars: 3,
  avril: 4,
  avr: 4,
  mai: 5,
  juin: 6,
  juillet: 7,
  juil: 7,
  aout: 8,
  septembre: 9,
  sept: 9,
  octobre: 10,
  oct: 10,
  novembre: 11,
  nov: 11,
  decembre: 12,
  dec: 12,
}

/** A French date line read: the place when one precedes it, and the ISO date. */
export interface FrenchDate {
  /** The place as written (`BRUXELLES`, `Rabat`), without the comma. */
  place?: string
  /** ISO 8601 date, `2014-08-14`. */
  date: string
}

const WRITTEN = /^(?:(.*?)[,\s]\s*)?(?:le\s+)?(\d{1,2})(?:er|e|°)?\s+([a-z]{3,9})\.?\s+(\d{4})\s*\.?$/
const NUMERIC = /^(?:(.*?)[,\s]\s*)?(?:le\s+)?(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*\.?$/

/**
 * Read a French date line: `Rabat, le 3 mars 2015`, `BRUXELLES, LE 14 AOUT
 * 2014`, `Paris, le 1er avril 2016`, `le 03/03/2015`, `14 août 2014`. Month
 * names may lack accents or be abbreviated (`sept.`). The place is what
 * precedes `le` (or the comma).
 *
 * @returns the place and ISO date, or `undefined` when the line is not a date
 *   or the day does not exist.
 * @example parseFrenchDate('Rabat, le 3 mars 2015') // { place: 'Rabat', date: '2015-03-03' }
 */
export function parseFrenchDate(line: string): FrenchDate | undefined {
  // A leading `Le` is part of the date, not a place.
  const written = line.trim().replace(/^le\s+/i, '')
  if (written.length > 80) return undefined
  const folded = foldWording(written)
  let day: number
  let month: number
  let year: number
  let placeLength: number | undefined
  const words = WRITTEN.exec(folded)
  if (words) {
    const known = MONTHS[words[3]!]
    if (known === undefined) return undefined
    day = Number(words[2])
    month = known
    year = Number(words[4])
    placeLength = words[1]?.length
  } else {
    const numbers = NUMERIC.exec(folded)
    if (!numbers) return undefined
    day = Number(numbers[2])
    month = Number(numbers[3])
    year = Number(numbers[4])
    placeLength = numbers[1]?.length
  }
  const check = new Date(Date.UTC(year, month - 1, day))
  if (year < 1800 || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  // Folding keeps the length of letters without combining marks; recover the place from the original by words.
  const place = placeLength ? placeFrom(written) : undefined
  if (placeLength && !place) return undefined
  return place ? { place, date } : { date }
}

/** The place: everything before `, le`, ` le ` or the first comma, in title case when written in capitals. */
function placeFrom(written: string): string | undefined {
  const match = /^(.*?)(?:\s*,\s*(?:le\s+)?|\s+le\s+)\d/iu.exec(written)
  const raw = match?.[1]?.trim()
  if (!raw || !/\p{L}/u.test(raw) || raw.split(/\s+/).length > 5) return undefined
  return titleCase(raw)
}

/**
 * A place written in capitals, in title case (`BRUXELLES` → `Bruxelles`,
 * `ADDIS-ABEBA` → `Addis-Abeba`); any other spelling is kept as written.
 */
export function titleCase(value: string): string {
  if (value !== value.toUpperCase()) return value
  return value.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_, sep: string, letter: string) => sep + letter.toUpperCase())
}
