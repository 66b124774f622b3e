import { dateValue } from '../text/format-date.js'

/**
 * The instant the document's properties and zip entries carry: the cable's
 * date (noon UTC for a day without a time, so that no time zone moves it to
 * another day), else `SOURCE_DATE_EPOCH` (seconds), else 1980-01-01, the zip
 * format's epoch. Never the clock.
 */
export function documentDate(iso: string | undefined, sourceDateEpoch: number | undefined): Date {
  const value = dateValue(iso)
  if (value) return iso && iso.length <= 10 ? new Date(value.getTime() + 12 * 3600 * 1000) : value
  if (sourceDateEpoch !== undefined && Number.isFinite(sourceDateEpoch)) return new Date(sourceDateEpoch * 1000)
  return new Date(Date.UTC(1980, 0, 1))
}
