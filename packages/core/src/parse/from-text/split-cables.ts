import { isFcoLine } from './fco-telegram.js'
import { isFrenchHeaderLine, isIssuerLine, isLetterheadLine } from './french-cable.js'
import { isTdLine, startsTd } from './french-td.js'
import { isFrusTitle } from './frus-transcript.js'
import { splitItems } from './items.js'
import type { Line } from './lines.js'
import { isBlank } from './lines.js'
import { countLabelledFields } from './labelled-lines.js'
import { isNoteVerbaleOpening } from './note-verbale.js'
import { isRule } from './rules.js'
import { bannerKey, isTelegramLine, startsTelegram } from './telegram.js'
import { isRecordStart, recordKey } from './wikileaks.js'

/**
 * The families of raw text the ingester reads: French ministerial cables,
 * US telegrams (also 1970s printed pages), WikiLeaks records, French TDs,
 * FCO telegrams, notes verbales, FRUS transcripts, and labelled lines for a
 * layout none of them knows.
 */
export type TextFamily = 'french' | 'telegram' | 'wikileaks' | 'french-td' | 'fco' | 'note-verbale' | 'frus' | 'labelled'

/** The lines of one cable and the family that reads them. */
export interface Chunk {
  family: TextFamily
  lines: Line[]
}

/** How many lines of a segment are looked at to judge it: keeps the split linear. */
const WINDOW = 80

const ATTACHMENT_LINE = /^(?:P\.\s?J\.?|PJ|Pi[èe]ces?\s+jointes?)\s*:\s*(.*)$/iu

/**
 * Cut a file into cables. WikiLeaks records start at their five metadata
 * lines and run to the next record, or to a cable of another kind pasted
 * after them (a telegram with another banner, a French header). Elsewhere
 * a cable may end at a rule (`————`) when what follows looks like a new
 * cable (two header telltales in its first lines) and no announced
 * attachment is still waiting for its text; a telegram dump starts a new
 * message at each `VZCZC` or action line, and a French letterhead after a
 * telegram or after a French cable's `Objet` starts a new cable. One pass,
 * bounded look-ahead.
 */
export function splitCables(lines: Line[]): Chunk[] {
  const starts: number[] = []
  for (let index = 0; index + 2 < lines.length; index++) if (isRecordStart(lines, index)) starts.push(index)
  if (starts.length === 0) return splitGeneric(lines)
  const chunks: Chunk[] = []
  if (lines.slice(0, starts[0]).some((line) => !isBlank(line))) chunks.push(...splitGeneric(lines.slice(0, starts[0])))
  for (let k = 0; k < starts.length; k++) {
    const start = starts[k]!
    const end = starts[k + 1] ?? lines.length
    // Another family pasted after the record (a French cable, a US telegram): its own cables, not the record's text.
    const foreign = foreignStart(lines, start, end)
    chunks.push({ family: 'wikileaks', lines: lines.slice(start, foreign ?? end) })
    if (foreign !== undefined) chunks.push(...splitGeneric(lines.slice(foreign, end)))
  }
  return chunks
}

/** The first letters a state or ministry line can start with (`Royaume`, `République`, `État`, `Ministère`…): a cheap test before the full one. */
const LETTERHEAD_START = /^[RrEeÉéPpGgSsCcMm]/u
/** The first character of a rule. */
const RULE_START = /^[-–—_=*~]/
/** A French document number line (`N° 57/DACS/2014`). */
const FRENCH_NUMBER = /^N\s?[°º]\s*:?\s*\S/u

/** How many lines after a candidate start are looked at to tell a foreign cable: bounded, so the split stays linear. */
const FOREIGN_WINDOW = 40
/** How many lines open a French cable's header: letterhead, number, place and date. */
const FRENCH_WINDOW = 12

/**
 * Where, inside the WikiLeaks record that starts at `start`, a cable of
 * another kind begins: a telegram whose banner names another post and
 * serial than the record's id (the record's own sections share them), or a
 * French cable's header (a letterhead line, or a post or number line after
 * a blank line or a rule, with another header line within a few lines and
 * no telegram line among them: the record's own text is English). One
 * pass; each candidate is judged on a bounded window.
 */
function foreignStart(lines: Line[], start: number, end: number): number | undefined {
  const own = recordKey(lines[start]!.text.trim())
  const banners = bannerFinder(lines, end)
  let previous = ''
  for (let index = start + 5; index < end; index++) {
    const text = lines[index]!.text.trim()
    const before = previous
    previous = text
    if (text === '') continue
    if (startsTelegram(text) && !before.startsWith('VZCZC')) {
      const key = banners(index)
      if (key && own && key !== own) return index
    }
    // This runs on every line of the record: cheap tests first. After a break, a post or number line may open the French cable; elsewhere only a state or ministry line.
    const afterBreak = before === '' || (RULE_START.test(before) && isRule(before))
    const opens = afterBreak ? isIssuerLine(text) || FRENCH_NUMBER.test(text) : LETTERHEAD_START.test(text) && isLetterheadLine(text)
    if (opens && frenchOpening(lines, index, end)) return index
  }
  return undefined
}

/**
 * The first banner key in the window after a telegram start. Queries come
 * in increasing order, so each line is tested once however many starts
 * there are (a dump of action lines stays linear).
 */
function bannerFinder(lines: Line[], end: number): (from: number) => string | undefined {
  let scanned = 0
  let found: { at: number; key: string } | undefined
  return (from) => {
    if (!found || found.at < from) {
      found = undefined
      for (let k = Math.max(from, scanned); k < Math.min(end, from + FOREIGN_WINDOW); k++) {
        scanned = k + 1
        const key = bannerKey(lines[k]!.text)
        if (key) {
          found = { at: k, key }
          break
        }
      }
    }
    return found && found.at < from + FOREIGN_WINDOW ? found.key : undefined
  }
}

/** Two French header lines in the next few lines, and no telegram line: a French cable's header. */
function frenchOpening(lines: Line[], from: number, end: number): boolean {
  let french = 0
  for (let k = from; k < Math.min(end, from + FRENCH_WINDOW); k++) {
    const text = lines[k]!.text.trim()
    if (isTelegramLine(text)) return false
    if (isFrenchHeaderLine(text)) french++
  }
  return french >= 2
}

interface Segment {
  lines: Line[]
  french: number
  telegram: number
  /** Telltales only US telegrams have (action line, banner with post and serial, TAGS, E.O.): an FCO telegram or a note verbale has none. */
  us: number
  td: number
  fco: number
  /** Whether a note verbale's opening ("presents its compliments") is among its first lines. */
  note: boolean
  /** Whether it opens with the heading of a published record (FRUS). */
  frus: boolean
  /** Whether it has had a TD's text mark (`TXT`, `OBJET :`) or an FCO paragraph: a new TD or telegram after it is the next cable. */
  textSeen: boolean
  /** Attachment texts the segment announced (`P.J. : 1) … 2) …`). */
  announced: number
  /** Whether it started at a telegram start rather than a rule. */
  telegramStart: boolean
}

function emptySegment(telegramStart: boolean): Segment {
  return { lines: [], french: 0, telegram: 0, us: 0, td: 0, fco: 0, note: false, frus: false, textSeen: false, announced: 0, telegramStart }
}

/** Lines only a US telegram has. */
const US_ONLY = /^(?:VZCZC|TAGS\b|E\.\s?O\.\s?1\d{4})/

function splitGeneric(lines: Line[]): Chunk[] {
  const segments: Segment[] = []
  let current: Segment = emptySegment(false)
  let seenFm = false
  let seenSubject = false
  let nonBlank = 0
  let previousText = ''
  const open = (telegramStart: boolean) => {
    segments.push(current)
    current = emptySegment(telegramStart)
    seenFm = false
    seenSubject = false
    nonBlank = 0
  }
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!
    const text = line.text.trim()
    if (isRule(text) && current.lines.length > 0) {
      // The rule opens the next segment: merged back, it still separates an attachment's text.
      open(false)
      current.lines.push(line)
      continue
    }
    // A telegram after a message, or after a French cable (no rule between: pasted one after the other).
    if (startsTelegram(text) && (seenFm || current.telegram >= 3 || current.french >= 2) && !/^VZCZC/.test(lines[index - 1]?.text.trim() ?? '')) open(true)
    else if (/^VZCZC/.test(text) && (current.telegram >= 2 || current.french >= 2)) open(true)
    // A French cable's header after a telegram, with no rule between.
    else if (
      current.telegram >= 3 &&
      current.telegram > current.french &&
      (isBlank(lines[index - 1]) || isLetterheadLine(text)) &&
      isFrenchHeaderLine(text) &&
      frenchOpening(lines, index, lines.length)
    )
      open(false)
    // A new letterhead after a French cable that has had its subject: the next cable, pasted with no rule between.
    else if (seenSubject && current.french > current.telegram && isLetterheadLine(text) && frenchOpening(lines, index, lines.length)) open(false)
    // A published record's heading, a TD's listing or number line, an FCO sender after a telegram's text: the next cable.
    else if (nonBlank > 0 && isFrusTitle(text)) open(true)
    else if (current.textSeen && current.td >= 2 && startsTd(text)) open(true)
    else if (current.textSeen && current.fco >= 1 && /^FM\s/.test(text)) open(true)
    if (/^Objet\s*:/iu.test(text)) seenSubject = true
    if (/^FM\s/.test(text)) seenFm = true
    if (current.lines.length < WINDOW && text !== '') {
      if (isFrenchHeaderLine(text)) current.french++
      if (isTelegramLine(text)) current.telegram++
      if (US_ONLY.test(text) || startsTelegram(text) || (/\d\s*$/.test(text) && bannerKey(text))) current.us++
      if (isTdLine(text)) current.td++
      if (isFcoLine(text)) current.fco++
      if (!current.note && /compliments/i.test(text) && isNoteVerbaleOpening(`${previousText} ${text}`)) current.note = true
      if (nonBlank === 0 && isFrusTitle(text)) current.frus = true
    }
    if (text !== '' && !/^\[Page \d+\]$/.test(text)) nonBlank++
    if (text !== '') previousText = text
    if ((current.td >= 2 && /^(?:T[XÉ]?X?T|OBJET\s*:.*)$/.test(text)) || (current.fco >= 1 && /^\d{1,2}\.\s/.test(text))) current.textSeen = true
    const attachment = ATTACHMENT_LINE.exec(text)
    if (attachment) current.announced += Math.max(1, splitItems(attachment[1]!).length)
    current.lines.push(line)
  }
  segments.push(current)

  const chunks: { lines: Line[]; segment: Segment; waiting: number }[] = []
  for (const segment of segments) {
    if (segment.lines.every((line) => isBlank(line))) continue
    const last = chunks.at(-1)
    const cableLike = segment.french + segment.telegram >= 2 || segment.td >= 2 || segment.fco >= 1 || segment.note || segment.frus
    if (!last || segment.telegramStart || (cableLike && last.waiting <= 0)) {
      chunks.push({ lines: [...segment.lines], segment, waiting: segment.announced })
    } else {
      // The rule was a separator inside the cable (before an attachment's text).
      for (const line of segment.lines) last.lines.push(line)
      last.waiting += segment.announced - 1
    }
  }
  return chunks.map((chunk) => ({ family: familyOf(chunk.segment, chunk.lines), lines: chunk.lines }))
}

/**
 * The family whose telltales dominate a cable's first lines. The newer
 * families are told by what only they have (a published record's heading,
 * two TD lines, an FCO `TELNO` with no US-only line, a note's compliments
 * with no telegram header); a text that is neither French nor a telegram
 * but has labelled lines is read as such, with a warning.
 */
function familyOf(segment: Segment, lines: Line[]): TextFamily {
  if (segment.frus) return 'frus'
  if (segment.td >= 2 && segment.us === 0) return 'french-td'
  if (segment.fco >= 1 && segment.us === 0) return 'fco'
  if (segment.note && segment.us === 0 && segment.telegram < 2) return 'note-verbale'
  if (segment.french < 2 && segment.telegram < 2 && countLabelledFields(lines) >= 2) return 'labelled'
  return segment.telegram > segment.french ? 'telegram' : 'french'
}
