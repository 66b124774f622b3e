/** English month names and their abbreviations, lower case. */
const MONTHS: Readonly<Record<string, number>> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
}

/** `12 May 2017`, `1st August 1949`, `3rd Sept. 1982`. */
const DAY_FIRST = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})$/
/** `March 2, 1982`, `May 12 2017`. */
const MONTH_FIRST = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/

/**
 * The month number of an English month name or abbreviation (`March`,
 * `SEPT`, `Apr`), or `undefined`.
 *
 * @example monthNumber('APRIL') // 4
 */
export function monthNumber(name: string): number | undefined {
  const key = name.toLowerCase().replace(/\.$/, '')
  return Object.hasOwn(MONTHS, key) ? MONTHS[key] : undefined
}

/**
 * Read an English calendar date: `12 May 2017`, `1st August 1949`,
 * `March 2, 1982`. The whole text must be the date.
 *
 * @returns the ISO date (`2017-05-12`), or `undefined` when the text is no
 *   date or the day does not exist.
 * @example parseEnglishDate('March 2, 1982') // '1982-03-02'
 */
export function parseEnglishDate(text: string): string | undefined {
  const value = text.trim().replace(/\.$/, '')
  if (value.length > 40) return undefined
  const dayFirst = DAY_FIRST.exec(value)
  const monthFirst = dayFirst ? null : MONTH_FIRST.exec(value)
  const day = Number(dayFirst ? dayFirst[1] : monthFirst?.[2])
  const month = monthNumber((dayFirst ? dayFirst[2] : monthFirst?.[1]) ?? '')
  const year = Number(dayFirst ? dayFirst[3] : monthFirst?.[3])
  if (!month || !day || !year) return undefined
  return isoDay(year, month, day)
}

/** `YYYY-MM-DD`, or `undefined` when that day does not exist. */
export function isoDay(year: number, month: number, day: number): string | undefined {
  const check = new Date(Date.UTC(year, month - 1, day))
  if (year < 1800 || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** A two-digit year of a telegram as a full year: the families read here run from 1950 to 2049. */
export function fullYear(year: string): number {
  const value = Number(year)
  return year.length === 4 ? value : value < 50 ? 2000 + value : 1900 + value
}
