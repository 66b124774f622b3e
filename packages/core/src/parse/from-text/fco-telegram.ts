import { editDistance, report } from '../../diagnostics.js'
import type { Cable } from '../../model/schema.js'
import type { BodyContent } from '../../model/nodes.js'
import { CLASSIFICATION_LABELS, resolveClassification, resolvePrecedence } from '../../model/vocabulary.js'
import type { ClassificationLevel, Leveled } from '../../model/vocabulary.js'
import type { TextContext } from './context.js'
import { fullYear, isoDay, monthNumber } from './english-dates.js'
import type { Line } from './lines.js'
import { isBlank, pointAt, squashSpaces, trimLine } from './lines.js'
import { buildBody } from './paragraphs.js'
import { takeSignature } from './signature.js'

type Header = Partial<Omit<Cable, 'body' | 'attachments'>>

/** The precedence words of FCO telegrams, as they open a `TO` or `INFO` item (`DESKBY 170600Z` asks for delivery by a time). */
const PRECEDENCE = /^(FLASH|IMMEDIATE|PRIORITY|ROUTINE|DESKBY\s+\d{6}Z)\s+/i
/** `TELNO 1095`, `Telno 123`. */
const TELNO = /\bTELNO\s+(\d{1,5})\b/i
/** `OF 010245Z APRIL 82`, `OF 29 DECEMBER`, `of 051200Z Mar 04`. */
const OF = /\bOF\s+(?:(\d{2})(\d{2})(\d{2})Z\s+)?(?:(\d{1,2})(?:ST|ND|RD|TH)?\s+)?([A-Z]{3,9})(?:\s+(\d{2}|\d{4}))?\b/i
/** References of a telegram to others: `MIPT`, `MIFT`, `YOUR TELNO 871`, `MY TELNO 12`, `UKMIS NEW YORK TELNO 393 TO YOU`. */
const REFERENCE = new RegExp(
  String.raw`^(MIPT|MIFT|MY\s+IPT|MY\s+IFT|(?:YOUR|MY)\s+TEL(?:NO|EGRAM)?\s+\d+(?:\s+(?:TO|OF)\s+[A-Z0-9 ]+?)?` +
    String.raw`|[A-Z][A-Z ]{2,30}\s+TELNO\s+\d+\s+TO\s+(?:YOU|ME|FCO))\b\s*[.:]?\s*(.*)$`,
  'i',
)
/** Words of the classification banner, and what OCR makes of them. */
const BANNERS = ['TOP SECRET', 'SECRET', 'CONFIDENTIAL', 'RESTRICTED', 'UNCLASSIFIED'] as const
/** How the telegram was sent: `CYPHER CAT A`, `CYPHER/CAT A`, `EN CLAIR`. */
const TRANSMISSION = /^(CYPHER(?:\s*\/\s*|\s+)CAT\s+[A-Z]|CYPHER|EN\s+CLAIR)$/i

/** Whether a line is one of the telltales of an FCO telegram, for family detection. */
export function isFcoLine(text: string): boolean {
  const value = text.trim()
  const routing = TELNO.test(value) && /^(?:TO|FM|TELNO|OF|AND\s+TO)\b|\bTELNO\s+\d+\s+OF\b/i.test(value)
  return routing || /^(?:MIPT|MIFT)\.?$/.test(value) || TRANSMISSION.test(value)
}

/**
 * Read a British FCO telegram: banner, `FM <post>`, `TO <precedence>
 * <addressee>`, `TELNO n`, `OF DDHHMMZ <MONTH> YY` (UTC), `INFO
 * <precedence> <addressees>` on one or several lines, in capitals or in the
 * mixed case of the 2000s (`CENSORED` marks stay in the text); `MIPT`,
 * `YOUR TELNO`, `MY TELNO` as references, a subject line, numbered
 * paragraphs and the signer's surname. Registry stamps and folio numbers
 * above the `TO` line are furniture.
 */
export function readFcoTelegram(lines: Line[], ctx: TextContext): { header: Header; body: BodyContent[] } {
  const header: Header = { lang: 'en' }
  const to: string[] = []
  const info: string[] = []
  const references: string[] = []
  let mode: 'to' | 'info' | undefined
  let fmTime: { day: string; hour: string; minute: string } | undefined
  let dropped = 0
  let firstDropped: Line | undefined
  let index = 0
  let seenTo = false
  let listGoesOn = false

  const addAddressees = (value: string, list: string[]) => {
    for (const piece of value.split(/\s*[,;]\s*|\s+AND\s+(?=[A-Z]{2})/)) {
      let name = piece.trim()
      const precedence = PRECEDENCE.exec(name)
      if (precedence) {
        if (list === to && !header.precedence) setPrecedence(precedence[1]!)
        name = name.slice(precedence[0].length)
      }
      name = name.replace(/[\s\-–.]+$/, '').trim()
      if (name) list.push(name)
    }
  }
  const setPrecedence = (word: string) => {
    const found = resolvePrecedence(/^DESKBY/i.test(word) ? 'immediate' : word, 'en')
    if (found) header.precedence = { level: found.level, label: word.toUpperCase() }
  }

  /** `TO …`, `TELNO …`, `OF …`, `INFO …` in any order on one line: each piece to its field. */
  const readRouting = (line: Line, text: string): boolean => {
    const parts = text.split(/(?=\bTELNO\s+\d)|(?=\bOF\s+(?:\d{6}Z|\d{1,2}(?:ST|ND|RD|TH)?\s+[A-Z]{3,9}))|(?:\s*\/\s*|\s+)(?=INFO\b)|(?=\bAND\s+TO\s)/i)
    let any = false
    for (const raw of parts) {
      const part = raw.trim()
      if (part === '') continue
      const toPart = /^(?:AND\s+)?TO\s*:?\s+(.+)$/i.exec(part)
      const infoPart = /^INFO\s*:?\s+(.+)$/i.exec(part)
      const telno = /^TELNO\s+(\d{1,5})\b\s*(.*)$/i.exec(part)
      const of = /^OF\s/i.test(part) ? OF.exec(part) : null
      if (toPart) {
        mode = 'to'
        seenTo = true
        addAddressees(toPart[1]!, to)
      } else if (infoPart) {
        mode = 'info'
        addAddressees(infoPart[1]!, info)
      } else if (telno) {
        header.reference ??= telno[1]!
      } else if (of) {
        readOf(of, line)
      } else if (any && mode) {
        addAddressees(part, mode === 'to' ? to : info)
      } else return any
      any = true
    }
    return any
  }

  const readOf = (of: RegExpExecArray, line: Line) => {
    const [, day, hour, minute, plainDay, monthName, year] = of
    const month = monthNumber(monthName!)
    if (!month) return
    const dayOf = day ?? plainDay ?? fmTime?.day
    const time = day ? { hour: hour!, minute: minute! } : fmTime && (!plainDay || plainDay.padStart(2, '0') === fmTime.day) ? fmTime : undefined
    if (!year) {
      report(ctx.file, 'warning', 'guessed-field', 'the telegram gives its day and month but no year: the date is left out', pointAt(line))
      return
    }
    const iso = dayOf ? isoDay(fullYear(year), month, Number(dayOf)) : undefined
    if (iso) header.date = time ? `${iso}T${time.hour}:${time.minute}Z` : iso
  }

  for (; index < lines.length; index++) {
    const raw = lines[index]!
    if (isBlank(raw)) continue
    const line = trimLine(raw)
    const text = squashSpaces(line.text)
    if (/^\d{1,2}\.\s+\S/.test(text) && seenTo) break
    const fm = /^(?:FM|FROM)\s*:?\s+(.+)$/i.exec(text)
    if (fm && !header.from) {
      // `FM WASHINGTON TO IMMEDIATE FCO …` on one line: the routing after the sender is read as its own line.
      const cut = /\s(?=(?:TO|TELNO|OF|INFO)\s)/i.exec(fm[1]!)
      let sender = cut ? fm[1]!.slice(0, cut.index) : fm[1]!
      const time = /\s+(\d{2})(\d{2})(\d{2})Z$/.exec(sender)
      if (time) {
        fmTime = { day: time[1]!, hour: time[2]!, minute: time[3]! }
        sender = sender.slice(0, time.index)
      }
      // A spaced-out sender (`F C O`) is one word the typist spread.
      header.from = /^(?:[A-Z] )+[A-Z]$/.test(sender) ? sender.replace(/ /g, '') : sender.trim()
      mode = undefined
      if (cut) readRouting(line, fm[1]!.slice(cut.index + 1))
      continue
    }
    if (/^(?:AND\s+)?TO\s*:?\s|^INFO\s*:?\s|^TELNO\s|^OF\s+(?:\d{6}Z|\d)/i.test(text) && readRouting(line, text)) {
      listGoesOn = /,\s*$/.test(text)
      continue
    }
    const transmission = TRANSMISSION.exec(text)
    if (transmission) {
      header.transmission = transmission[1]!.toUpperCase()
      continue
    }
    const classification = bannerOf(text, line, ctx)
    if (classification) {
      header.classification ??= classification
      continue
    }
    // A typed copy may label the reference (`REF: MIPT`).
    const reference = REFERENCE.exec(text.replace(/^REFS?\s*:\s*/i, ''))
    if (reference && (seenTo || header.from)) {
      references.push(reference[1]!.replace(/\s+/g, ' ').toUpperCase())
      const rest = reference[2]!.replace(/^[:.\s]+/, '').trim()
      if (rest) header.subject ??= rest.replace(/\.$/, '')
      mode = undefined
      continue
    }
    // A wrapped INFO list: the line before ended with a comma, or this one holds a list or a precedence.
    const listLine = /^[A-Z][A-Z0-9 ,()&/.'-]*$/.test(text) && text.length < 120 && !/[.]$/.test(text)
    if (mode && listLine && (listGoesOn || text.includes(',') || PRECEDENCE.test(text))) {
      addAddressees(text, mode === 'to' ? to : info)
      listGoesOn = /,\s*$/.test(text)
      continue
    }
    // `… CO TELNO 2015 OF 23RD SEPTEMBER …` with no `TO` line (OCR lost it, or the older `ADDRESSED TO` form):
    // the word before `TELNO` is the addressee, a guess.
    const bare = !seenTo ? /(?:^|\s)([A-Z][A-Z.]{1,20})\s+TELNO\s+\d/.exec(text) : null
    if (bare) {
      report(ctx.file, 'warning', 'guessed-field', `no \`TO\` line: read \`${bare[1]}\` before \`TELNO\` as the addressee (a guess)`, pointAt(line, bare.index))
      seenTo = true
      to.push(bare[1]!.replace(/\.$/, ''))
      readRouting(line, text.slice(bare.index + bare[0].length - (bare[0].length - bare[0].indexOf('TELNO'))))
      mode = undefined
      continue
    }
    if (!seenTo) {
      // Registry stamps, file numbers and folio numbers above the routing: not the telegram.
      dropped++
      firstDropped ??= line
      continue
    }
    const labelled = /^SUBJ(?:ECT)?\s*:\s*(.+)$/i.exec(text)
    if (labelled && !header.subject) {
      header.subject = labelled[1]!.replace(/\.$/, '').trim()
      mode = undefined
      continue
    }
    // A line in capitals before the first paragraph: the subject.
    const subjectLike = /\p{Lu}/u.test(text) && text.length <= 120 && !/[.!?]$/.test(text.replace(/\.$/, ''))
    if (!header.subject && subjectLike && (text === text.toUpperCase() || /^[A-Z]/.test(text))) {
      header.subject = text.replace(/\.$/, '')
      mode = undefined
      continue
    }
    break
  }
  if (dropped > 0 && firstDropped) {
    const what = `${dropped} line${dropped > 1 ? 's' : ''}`
    report(ctx.file, 'info', 'furniture-dropped', `dropped ${what} above the routing (registry stamps, file and folio numbers)`, pointAt(firstDropped))
  }
  if (to.length > 0) header.to = to
  if (info.length > 0) header.info = info
  if (references.length > 0) header.references = references
  const bodyLines = lines.slice(index)
  const signer = takeSignature(bodyLines)
  if (signer) header.signature = signer
  return { header, body: buildBody(bodyLines, ctx, {}) }
}

/**
 * The classification of a banner line (`CONFIDENTIAL`, `Restricted`), or
 * what OCR made of it (`CIFIDENTIAL`): a guess within two edits, reported.
 */
function bannerOf(text: string, line: Line, ctx: TextContext): Leveled<ClassificationLevel> | undefined {
  const value = text.replace(/[.\s]+$/, '')
  if (value.length > 40) return undefined
  const exact = resolveClassification(value, 'en')
  if (exact && /^[A-Za-z ]+$/.test(value) && value.length > 2) return { level: exact.level, label: value.toUpperCase() }
  const word = value.toUpperCase()
  if (!/^[A-Z ]{6,}$/.test(word)) return undefined
  for (const banner of BANNERS) {
    if (editDistance(word, banner) <= 2 && word.length >= banner.length - 2) {
      const level = resolveClassification(banner, 'en')!.level
      const reason = `read \`${value}\` as the classification \`${banner}\` (a guess from OCR'd text)`
      report(ctx.file, 'info', 'fuzzy-stamp', reason, pointAt(line), { actual: value, suggestion: banner })
      return { level, label: CLASSIFICATION_LABELS.en[level] }
    }
  }
  return undefined
}
