import { report } from '../../diagnostics.js'
import type { Cable } from '../../model/schema.js'
import { resolveClassification } from '../../model/vocabulary.js'
import type { TextContext } from './context.js'
import { decodeEntities } from './entities.js'
import type { Line } from './lines.js'
import { pointAt, sliceLine } from './lines.js'
import { POST_TYPE, readTelegram } from './telegram.js'
import type { Telegram } from './telegram.js'

/** A Cablegate cable id: two-digit year, post, serial (`02ANKARA8150`, `09STATE12345`). */
const CABLE_ID = /^\d{2}[A-Z][A-Z0-9]*?\d+$/
/** The release's date line: `Wed Nov 13 00:00:00 +0100 2002`. */
const RELEASE_DATE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{2}) \d{2}:\d{2}:\d{2} [+-]\d{4} (\d{4})$/
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
/** The notice WikiLeaks put before partial records; the text may run on after it. */
const PARTIAL_NOTICE = 'This record is a partial extract of the original cable. The full text of the original cable is not available.'

/** Whether a WikiLeaks record (five metadata lines) starts at `index`. */
export function isRecordStart(lines: Line[], index: number): boolean {
  return CABLE_ID.test(lines[index]!.text.trim()) && RELEASE_DATE.test(lines[index + 2]?.text.trim() ?? '')
}

/**
 * The post and serial of a Cablegate id, as {@link bannerKey} gives them
 * from a banner (`09RABAT706` → `RABAT#706`).
 */
export function recordKey(id: string): string | undefined {
  const match = /^\d{2}([A-Z][A-Z0-9]*?)(\d+)$/.exec(id)
  return match ? `${match[1]}#${Number(match[2])}` : undefined
}

/**
 * The release date as a calendar date. The time is always a placeholder
 * midnight in the publisher's zone (`00:00:00 +0100`): converting it to UTC
 * would move the cable to the day before, so the date is kept as written.
 *
 * @example releaseDate('Wed Nov 13 00:00:00 +0100 2002') // '2002-11-13'
 */
export function releaseDate(text: string): string | undefined {
  const match = RELEASE_DATE.exec(text.trim())
  if (!match) return undefined
  return `${match[3]}-${String(MONTHS.indexOf(match[1]!) + 1).padStart(2, '0')}-${match[2]}`
}

/**
 * Read one WikiLeaks Cablegate record: id, subject, date, classification and
 * origin from the five metadata lines (the most reliable source for those),
 * then the telegram text (full or "partial extract") for everything else.
 * `XXXXXXXXXXXX` runs become redactions withheld by the publisher.
 */
export function readWikiLeaksRecord(lines: Line[], ctx: TextContext): Telegram {
  const [idLine, subjectLine, dateLine, classificationLine, originLine] = lines
  const rest = lines.slice(5)
  const first = rest[0]
  const partial = first !== undefined && first.text.startsWith(PARTIAL_NOTICE)
  if (partial) rest[0] = sliceLine(first, PARTIAL_NOTICE.length)
  if (rest.every((line) => line.text.trim() === '')) {
    report(
      ctx.file,
      'warning',
      'metadata-only',
      'this WikiLeaks record holds only its five metadata lines: the cable has no text, only an id, subject, date, classification and origin',
      pointAt(idLine!),
    )
  }
  const telegram = readTelegram(rest, ctx, { redactions: true })
  const header = telegram.header
  if (partial) {
    // What the extract lacks is as much a fact as what it holds: said here, and the facsimile does not invent it.
    const routed = header.precedence !== undefined || header.date !== undefined
    report(
      ctx.file,
      'warning',
      'partial-extract',
      `WikiLeaks published only a partial extract of this cable: part of its text may be missing${routed ? '' : ', and so is its routing header (no precedence, date-time group or addressees)'}`,
      pointAt(first),
    )
  }
  const id = idLine!.text.trim()
  if (header.id && header.id !== id) {
    report(ctx.file, 'info', 'id-mismatch', `the text gives the id \`${header.id}\`; the release's \`${id}\` is kept`, pointAt(idLine!))
  }
  header.id = id
  const subject = decodeEntities(subjectLine?.text ?? '')
    .replace(/\s+/g, ' ')
    .trim()
  // The release truncates long subjects: the text's own SUBJECT wins when it extends the release's.
  if (subject && !(header.subject && header.subject.startsWith(subject))) header.subject = subject
  const date = releaseDate(dateLine?.text ?? '')
  if (date && !(header.date && header.date.startsWith(date))) {
    if (header.date)
      report(ctx.file, 'info', 'date-mismatch', `the date-time group gives ${header.date}; the release's date ${date} is kept`, pointAt(dateLine!))
    header.date = date
  }
  const written = classificationLine?.text.trim() ?? ''
  const resolved = resolveClassification(written, 'en') ?? resolveClassification(written.split('//')[0] ?? '', 'en')
  if (resolved) header.classification = { level: resolved.level, label: written }
  else if (written) report(ctx.file, 'warning', 'unknown-classification', `unknown classification \`${written}\``, pointAt(classificationLine!))
  const origin = originLine?.text.trim() ?? ''
  if (origin) {
    header.from ??= origin
    const place = origin.replace(POST_TYPE, '')
    if (place !== origin && !header.place) header.place = place
  }
  return telegram
}

/** The header part of a cable, for callers that assemble one. */
export type RecordHeader = Partial<Omit<Cable, 'body' | 'attachments'>>
