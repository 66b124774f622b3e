const FRENCH_MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre']
const ENGLISH_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** The parts of an ISO 8601 date of the model (`2014-08-14`, `2009-08-14T15:30Z`, `2014-08`, `2014`). */
export function dateParts(iso: string): { year: number; month?: number; day?: number; hour?: number; minute?: number } | undefined {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2}))?)?)?/.exec(iso)
  if (!match) return undefined
  const [, year, month, day, hour, minute] = match
  return {
    year: Number(year),
    ...(month ? { month: Number(month) } : {}),
    ...(day ? { day: Number(day) } : {}),
    ...(hour ? { hour: Number(hour), minute: Number(minute) } : {}),
  }
}

/**
 * A cable date as the document prints it: `14 août 2014` in French,
 * `August 14, 2014` in English; partial dates print what they have.
 *
 * @example formatDate('2014-08-14', 'fr') // '14 août 2014'
 */
export function formatDate(iso: string, lang: string): string {
  const parts = dateParts(iso)
  if (!parts) return iso
  const french = lang.toLowerCase().startsWith('fr')
  const months = french ? FRENCH_MONTHS : ENGLISH_MONTHS
  if (parts.month === undefined) return String(parts.year)
  const month = months[parts.month - 1] ?? String(parts.month)
  if (parts.day === undefined) return `${month} ${parts.year}`
  if (french) return `${parts.day === 1 ? '1er' : parts.day} ${month} ${parts.year}`
  return `${month} ${parts.day}, ${parts.year}`
}

/**
 * The date-time group of a telegram: `141530Z AUG 09` (day, hour, minute, zone,
 * month, two-digit year).
 *
 * @example telegramDateTimeGroup('2009-08-14T15:30Z') // '141530Z AUG 09'
 */
export function telegramDateTimeGroup(iso: string): string {
  const parts = dateParts(iso)
  if (!parts) return iso
  const pad = (value: number | undefined) => String(value ?? 0).padStart(2, '0')
  const month = ENGLISH_MONTHS[(parts.month ?? 1) - 1]!.slice(0, 3).toUpperCase()
  return `${pad(parts.day ?? 1)}${pad(parts.hour)}${pad(parts.minute)}Z ${month} ${String(parts.year).slice(-2)}`
}

/**
 * The moment a cable's date stands for, as a `Date` (midnight UTC for a day);
 * `undefined` when there is no usable date.
 */
export function dateValue(iso: string | undefined): Date | undefined {
  if (!iso) return undefined
  const parts = dateParts(iso)
  if (!parts) return undefined
  const date = new Date(Date.UTC(parts.year, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0))
  return Number.isNaN(date.getTime()) ? undefined : date
}
