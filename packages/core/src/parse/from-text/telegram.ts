import { report } from '../../diagnostics.js'
import type { Cable } from '../../model/schema.js'
import type { BodyContent } from '../../model/nodes.js'
import { resolveClassification } from '../../model/vocabulary.js'
import { splitAddressees } from './addressees.js'
import { CLASSIFIED_BY, readClassifiedBy } from './classified-by.js'
import type { TextContext } from './context.js'
import { readBannerLine } from './banner.js'
import { decodeEntities } from './entities.js'
import { parseEnglishDate } from './english-dates.js'
import { titleCase } from './french-dates.js'
import { splitItems } from './items.js'
import type { Line } from './lines.js'
import { isBlank, pointAt, sliceLine, trimLine, squashSpaces } from './lines.js'
import { buildBody } from './paragraphs.js'
import { isRule } from './rules.js'
import { takeSignature } from './signature.js'
import { isLineCount, isPrintedPageNoise, isRoutingRule, opensDraftingBlock } from './us-printed-page.js'
import { continuesTags, splitTags, uniqueTags } from './tags.js'

type Header = Partial<Omit<Cable, 'body' | 'attachments'>>

/** What a telegram (or one section of it) gave. */
export interface Telegram {
  header: Header
  body: BodyContent[]
  /** `SECTION n OF m`, when the banner has it. */
  section?: { number: number; of: number }
  /** Post and serial from the banner (`RABAT 000412`): sections of one cable share it. */
  key?: string
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']
const ACTION_PRECEDENCE: Readonly<Record<string, { level: 'immediate' | 'priority' | 'routine' | 'flash'; label: string }>> = {
  O: { level: 'immediate', label: 'IMMEDIATE' },
  P: { level: 'priority', label: 'PRIORITY' },
  R: { level: 'routine', label: 'ROUTINE' },
  Z: { level: 'flash', label: 'FLASH' },
}

/** Classification words of a banner, spaced out or not. */
const BANNER_WORD = String.raw`(?:C O N F I D E N T I A L|S E C R E T|U N C L A S S I F I E D|T O P S E C R E T|TOP SECRET|UNCLASSIFIED|UNCLAS|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)`
/** The message banner: classification, handling captions, section, post and serial. */
const BANNER = new RegExp(
  String.raw`^(${BANNER_WORD})((?:\s+(?:E F T O|EFTO|NOFORN|SENSITIVE|SIPDIS|NODIS|EXDIS|LIMDIS|STADIS))*)(?:\s+SECTION\s+(\d{1,2})\s+OF\s+(\d{1,2}))?\s+([A-Z][A-Z.' -]{1,30}?)\s+(\d{2,7})\s*$`,
)
/** The same banner run into the end of an addressee line (`…PRIORITYC O N F I D E N T I A L SECTION 01 OF 04 CAIRO 003757`). */
const RUN_IN_BANNER = new RegExp(
  String.raw`${BANNER_WORD}(?:(?:\s+(?:E F T O|EFTO|NOFORN|SENSITIVE|SIPDIS))*\s+SECTION\s+\d{1,2}\s+OF\s+\d{1,2})?\s+[A-Z][A-Z.' -]{1,30}?\s+\d{2,7}\s*$`,
)
/** Where a banner word starts in a line. */
const BANNER_START = new RegExp(BANNER_WORD)
/** A banner alone on a line: the page header or footer of a printed telegram. */
const BANNER_ONLY = new RegExp(String.raw`^${BANNER_WORD}(?:\s*//\s*[A-Z ]+)?(?:\s+[A-Z]{3}\d{4})?(?:\s+POSS DUPE)?$`)
/**
 * The action line: the action precedence, then (older telegrams) the info
 * addressees' own (`P R 281848Z DEC 66`), the date-time group, and an
 * optional operating signal (`ZFF`, `ZFF4`).
 */
const DTG = /^([OPRZ])(?:\s+[OPRZ])?\s+(\d{2})(\d{2})(\d{2})Z\s+([A-Z]{3})\s+(\d{2})(?:\s+[A-Z][A-Z0-9]{1,4})?$/i
const BARE_DTG = /^(\d{2})(\d{2})(\d{2})Z\s+([A-Z]{3})\s+(\d{2})$/i
/** The day and time WikiLeaks printed after the header (`Friday, 23 February 2001, 15:53`). */
const DISPLAY_DATE = /(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}\s*$/

/**
 * The start of the message text: a numbered paragraph (`1. (C) …`, `¶2.`,
 * `1. Summary`) or a labelled one (`Summary:`, `(C) SUMMARY.`, `BEGIN
 * SUMMARY`). The header's open fields (SUBJECT, REF, Classified By) end
 * there even without a blank line.
 */
const PARAGRAPH_START =
  /^¶?\s?\d{1,2}\s?\.\s+\S|^(?:\([A-Z/]{1,8}\)\s*)?(?:(?:BEGIN\s+)?SUMMARY|(?:Begin\s+)?[Ss]ummary|COMMENT|Comment|BACKGROUND|Background)\s*[:.]/
/** A numbered paragraph run into the end of the subject line (`… MINISTERIAL 1. Summary. EU …`). */
const RUN_IN_PARAGRAPH = /\s(?=¶?\d{1,2}\.\s+(?:\([A-Z/]{1,8}\)|Summary\b|SUMMARY\b)|(?:\([A-Z/]{1,8}\)\s*)?(?:Summary|SUMMARY)\s*:)/

/** How many lines a Classified By value may wrap onto: the line is a name and its reasons, never a paragraph. */
const MAX_CLASSIFIED_LINES = 3

/** Lines of the transmission, not of the message: dropped. */
const ROUTING_NOISE = [
  /^VZCZC/,
  /^[OPRZ]{1,2}\s+RUE[A-Z]{2,}(?:\s+RUE[A-Z]{2,})*$/,
  /^DE\s+RUE[A-Z]+\s+#/,
  /^ZN[YR]\s/,
  /^(?:ZZH|BT|NNNN|SIPDIS|CXXXX|>)$/,
  /^#\d{3,5}$/,
  /^ACTION\s+[A-Z]+-\d{2}\b/,
  /^(?:INFO\s+)?(?:[A-Z]{1,5}-\d{2}\s*)+(?:\/\d+W)?$/,
  /^\/\d+W$/,
  /^-{5,}[0-9A-F]+\s+\d{6}Z\s+\/\d+$/,
  /^PAGE\s+\d{1,3}\s+[A-Z]/,
  /^[A-Z][A-Z ]{1,30}\s\d{5,8}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}$/,
  /^\d{4}[A-Z]+\d+\s+-\s+(?:Classification:\s*)?[A-Z]/,
  // The embassy's footer box, whatever its wording (`Visit Embassy Rabat's Classified Website;`, `Please visit Embassy Tunis' Classified Website at: http://…`).
  /^(?:Please\s+)?visit\s.{1,60}?\bClassified\s+Web\s?site\b/i,
  /^https?:\/\/[^\s/]*\.sgov\.gov(?:\/\S*)?(?:\s\S{1,12})?$/i,
  /^\*{5,}$/,
]

/** The case-sensitive patterns as one expression: one scan of the line instead of one per pattern (it runs on every line). */
const ROUTING_NOISE_CASED = new RegExp(
  ROUTING_NOISE.filter((pattern) => !pattern.flags.includes('i'))
    .map((pattern) => `(?:${pattern.source})`)
    .join('|'),
)
const ROUTING_NOISE_UNCASED = new RegExp(
  ROUTING_NOISE.filter((pattern) => pattern.flags.includes('i'))
    .map((pattern) => `(?:${pattern.source})`)
    .join('|'),
  'i',
)

function isRoutingNoise(text: string): boolean {
  return ROUTING_NOISE_CASED.test(text) || ROUTING_NOISE_UNCASED.test(text) || BANNER_ONLY.test(squashSpaces(text))
}

/** How WikiLeaks names a post's kind before its place (`Embassy Ankara`, `Consulate General Frankfurt`). */
export const POST_TYPE = /^(?:Embassy|Consulate General|Consulate|Mission|US Mission|US Office|Liaison Office|Interests Section|USUN|American Institute in)\s+/

/** Whether a line is one of the telltales of a telegram (routing or header), for family detection. */
export function isTelegramLine(text: string): boolean {
  const value = text.trim()
  return /^(?:VZCZC|FM\s|TO\s|TAGS\b|SUBJ(?:ECT)?\s*:|E\.\s?O\.\s?1\d{4}|EO 1\d{4}|REFS?:)/.test(value) || DTG.test(value) || BANNER.test(value)
}

/**
 * The post and serial of a message banner (`C O N F I D E N T I A L
 * SECTION 01 OF 02 RABAT 000412` → `RABAT#412`), also when the banner runs
 * into an addressee line; the key sections of one cable share.
 */
export function bannerKey(text: string): string | undefined {
  const value = text.trim().replace(/\s+/g, ' ')
  const banner = BANNER.exec(value) ?? (RUN_IN_BANNER.test(value) ? BANNER.exec(value.slice(value.search(BANNER_START))) : null)
  if (!banner) return undefined
  return `${banner[5]!.replace(/\s+/g, '').replace(/^SECSTATE$/, 'STATE')}#${Number(banner[6])}`
}

/** Whether a line starts a new telegram in a dump of several. */
export function startsTelegram(text: string): boolean {
  return /^VZCZC/.test(text) || DTG.test(text.trim())
}

/** A date-time group as OCR misreads it: the precedence `O` as `0`, `O`/`l`/`I` among the digits, the `Z` as `7` or `2`. */
const OCR_DTG = /^([OPRZ0])((?:\s+[OPRZ0])?)\s+([0-9OoIl]{6})([Z72])\s+([A-Z]{3})\s+([0-9OoIl]{2})((?:\s+[A-Z][A-Z0-9]{1,4})?)$/i

/**
 * A date-time group OCR spoilt, put right (`0 141530Z AUG 09` → `O 141530Z AUG 09`,
 * `P 2912467 OCT 01` → `P 291246Z OCT 01`), or `undefined` when the line is none.
 */
export function repairOcrDtg(text: string): string | undefined {
  const match = OCR_DTG.exec(text.trim())
  if (!match) return undefined
  const digits = (value: string) => value.replace(/[Oo]/g, '0').replace(/[Il]/g, '1')
  const letter = (value: string) => value.replace('0', 'O')
  const fixed = `${letter(match[1]!)}${letter(match[2]!)} ${digits(match[3]!)}Z ${match[5]} ${digits(match[6]!)}${match[7]}`
  const group = DTG.exec(fixed)
  // Repaired, it must be a real moment: a day past the month's end is not a misread group.
  if (fixed === text.trim() || !group || !dtgDate(group[2]!, group[3]!, group[4]!, group[5]!, group[6]!)) return undefined
  return fixed
}

/** `141530Z AUG 09` as ISO 8601 UTC, or `undefined` when the day does not exist. */
function dtgDate(day: string, hour: string, minute: string, month: string, year: string): string | undefined {
  const m = MONTHS.indexOf(month.toUpperCase())
  if (m === -1 || Number(hour) > 23 || Number(minute) > 59) return undefined
  const y = Number(year) < 50 ? 2000 + Number(year) : 1900 + Number(year)
  const date = new Date(Date.UTC(y, m, Number(day)))
  if (date.getUTCDate() !== Number(day)) return undefined
  return `${y}-${String(m + 1).padStart(2, '0')}-${day}T${hour}:${minute}Z`
}

/** How a telegram is printed. */
export interface TelegramOptions {
  /** Turn runs of `XXXXXX` into redactions (WikiLeaks releases). */
  redactions?: boolean
  /** A 1970s printed page (`PAGE 01 …`, office codes): its furniture is dropped, and its subject wraps only from a long line. */
  printedPage?: boolean
}

/** How long a printed page's subject line is when the teletype wrapped it (column 60 less the margin): a shorter one is complete. */
const PRINTED_SUBJECT_WRAP = 45

/**
 * Read a US State Department telegram (Cablegate style): routing header
 * (action line and date-time group, `FM`, `TO`, `INFO`), the banner
 * (classification, `SECTION n OF m`, post and serial), `E.O.`, `TAGS`,
 * `SUBJECT` (wrapped or with `REF`/`Classified By` run in), `REF` items,
 * `Classified By`, then numbered paragraphs with their portion marks, and
 * the signer's name on the last line. Routing noise, page headers and
 * section banners are dropped; a paragraph cut by a page break is joined.
 */
export function readTelegram(lines: Line[], ctx: TextContext, options: TelegramOptions = {}): Telegram {
  const header: Header = { lang: 'en' }
  const result: Telegram = { header, body: [] }
  let mode: 'to' | 'info' | 'tags' | 'subject' | 'references' | 'classifiedBy' | 'drafting' | undefined
  const printed = options.printedPage === true
  let subjectLength = 0
  let year: string | undefined
  let serial: string | undefined
  let post: string | undefined
  const to: string[] = []
  const info: string[] = []
  const references: string[] = []
  const pre: Line[] = []
  let index = 0
  let seenSubject = false
  let referenceLine: Line | undefined
  /** The text after the subject on the subject's own line, when a paragraph ran into it: the body's first line. */
  let runInBody: Line | undefined
  let lastAddressee: { routed: boolean; closed: boolean } | undefined
  /** The TAGS value and its wrapped lines, split once at the end: linear however many lines wrap. */
  const tagLines: string[] = []
  const subjectParts: string[] = []
  let classifiedLines = 0

  /** Whether the classification so far is a page header's banner alone. */
  let pageBanner = false
  const readBanner = (text: string, line: Line): boolean => {
    const banner = readBannerLine(text)
    if (!banner) return false
    if (banner.misread) {
      const word = banner.misreadAs ?? banner.label.split('//')[0]!
      const at = Math.max(0, line.text.indexOf(banner.misread))
      report(ctx.file, 'warning', 'ocr-suspect', `\`${banner.misread}\` in the banner reads as an OCR error for \`${word}\``, pointAt(line, at), {
        actual: banner.misread,
        suggestion: word,
      })
    }
    // A banner alone is a page's header (`UNCLASSIFIED` atop a printed page): the message's own banner, with its post and serial, wins.
    const alone = !banner.post && !banner.id && !banner.number
    if (!header.classification || (pageBanner && !alone)) {
      const resolved = resolveClassification(banner.label, 'en')
      if (resolved) {
        header.classification = { level: resolved.level, label: banner.label }
        pageBanner = alone
      }
    }
    if (banner.section) result.section = banner.section
    if (banner.post && banner.serial) {
      post = banner.post
      serial = banner.serial
      result.key = `${post.replace(/\s+/g, '')}#${Number(serial)}`
    }
    // What a facsimile prints in the banner when the cable has no post and serial: its id, or its telegram number.
    if (banner.id) header.id ??= banner.id
    if (banner.number) header.reference ??= banner.number
    return true
  }

  for (; index < lines.length; index++) {
    const raw = lines[index]!
    if (isBlank(raw)) {
      if (mode === 'references' && continuesReferences(lines, index, referenceLine)) continue
      if (mode) mode = undefined
      continue
    }
    let line = trimLine(raw)
    // `¶` is the publisher's paragraph mark, even where it wrongly marks a header line (`¶B. GENEVA 1919`).
    if (line.text.startsWith('¶')) line = trimLine(sliceLine(line, 1))
    // A WikiLeaks display date glued to the end of a header line.
    const display = DISPLAY_DATE.exec(line.text)
    if (display && !seenSubject) line = trimLine(sliceLine(line, 0, display.index))
    // A banner run into an addressee line: split it off (a guess, reported).
    const runIn = !seenSubject && (mode === 'to' || mode === 'info' || /^(TO|INFO)\s/.test(line.text)) ? RUN_IN_BANNER.exec(line.text) : null
    if (runIn && runIn.index > 0) {
      report(ctx.file, 'info', 'label-split', 'the classification banner runs into the addressee line: split there', pointAt(line, runIn.index))
      let before = trimLine(sliceLine(line, 0, runIn.index))
      const label = /^(TO|INFO)\s+/.exec(before.text)
      if (label) {
        mode = label[1] === 'TO' ? 'to' : 'info'
        before = trimLine(sliceLine(before, label[0].length))
      }
      readAddressLine(before)
      readBanner(line.text.slice(runIn.index), line)
      mode = undefined
      continue
    }
    const text = squashSpaces(line.text)
    if (line.text === '') continue
    if (printed && !seenSubject) {
      // The drafting block of an outgoing cable runs to the routing rule: who drafted and cleared it, not addressees.
      if (opensDraftingBlock(text)) mode = 'drafting'
      if (mode === 'drafting' && !DTG.test(text)) {
        if (isRoutingRule(text)) mode = undefined
        continue
      }
      if (isPrintedPageNoise(text) || isLineCount(text)) continue
    }
    // OCR's misreadings of the group are read as the group, with a warning.
    const repairedDtg = !seenSubject && !DTG.test(text) ? repairOcrDtg(text) : undefined
    if (repairedDtg)
      report(ctx.file, 'warning', 'ocr-suspect', `\`${text.trim()}\` reads as the date-time group \`${repairedDtg}\` (OCR error)`, pointAt(line), {
        actual: text.trim(),
        suggestion: repairedDtg,
      })
    const dtg = DTG.exec(repairedDtg ?? text)
    if (dtg && !seenSubject) {
      header.precedence ??= ACTION_PRECEDENCE[dtg[1]!.toUpperCase()]!
      const date = dtgDate(dtg[2]!, dtg[3]!, dtg[4]!, dtg[5]!, dtg[6]!)
      if (date) header.date ??= date
      year ??= dtg[6]
      mode = undefined
      continue
    }
    // A day written out (`NOVEMBER 15, 2002`): what a facsimile prints for a cable dated without a date-time group.
    const day = !seenSubject && /^(?:[A-Z]{3,9}\.? \d|\d{1,2} [A-Z]{3,9} \d)/i.test(text) ? parseEnglishDate(text) : undefined
    if (day) {
      header.date ??= day
      continue
    }
    const bare = BARE_DTG.exec(text)
    if (bare && !seenSubject) {
      const date = dtgDate(bare[1]!, bare[2]!, bare[3]!, bare[4]!, bare[5]!)
      if (date) header.date ??= date
      year ??= bare[5]
      continue
    }
    if (!seenSubject && readBanner(text, line)) {
      mode = undefined
      continue
    }
    if (isRoutingNoise(text)) continue
    if (!seenSubject) {
      const fm = /^FM\s+(.+)$/.exec(text)
      if (fm) {
        header.from = fm[1]!.trim()
        mode = undefined
        continue
      }
      const address = /^(TO|INFO)(?:\s*:\s*|\s+)(.+)$/.exec(text)
      if (address) {
        mode = address[1] === 'TO' ? 'to' : 'info'
        lastAddressee = undefined
        readAddressLine(trimLine(sliceLine(line, line.text.indexOf(address[2]!.slice(0, 3)))))
        continue
      }
      // A wrapped or joined addressee line: short, or long but cut by routing indicators.
      if ((mode === 'to' || mode === 'info') && /^[A-Z0-9 /.,&()'-]+$/.test(text) && (text.length < 80 || (text.length < 400 && /[A-Z]{4,8}\//.test(text)))) {
        readAddressLine(line)
        continue
      }
    }
    mode = mode === 'to' || mode === 'info' ? undefined : mode
    if (/^(?:\(U\)\s*)?E\.?\s?O\.?\s?1\d{4}|^EO\s+1\d{4}/i.test(text)) {
      header.declassification = text.trim()
      continue
    }
    // OCR reads the `O` of `E.O.` twice (`E.O0. 12958`): the order's number says what the line is.
    const doubled = /^((?:\(U\)\s*)?E\.\s?O)[0O](\.\s?1\d{4}\b.*)$/.exec(text.trim())
    if (doubled) {
      header.declassification = `${doubled[1]}${doubled[2]}`
      report(ctx.file, 'warning', 'ocr-suspect', `\`${text.trim()}\` reads as \`${header.declassification}\` (OCR error)`, pointAt(line), {
        actual: text.trim(),
        suggestion: header.declassification,
      })
      continue
    }
    const tags = /^TAGS\b\s*:?\s*(.*)$|^Tags\s*:\s*(.*)$/i.exec(text)
    // A TAGS line wrapped onto the next (`KWBG US IR`, or anything after a trailing comma).
    const moreTags = mode === 'tags' && continuesTags(text, tagLines.at(-1) ?? '') ? text : undefined
    if ((tags && !seenSubject) || moreTags !== undefined) {
      tagLines.push(tags ? (tags[1] ?? tags[2] ?? '') : moreTags!)
      mode = 'tags'
      continue
    }
    if (mode === 'tags') mode = undefined
    const subject = /^SUBJ(?:ECT)?\s*[:.]?\s+(.*)$|^SUBJ(?:ECT)?:(.*)$/i.exec(text)
    if (subject && !seenSubject) {
      seenSubject = true
      mode = 'subject'
      const label = /^SUBJ(?:ECT)?\s*[:.]?\s*/i.exec(line.text)!
      subjectLength = text.length
      if (readSubjectPart(trimLine(sliceLine(line, label[0].length)))) {
        index++
        break
      }
      continue
    }
    // SUBJECT, REF and Classified By end where the message text starts, blank line or not.
    if ((mode === 'subject' || mode === 'references' || mode === 'classifiedBy') && opensParagraph(text)) break
    if (readLabelled(line)) continue
    // A printed page wraps its subject near column 60: after a short subject line, the text starts.
    if (mode === 'subject' && printed && subjectLength < PRINTED_SUBJECT_WRAP) break
    if (mode === 'subject') {
      subjectLength = text.length
      if (readSubjectPart(line)) {
        index++
        break
      }
      continue
    }
    if (mode === 'references') {
      references.push(text)
      continue
    }
    if (mode === 'classifiedBy' && ++classifiedLines <= MAX_CLASSIFIED_LINES) {
      // A wrap can cut `1.4` after its `1`: glue the point back.
      header.classifiedBy = /\d$/.test(header.classifiedBy ?? '') && /^\.\d/.test(text) ? `${header.classifiedBy}${text}` : `${header.classifiedBy} ${text}`
      continue
    }
    // A handling caption between SUBJECT and REF (`SENSITIVE`, `NOFORN`): text of the message, and the header goes on.
    if (/^(?:SENSITIVE|NOFORN|EXDIS|LIMDIS|NODIS|STADIS|SENSITIVE BUT UNCLASSIFIED|FOR OFFICIAL USE ONLY)\.?$/.test(text)) {
      pre.push(raw)
      continue
    }
    if (!seenSubject) {
      // Captions before the subject (`DEPT FOR AF/S`, `FOR AF FROM AMBASSADOR`): text of the message.
      pre.push(raw)
      continue
    }
    break
  }

  /**
   * One line of the subject (the first after its label, or a wrapped one):
   * joined to the subject up to a run-in `REF`, `Classified By` or numbered
   * paragraph. Returns whether the message text starts on this line.
   */
  function readSubjectPart(part: Line): boolean {
    const paragraph = RUN_IN_PARAGRAPH.exec(part.text)
    const head = paragraph ? trimLine(sliceLine(part, 0, paragraph.index)) : part
    const rest = splitRunIn(head.text, head)
    subjectParts.push(rest.subject)
    if (rest.tail) {
      mode = undefined
      readLabelled(rest.tail)
    }
    if (!paragraph) return false
    report(
      ctx.file,
      'info',
      'label-split',
      'a numbered paragraph runs into the subject line: the message text starts there',
      pointAt(part, paragraph.index + 1),
    )
    runInBody = trimLine(sliceLine(part, paragraph.index))
    return true
  }

  /** Whether a line in an open SUBJECT, REF or Classified By starts the message text. A numbered REF list goes on with its numbers. */
  function opensParagraph(text: string): boolean {
    if (!PARAGRAPH_START.test(text)) return false
    return !(mode === 'references' && /^\(?\d{1,2}[.)]\s/.test(references[0] ?? '') && !/^¶?\d{1,2}\.\s+\(/.test(text))
  }

  function readAddressLine(line: Line): void {
    const list = mode === 'info' ? info : to
    for (const item of splitAddressees(line.text)) {
      // A routed addressee the teletype wrapped (`…COOPERATION IN` / `EUROPE PRIORITY`): the line goes on with it. A printed page lists one per line.
      if (!printed && !item.routed && lastAddressee?.routed && !lastAddressee.closed && list.length > 0) {
        list[list.length - 1] = `${list.at(-1)} ${item.name}`
        lastAddressee = { routed: true, closed: item.closed }
      } else {
        list.push(item.name)
        lastAddressee = item
      }
      const precedence = item.precedence
      if (precedence && mode === 'to' && !header.precedence) {
        const level = /NIACT|IMMEDIATE/.test(precedence) ? 'immediate' : (precedence.toLowerCase() as 'priority' | 'routine' | 'flash')
        header.precedence = { level, label: precedence }
      }
    }
  }

  /** `REF`, `REFS`, `Ref(s)`, `Classified By`: returns whether the line was one. */
  function readLabelled(line: Line): boolean {
    const text = squashSpaces(line.text).trim()
    const ref = /^(?:REFS?|REFTEL|REFERENCES?|Refs?|Ref\(s\)|Reference)\s*[:.]?\s+(.*)$|^(?:REFS?|Ref\(s\)|Refs?):(.*)$/.exec(text)
    if (ref && !header.classifiedBy && /^[A-Z]/.test(text)) {
      mode = 'references'
      referenceLine = line
      references.push((ref[1] ?? ref[2] ?? '').trim())
      return true
    }
    const classified = CLASSIFIED_BY.exec(text)
    if (classified && !header.classifiedBy) {
      mode = 'classifiedBy'
      header.classifiedBy = classified[1]!.trim()
      return true
    }
    return false
  }

  // Body: from here on, with page breaks and routing noise cut out.
  const bodyLines: Line[] = [...pre]
  if (pre.length > 0) bodyLines.push({ ...pre.at(-1)!, text: '' })
  if (runInBody) bodyLines.push(runInBody)
  let pageBreak = false
  for (; index < lines.length; index++) {
    const raw = lines[index]!
    const text = squashSpaces(raw.text.trim())
    if (text === '') {
      if (!pageBreak) bodyLines.push(raw)
      continue
    }
    if (isRoutingNoise(text) || BANNER.test(text) || (printed && isPrintedPageNoise(text))) {
      // A page break inside a paragraph: drop the blank lines around it, so the paragraph goes on.
      while (bodyLines.length > 0 && isBlank(bodyLines.at(-1))) bodyLines.pop()
      pageBreak = true
      continue
    }
    if (isRule(text)) {
      bodyLines.push({ ...raw, text: '' })
      pageBreak = false
      continue
    }
    // A printed page leaves no blank line between numbered paragraphs; a page break may fall between them.
    if ((pageBreak || printed) && /^¶?\d{1,2}\.\s/.test(text)) bodyLines.push({ ...raw, text: '' })
    pageBreak = false
    bodyLines.push(raw)
  }
  const signer = takeSignature(bodyLines, { glued: options.printedPage === true })
  if (signer) header.signature = signer

  if (to.length > 0) header.to = to
  if (info.length > 0) header.info = info
  // Wrapped lines are one value: in a comma list, a line ending without a comma wraps inside a tag (`HUMAN` / `RIGHTS`).
  const tagList = tagLines.length > 0 ? uniqueTags(splitTags(tagLines.join(' '), /[,;]/.test(tagLines[0]!))) : []
  if (tagList.length > 0) header.tags = tagList
  const subjectText = subjectParts.join(' ').replace(/\s+/g, ' ').trim()
  if (subjectText) header.subject = subjectText
  // `¶` marks the publisher put before items joined on one line (`A. X ¶B. Y`) are layout, not text.
  const items = references.length > 0 ? splitItems(references.join(' ').replace(/(^|\s)¶\s*/g, '$1')) : []
  if (items.length > 0) header.references = items
  if (header.subject) header.subject = decodeEntities(header.subject)
  if (header.classifiedBy !== undefined) {
    const { by, reasons } = readClassifiedBy(header.classifiedBy)
    header.classifiedBy = by
    if (reasons) header.classificationReasons = reasons
  }
  if (header.from) {
    const town = /^(?:AMEMBASSY|AMCONSUL|AMCONSULATE|AMCONGEN)\s+(.+)$/.exec(header.from)
    if (town) header.place = titleCase(town[1]!.trim())
    // The origin as WikiLeaks names it (`Embassy Ankara`), printed as the sender when the text had no `FM` line.
    else if (POST_TYPE.test(header.from)) header.place = header.from.replace(POST_TYPE, '')
  }
  if (year && post && serial) header.id = `${year}${post.replace(/\s+/g, '').replace(/^SECSTATE$/, 'STATE')}${Number(serial)}`
  result.body = buildBody(bodyLines, ctx, { redactions: options.redactions === true })
  return result
}

/** After a blank line, a `REF` list goes on when the last item ended with a comma and the next line opens an item. */
function continuesReferences(lines: Line[], index: number, start: Line | undefined): boolean {
  if (!start) return false
  let previous = index - 1
  while (previous >= 0 && isBlank(lines[previous])) previous--
  let next = index + 1
  while (next < lines.length && isBlank(lines[next])) next++
  const before = lines[previous]?.text.trim() ?? ''
  const after = lines[next]?.text.trim() ?? ''
  return before.endsWith(',') && /^\(?[A-Z]\)/.test(after)
}

/** `REF:` or `Classified By` run into the subject line: the subject, and the rest as its own line. */
function splitRunIn(value: string, line: Line): { subject: string; tail?: Line } {
  const match = /\s(?:REFS?:|Ref\(s\):|(?:\(U\)\s*)?Classified By\b|(?:\(U\)\s*)?CLASSIFIED BY\b)/.exec(value)
  if (!match) return { subject: value.trim() }
  const offset = line.text.indexOf(value)
  const at = (offset === -1 ? 0 : offset) + match.index + 1
  return { subject: value.slice(0, match.index).trim(), tail: trimLine(sliceLine(line, at)) }
}
