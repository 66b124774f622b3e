import { report } from '../../diagnostics.js'
import type { Cable } from '../../model/schema.js'
import type { BodyContent } from '../../model/nodes.js'
import { CLASSIFICATION_LABELS, resolveClassification, resolvePrecedence } from '../../model/vocabulary.js'
import type { TextContext } from './context.js'
import { parseEnglishDate } from './english-dates.js'
import { splitItems } from './items.js'
import type { Line } from './lines.js'
import { isBlank, pointAt, squashSpaces, trimLine } from './lines.js'
import { buildBody } from './paragraphs.js'
import { isRule } from './rules.js'
import { takeSignature } from './signature.js'

type Header = Partial<Omit<Cable, 'body' | 'attachments'>>

/** The heading of a published record: `27. Telegram From the Department of State to the Embassy in the United Kingdom1`. */
const TITLE = /^(\d{1,4})\.\s+((?:Telegram|Backchannel Message|Message|Cable|Airgram)\s+From\s+(.+))$/
/** Where the addressee starts in a heading: an institution after `to (the)`, so `Mission to United Nations` stays the sender's. */
const ADDRESSEE_HEAD = new RegExp(
  String.raw`\sto\s+(?:the\s+)?(?=(?:Embass(?:y|ies)|Department|Mission|Consulate|Consul|Secretary|President|All|Delegation|Office|White House|Legation` +
    String.raw`|Ambassador|Interests|Chargé|Posts|Certain|Director|Assistant|National|Defense|Joint|Commander|U\.S\.|US|Acting|Special|British|French` +
    String.raw`|Soviet|Prime)\b)`,
)
/** The telegram's number line: `85529. Subject: …`, `8241. For the Secretary. Subj: …`, `Secto 4025. …`. */
const NUMBER_LINE = /^((?:[A-Z][a-z]+\s)?\d{3,7}|\d{1,7}(?=\.\s.*\bSubj(?:ect)?:))\.\s+(.*)$/
/** `Washington, March 2, 1982, 0154Z.`, `London, April 8, 1982.` */
const DATELINE = /^([A-Z][A-Za-z .'-]{1,40}),\s+([A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4})(?:,\s+(\d{2})(\d{2})Z)?\.?$/
/** The classification the record prints in paragraph 1: `Secret–Entire text.`, `(C–Entire Text)`, `S–Entire text.` */
const ENTIRE_TEXT = /^(?:\d{1,2}\.\s+)?\(?(Top Secret|Secret|Confidential|Limited Official Use|Unclassified|TS|S|C|LOU|U)\s?[–—-]\s?Entire\s+text\b/i
/** The editor's source note, first of the footnotes. */
const SOURCE_NOTE = /^(?:[-•–]\s*|\d{1,2}\.\s+)Source:\s*(.*?)\s*↩?$/
/** A page break of the printed volume (`[Page 78]`). */
const PAGE_MARK = /\[Page \d+\]\s?/g

/** Whether a line is the heading of a published telegram, for family detection. */
export function isFrusTitle(text: string): boolean {
  return TITLE.test(text.trim())
}

/**
 * Read a web transcript of a published diplomatic record (FRUS on
 * history.state.gov): the heading (`Telegram From X to Y`, footnote mark
 * dropped) gives `from` and `to`; the number line the telegram number
 * (`reference`), captions and `Subject:`/`Ref:`; the dateline place and
 * date (UTC when it gives `Z`); the editor's source note the
 * classification, precedence and information addressees (`Sent for
 * information Immediate to …`), and goes to `publication.source`. Page
 * marks, footnote marks and the other footnotes are editorial apparatus,
 * not text.
 */
export function readFrusTranscript(lines: Line[], ctx: TextContext): { header: Header; body: BodyContent[] } {
  const header: Header = { lang: 'en' }
  let index = 0
  // A rule may separate the record from the one before it in a file of several.
  while (index < lines.length && (isBlank(lines[index]) || isRule(lines[index]!.text) || /^\[Page \d+\]$/.test(lines[index]!.text.trim()))) index++
  const titleLine = lines[index] ? trimLine(lines[index]!) : undefined
  const title = titleLine ? TITLE.exec(titleLine.text) : null
  if (title) {
    const heading = title[2]!.replace(/(?<=[\p{Ll}.)])\d{1,2}$/u, '')
    header.publication = { title: `${title[1]}. ${heading}` }
    const route = heading.replace(/^\S+(?:\s+Message)?\s+From\s+(?:the\s+)?/, '')
    const cut = ADDRESSEE_HEAD.exec(route)
    if (cut) {
      header.from = route.slice(0, cut.index).trim()
      header.to = route
        .slice(cut.index + cut[0].length)
        .split(/\s+and\s+the\s+/)
        .map((name) => name.trim())
        .filter((name) => name !== '')
    } else report(ctx.file, 'warning', 'guessed-field', 'the heading names no addressee this reader knows: sender and addressee not split', pointAt(titleLine!))
    index++
  }
  const bodyLines: Line[] = []
  let noteStart: Line | undefined
  let numbered = false
  for (; index < lines.length; index++) {
    const raw = lines[index]!
    const text = raw.text.trim()
    if (noteStart) continue
    const source = SOURCE_NOTE.exec(text)
    if (source) {
      noteStart = raw
      readSourceNote(source[1]!, header)
      continue
    }
    if (/^\[Page \d+\]$/.test(text)) continue
    const dateline = !header.date ? DATELINE.exec(text) : null
    if (dateline) {
      const day = parseEnglishDate(dateline[2]!)
      if (day) {
        header.date = dateline[3] ? `${day}T${dateline[3]}:${dateline[4]}Z` : day
        header.place = dateline[1]!.trim()
        continue
      }
    }
    const number = !numbered && text !== '' ? NUMBER_LINE.exec(text) : null
    if (number) {
      numbered = true
      header.reference = number[1]!
      const rest = readNumberLine(number[2]!, header)
      if (rest) bodyLines.push({ ...raw, text: rest, column: raw.column + Math.max(0, raw.text.indexOf(rest)) })
      continue
    }
    if (text !== '') numbered = true
    const entire = ENTIRE_TEXT.exec(text)
    if (entire && !header.classification) {
      const found = resolveClassification(entire[1]!, 'en')
      if (found) header.classification = { level: found.level, label: CLASSIFICATION_LABELS.en[found.level] }
    }
    bodyLines.push({ ...raw, text: stripMarks(raw.text) })
  }
  if (noteStart) {
    const reason = "the editor's notes after the text are not part of the telegram: the source note went to publication.source, the others were dropped"
    report(ctx.file, 'info', 'editorial-notes', reason, pointAt(noteStart))
  }
  const signer = takeSignature(bodyLines)
  if (signer) header.signature = signer
  return { header, body: buildBody(onePerLine(bodyLines), ctx, {}) }
}

/**
 * The number line after the telegram number: captions (`For the
 * Secretary.`), `Subject:`/`Subj:` and `Ref:`. Returns the captions, which
 * are text of the telegram.
 */
function readNumberLine(rest: string, header: Header): string {
  const subject = /\bSubj(?:ect)?:\s*(.*?)(?:\s+Refs?:\s*(.*))?$/.exec(rest)
  if (!subject) return rest
  header.subject = stripMarks(subject[1]!).replace(/\.$/, '').trim()
  if (subject[2]) {
    // `USUN 2458.2`: the last digit after the point is the editor's footnote mark.
    const items = splitItems(subject[2].replace(/\.\d{1,2}$/, '').replace(/\.$/, ''))
    if (items.length > 0) header.references = items
  }
  return rest.slice(0, subject.index).trim()
}

/**
 * The editor's source note: `… Secret; Sensitive; Immediate; Exdis. Sent
 * for information Immediate to Buenos Aires and the White House. Drafted
 * by …`. The classification and precedence come from the sentence that
 * lists the markings, the information addressees from `Sent for
 * information … to`; the note itself is the publication's source.
 */
function readSourceNote(note: string, header: Header): void {
  const text = squashSpaces(note)
  header.publication = { ...header.publication, source: text }
  const marking = /^(?:Top Secret|Secret|Confidential|Limited Official Use|Unclassified)\b/
  const markings = text.split(/(?<=\.)\s+(?=[A-Z])/).find((sentence) => marking.test(sentence))
  if (markings) {
    const words = markings.replace(/\.$/, '').split(/;\s*/)
    const classification = resolveClassification(words[0]!, 'en')
    if (classification) header.classification = { level: classification.level, label: CLASSIFICATION_LABELS.en[classification.level] }
    for (const word of words.slice(1)) {
      const precedence = resolvePrecedence(word, 'en')
      if (precedence && !header.precedence) header.precedence = { level: precedence.level, label: word.toUpperCase() }
    }
  }
  const sent = /\b(?:Sent for information|Repeated(?: for information)?)(?:\s+(?:Niact\s+)?(?:Immediate|Priority|Routine|Flash))?\s+to\s+(.+?)\.(?:\s|$)/.exec(
    text,
  )
  if (sent) {
    const info = sent[1]!
      .split(/,\s*(?:and\s+)?|\s+and\s+/)
      .map((name) => name.trim())
      .filter((name) => name !== '')
    if (info.length > 0) header.info = info
  }
}

/** A web transcript puts each paragraph on its own line: a blank line between lines keeps them apart. */
function onePerLine(lines: Line[]): Line[] {
  const out: Line[] = []
  for (const line of lines) {
    if (isBlank(line)) continue
    if (out.length > 0) out.push({ ...line, text: '' })
    out.push(line)
  }
  return out
}

/** Page marks of the printed volume and the editor's footnote marks glued to words (`levels3 to`, `Unquote.4`): apparatus, not text. */
function stripMarks(text: string): string {
  return text.replace(PAGE_MARK, '').replace(/(?<=\p{Ll}[’”"'.,;:)]?)\d{1,2}(?=\s|$)/gu, '')
}
