import { editDistance, report } from '../../diagnostics.js'
import type { Cable } from '../../model/schema.js'
import type { BodyContent } from '../../model/nodes.js'
import { CLASSIFICATION_LABELS, resolveClassification, resolvePrecedence } from '../../model/vocabulary.js'
import type { ClassificationLevel, Leveled } from '../../model/vocabulary.js'
import type { TextContext } from './context.js'
import { fullYear, isoDay } from './english-dates.js'
import { parseFrenchDate, titleCase } from './french-dates.js'
import { splitItems } from './items.js'
import type { Line } from './lines.js'
import { isBlank, pointAt, sliceLine, trimLine } from './lines.js'
import { buildBody } from './paragraphs.js'

type Header = Partial<Omit<Cable, 'body' | 'attachments'>>

/** The TD number line: `TD KIGALI 315`, `TD DFRA NEW YORK 1691`, `TD KIGALI 39 LE 15 JANVIER 1994`, OCR'd `TD KIGALI 31: LE T AVRIL 1994`. */
const TD_LINE = /^TD\s+((?:[A-Z][A-Z'’.-]*\s+){0,4}?[A-Z][A-Z'’.-]*)\s+(\d\S*)(.*)$/
/** The archive's listing line: `TD_KIGALI_1994_00315.txt Wed May 20 21:17:56 2020 1`. */
const LISTING = /\bTD_([A-Z]+)_(\d{4})_0*(\d+)\.txt\b/
/**
 * The post's own date and local time: `KGLI LE 07/04/94 A 22H23` (the post's code, its name, `KIGALI LE …`, or none:
 * `LE 08/04/94 A 23H48`), also inside OCR debris (`(K6LI LE 15/01/94 A, 11H05`).
 */
const POST_TIME = /(?:\b[A-Z0-9]{4,}\s+|^)LE\s+(\d{1,2})\/(\d{1,2})\/(\d{2,4})\s*[AÀ]?,?\s*(\d{1,2})\s?H\s?(\d{2})\b/
/** `CHIFFRE CONFIDENTIEL DIPLOMATIE`, `CHIFFRE DIFFUSION RESTREINTE`: how the TD was enciphered, and its protection. */
const CIPHER = /^CHIFFRE\s+(.*)$/
/** `ORIGINE : L'AMBASSADEUR`, OCR'd `ORIGINE. : …`. */
const ORIGIN = /^ORIGINE\s*\.?\s*:\s*(.*)$/
/** Distribution notes: `NB : DISTRIBUTION DIRECTEURS`, `NB : SERVIR : …`, OCR'd `NB>!`, `NBO:`. */
const NOTE = /^N\s?B[O0>!.]*\s*[:;>!]/
/** The line that opens the text: `TXT`, OCR'd `TT`. */
const TEXT_MARK = /^T[XÉ]?X?T\.?$/
/** An addressee marker: `AD` (action) and `CQ` (copy), with what OCR makes of `CQ` (`CO`, `C0`, `Co`, `©`); a typed copy may put a colon after it. */
const ADDRESSEE_MARK = /(?:^|[\s"“”'(]+)(AD|CQ|CO|C0|Co|co|©)(?=\s*:?[\s-]+["“]?[A-ZÀ-Þ])/gu
/** A word of an addressee: capitals, apostrophes and hyphens (`DAR`, `MINDEFENSE`, `L'ONU`). */
const ADDRESSEE_WORD = /^[A-ZÀ-Þ][A-ZÀ-Þ'’-]*$/u
/** Header labels of the text part: `OBJET :`, `REFERENCE :`, `RESUME :`, OCR'd without the colon. */
const SUBJECT = /^OBJET\s*\.?\s*:\s*(.*)$/
const REFERENCE = /^R[EÉ]F[EÉ]RENCES?\s*[:.]?\s+(.*)$|^R[EÉ]F\s*\.?\s*:\s*(.*)$/
/** A label opening a line of the text (`RESUME :`, `PRIMO :`), which ends a wrapped subject. */
const LABEL = /^[A-ZÀ-Þ]{3,}\s*\.?\s*:/
/** Precedence words, longest first. */
const PRECEDENCES = ['TRES URGENT', 'TRÈS URGENT', 'URGENT', 'IMMEDIAT', 'IMMÉDIAT', 'FLASH', 'PRIORITAIRE', 'ROUTINE'] as const
/** Page furniture of an archive copy: page headers, print stamps, separator `XXX`. */
const PAGE_FURNITURE = /^PAGE\s+[-\d]|^\d{2}\/\d{2}\/\d{4}-\d{2}:\d{2}\b|^(?:X\s?){3}$/

/** Whether a line is one of the telltales of a French TD, for family detection. */
export function isTdLine(text: string): boolean {
  const value = text.trim()
  if ((TD_LINE.test(value) && /\d/.test(value)) || LISTING.test(value) || POST_TIME.test(value)) return true
  return CIPHER.test(value) || ORIGIN.test(value) || /^(?:AD|CQ)\s+[A-Z]+.*\d/.test(value) || value === 'TXT'
}

/** Whether a line starts a TD in a file of several: the archive listing line or the TD number line. */
export function startsTd(text: string): boolean {
  const value = text.trim()
  return LISTING.test(value) || (TD_LINE.test(value) && /\sLE\s/.test(value))
}

/**
 * Read a French diplomatic telegram (TD) of the Quai d'Orsay as archive
 * copies give it, OCR'd: the archive listing line and service codes
 * (furniture), `TD <POST> <n>` (the reference, number checked against the
 * listing), the post's date and local time (`KGLI LE 07/04/94 A 22H23`,
 * kept local: no zone), precedence, `CHIFFRE …` (classification),
 * `ORIGINE :` (the sender), `NB :` notes, `AD`/`CQ` addressees (serials
 * dropped), `TXT`, `OBJET :`, `REFERENCE :`, then the text, the signer's
 * name and the closing banner.
 */
export function readFrenchTd(lines: Line[], ctx: TextContext): { header: Header; body: BodyContent[] } {
  const header: Header = { lang: 'fr' }
  const to: string[] = []
  const info: string[] = []
  let listing: { post: string; year: string; number: string } | undefined
  let tdLine: Line | undefined
  let tdNumber: string | undefined
  let post: string | undefined
  let banner: Leveled<ClassificationLevel> | undefined
  let dropped = 0
  let firstDropped: Line | undefined
  let index = 0
  let inText = false
  let subject: string[] | undefined
  let references: string[] | undefined
  /** The marker of the last addressee line, and whether the line before this one was one. */
  let lastMarker: 'AD' | 'CQ' | undefined
  let addresseeRun = false
  /** Copy markers OCR misread (`CO`, `C0`, `©`), reported once for the TD. */
  const guessedCopies: string[] = []
  let firstGuess: ReturnType<typeof pointAt> | undefined
  const drop = (line: Line) => {
    dropped++
    firstDropped ??= line
  }

  for (; index < lines.length; index++) {
    const raw = lines[index]!
    if (isBlank(raw)) {
      if (subject && !(!header.precedence && isPrecedenceStamp(lines[index + 1]?.text.trim() ?? ''))) break
      continue
    }
    const line = trimLine(raw)
    const previousWasAddressee = addresseeRun
    addresseeRun = false
    // OCR puts quotes and brackets before a line's first word (`"AD DIPLOMATIE 39`, `“CO DFRA`).
    const text = line.text.replace(/^["“”'(]+/, '')
    // A precedence stamp alone on its line, which a facsimile's layout may put after `TXT` or `OBJET` (it is printed beside them).
    if ((inText || subject) && !header.precedence && isPrecedenceStamp(text)) {
      header.precedence = precedenceOf(text)
      continue
    }
    if (subject) {
      // A subject wraps until it ends with a point (`… MILITAIRE` / `DE CRISE.`) or a label opens the next line.
      if (!/[.!?]\s*[-—–]*$/.test(subject.join(' ')) && !LABEL.test(text) && !REFERENCE.test(text)) {
        subject.push(text)
        continue
      }
      if (!REFERENCE.test(text)) break
    }
    const list = LISTING.exec(text)
    if (list) {
      listing = { post: list[1]!, year: list[2]!, number: list[3]! }
      drop(line)
      continue
    }
    if (inText || tdLine) {
      const label = SUBJECT.exec(text)
      if (label) {
        inText = true
        subject = [label[1]!]
        continue
      }
      const reference = REFERENCE.exec(text)
      if (reference) {
        inText = true
        references = splitItems(reference[1] ?? reference[2] ?? '').map((item) => item.replace(/\.$/, ''))
        continue
      }
      if (inText) break
    }
    if (TEXT_MARK.test(text) && tdLine) {
      inText = true
      continue
    }
    const td = TD_LINE.exec(text)
    if (td && !header.reference) {
      tdLine = line
      post = td[1]!
      tdNumber = td[2]!
      const rest = td[3]!.trim()
      const written = /^LE\s/.test(rest) ? parseFrenchDate(rest) : undefined
      if (written) header.date ??= written.date
      header.reference = `TD ${post} ${tdNumber}`
      continue
    }
    if (td) continue
    const time = POST_TIME.exec(text)
    if (time && tdLine) {
      const day = isoDay(fullYear(time[3]!), Number(time[2]), Number(time[1]))
      if (day && Number(time[4]) < 24 && Number(time[5]) < 60) {
        // The post's local time, with no zone: kept local, never turned into UTC.
        header.date = `${day}T${time[4]!.padStart(2, '0')}:${time[5]}`
      }
      continue
    }
    const cipher = CIPHER.exec(text)
    if (cipher) {
      const found = classificationOf(cipher[1]!)
      if (found) header.classification = found
      continue
    }
    if (!tdLine) {
      // Above the TD line: the banner, the archive's listing, service codes and the print header. The banner is kept as a fallback.
      banner ??= classificationOf(text)
      drop(line)
      continue
    }
    const origin = ORIGIN.exec(text)
    if (origin) {
      const value = cleanOrigin(trimLine(sliceLine(line, line.text.length - origin[1]!.length)), ctx)
      if (value) header.from = value
      continue
    }
    if (NOTE.test(text) || /^RT\s/.test(text) || PAGE_FURNITURE.test(text)) {
      drop(line)
      continue
    }
    if (!header.precedence) {
      const precedence = precedenceOf(text)
      if (precedence) {
        header.precedence = precedence
        continue
      }
    }
    ADDRESSEE_MARK.lastIndex = 0
    const marks = [...text.matchAll(ADDRESSEE_MARK)]
    if (marks.length > 0 && (marks[0]!.index === 0 || text.slice(0, marks[0]!.index).trim() === '')) {
      readAddressees(text, marks, line)
      lastMarker = marks.at(-1)![1] === 'AD' ? 'AD' : 'CQ'
      addresseeRun = true
      continue
    }
    // A typed copy lists one addressee a line under its marker (`CQ : MINCOOP PARIS` / `MINDEFENSE PARIS`): the line goes on with it.
    if (lastMarker && previousWasAddressee && /^[A-ZÀ-Þ][A-ZÀ-Þ'’-]*(?: [A-ZÀ-Þ][A-ZÀ-Þ'’-]*){0,4}$/u.test(text)) {
      ;(lastMarker === 'AD' ? to : info).push(text)
      addresseeRun = true
      continue
    }
    const written = parseFrenchDate(text)
    if (written) {
      header.date ??= written.date
      continue
    }
    if (classificationOf(text)) continue
    // A line of prose where the header has no `TXT`: the text starts there.
    if (text.split(/\s+/).length >= 9 && /[A-ZÀ-Þ]{4,}\s+[A-ZÀ-Þ]{2,}\s+[A-ZÀ-Þ]{2,}/u.test(text)) break
    drop(line)
  }

  function readAddressees(text: string, marks: RegExpMatchArray[], line: Line): void {
    for (let k = 0; k < marks.length; k++) {
      const mark = marks[k]!
      const start = mark.index! + mark[0].length
      const end = marks[k + 1]?.index ?? text.length
      const name = addresseeName(text.slice(start, end))
      if (!name) continue
      const marker = mark[1]!
      if (marker !== 'AD' && marker !== 'CQ') {
        guessedCopies.push(marker)
        firstGuess ??= pointAt(line, mark.index! + mark[0].length - marker.length)
      }
      ;(marker === 'AD' ? to : info).push(name)
    }
  }

  if (guessedCopies.length > 0 && firstGuess) {
    const kinds = [...new Set(guessedCopies)].map((marker) => `\`${marker}\``).join(', ')
    const times = `${guessedCopies.length} time${guessedCopies.length > 1 ? 's' : ''}`
    report(ctx.file, 'info', 'guessed-field', `read ${kinds} as \`CQ\` (copy addressee; OCR reads the Q as O) ${times}`, firstGuess)
  }
  if (!header.classification && banner) header.classification = banner
  if (to.length > 0) header.to = to
  if (info.length > 0) header.info = info
  if (post) {
    // A one-word post is its town (`KIGALI`); a longer one may open with the post's code (`DFRA NEW YORK`), so it is no place to print.
    if (!post.includes(' ')) header.place = titleCase(post)
    header.from ??= post
  }
  if (tdLine && tdNumber && !/^\d+$/.test(tdNumber)) {
    // OCR mangled the number (`31:`): the archive's listing line names the file by post, year and number.
    const fixed = listing && post?.replace(/\s+/g, '') === listing.post ? listing.number : tdNumber.replace(/\D/g, '')
    header.reference = `TD ${post} ${fixed}`
    const reason = `the TD number reads \`${tdNumber}\`: taken as ${fixed}${listing ? ' from the archive listing line' : ''}`
    report(ctx.file, 'warning', 'ocr-suspect', reason, pointAt(tdLine), { actual: tdNumber, suggestion: fixed })
  }
  if (subject) header.subject = cleanSubject(subject.join(' '))
  if (references && references.length > 0) header.references = references
  if (dropped > 0 && firstDropped) {
    const what = `${dropped} line${dropped > 1 ? 's' : ''}`
    const reason = `dropped ${what} of archive listing, service codes and distribution notes: not the TD's text`
    report(ctx.file, 'info', 'furniture-dropped', reason, pointAt(firstDropped))
  }

  // Text: up to the signer and the closing banner; page headers and print stamps are furniture.
  const bodyLines: Line[] = []
  for (; index < lines.length; index++) {
    const raw = lines[index]!
    const text = raw.text.trim()
    if (PAGE_FURNITURE.test(text)) {
      if (/^(?:X\s?){3}$/.test(text)) bodyLines.push({ ...raw, text: '' })
      continue
    }
    bodyLines.push(raw)
  }
  while (bodyLines.length > 0 && (isBlank(bodyLines.at(-1)) || isBannerLine(bodyLines.at(-1)!.text))) bodyLines.pop()
  const last = bodyLines.at(-1)
  if (last && /^[A-ZÀ-Þ][A-ZÀ-Þ'’-]{2,24}$/u.test(last.text.trim()) && !classificationOf(last.text)) {
    header.signature = last.text.trim()
    bodyLines.pop()
  }
  return { header, body: buildBody(paragraphLines(bodyLines), ctx, { ocr: true }) }
}

/** A line that holds only a classification banner (`CONFIDENTIEL DIPLOMATIE`). */
function isBannerLine(text: string): boolean {
  const value = text.trim()
  return value !== '' && classificationOf(value)?.label.length === value.replace(/[.\s]+$/, '').length
}

/**
 * A classification from the first words of a TD marking (`CONFIDENTIEL
 * DIPLOMATIE. 6 et |`, `DIFFUSIONRESTREINTE`): the longest run of words
 * the vocabulary knows, with the points and debris after it left out.
 */
function classificationOf(text: string): Leveled<ClassificationLevel> | undefined {
  const words = text.trim().split(/\s+/).slice(0, 3)
  for (let n = words.length; n >= 1; n--) {
    const written = words
      .slice(0, n)
      .join(' ')
      .replace(/[.,;:]+$/, '')
    const found = resolveClassification(written, 'fr')
    if (found) return { level: found.level, label: written }
  }
  // The protection word alone mangled by OCR (`CONFIDENTIEL DIP1É`): within an edit of `CONFIDENTIEL`, `SECRET`.
  const first = words[0]?.replace(/[^A-ZÉ]/g, '') ?? ''
  if (first.length >= 6 && editDistance(first, 'CONFIDENTIEL') <= 1) return { level: 'confidential', label: CLASSIFICATION_LABELS.fr.confidential }
  return undefined
}

/** A line that is a precedence word alone (`URGENT`): a stamp, wherever the layout put it. */
function isPrecedenceStamp(text: string): boolean {
  return (PRECEDENCES as readonly string[]).includes(text)
}

/** The precedence a line opens with (`URGENT :`, `IMMEDIAT À L'OUVERTURE DES BUREAUX`), label as written. */
function precedenceOf(text: string): Leveled<'routine' | 'priority' | 'urgent' | 'very-urgent' | 'immediate' | 'flash'> | undefined {
  for (const word of PRECEDENCES) {
    if (text === word || text.startsWith(`${word} `) || text.startsWith(`${word}:`)) {
      const found = resolvePrecedence(word, 'fr')
      if (found) return { level: found.level, label: word }
    }
  }
  return undefined
}

/** The name after an `AD`/`CQ` marker: the run of words in capitals, up to the serial or OCR debris. */
function addresseeName(segment: string): string | undefined {
  const words: string[] = []
  for (const token of segment.replace(/^\s*:?[\s-]+/, '').split(/\s+/)) {
    const bare = token.replace(/^["“”'(]+/, '')
    const cut = bare.replace(/[^A-ZÀ-Þ'’-].*$/u, '')
    if (cut === '' || !ADDRESSEE_WORD.test(cut)) break
    words.push(cut.replace(/['’-]+$/, ''))
    // Debris glued to the word (`BRUXELLES.'53`) ends the name.
    if (cut.length < bare.length) break
  }
  const name = words.join(' ').trim()
  return name === '' ? undefined : name
}

/** `ORIGINE :` without the drafter (`REDACTEUR : …`) and the OCR debris that trails it, reported. */
function cleanOrigin(value: Line, ctx: TextContext): string | undefined {
  const text = value.text.replace(/\s+R[EÉ]DACTEUR\s*:.*$/, '')
  const tokens = [...text.matchAll(/\S+/g)]
  let keep = tokens.length
  while (keep > 0 && !/\p{L}{2}/u.test(tokens[keep - 1]![0])) keep--
  if (keep === 0) return undefined
  const cut = keep < tokens.length ? tokens[keep]!.index : text.length
  if (keep < tokens.length) {
    const debris = text.slice(cut).trim()
    const reason = `dropped \`${debris}\` at the end of the ORIGINE line: it reads as OCR noise`
    report(ctx.file, 'warning', 'ocr-noise', reason, pointAt(value, cut), { actual: debris })
  }
  return text
    .slice(0, cut)
    .trim()
    .replace(/(['’])\s+/g, '$1')
}

/** A subject without the dash that closes it in TDs (`COMITE DE SALUT PUBLIC.-`, `MARTRES .—`). */
function cleanSubject(value: string): string {
  return value
    .replace(/\s+/g, ' ')
    .replace(/\s*[-—–]+\s*$/, '')
    .replace(/\s+\./g, '.')
    .trim()
}

/**
 * TDs in capitals carry no blank line between paragraphs: a line that ends
 * a sentence and stops well short of the others starts a new paragraph
 * after it. A blank line is inserted there so paragraphs read as sent.
 */
function paragraphLines(lines: Line[]): Line[] {
  let width = 0
  for (const line of lines) width = Math.max(width, line.text.trim().length)
  const out: Line[] = []
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!
    out.push(line)
    const text = line.text.trim()
    const next = lines[k + 1]
    if (next && !isBlank(next) && /[.:)]$|\/\.$/.test(text) && text.length < width - 12) out.push({ ...line, text: '' })
  }
  return out
}
