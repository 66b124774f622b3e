import { report } from '../../diagnostics.js'
import type { Attachment, Cable } from '../../model/schema.js'
import type { BodyContent } from '../../model/nodes.js'
import type { TextContext } from './context.js'
import { parseEnglishDate } from './english-dates.js'
import { parseFrenchDate } from './french-dates.js'
import type { Line } from './lines.js'
import { isBlank, pointAt, sliceLine, squashSpaces, trimLine } from './lines.js'
import { buildBody } from './paragraphs.js'

type Header = Partial<Omit<Cable, 'body' | 'attachments'>>

/**
 * The opening of a note verbale: "The Permanent Mission of X … presents its
 * compliments to … and has the honour to …". The two short words before
 * "the honour" are `and has` (or `and have`, or what OCR made of them).
 */
const OPENING_EN = /\b(?:presents?)\s+(?:its|his|her|their)\W*\s+compliments\W*\s+to\s+(.+?)\s+\S{1,5}\s+\S{1,5}\s+the\s+hono(?:u)?r\b/i
/** « L'Ambassade de … présente ses compliments au Ministère … et a l'honneur de … ». */
const OPENING_FR = new RegExp(
  String.raw`\bprésentent?\s+(?:ses|leurs)\s+compliments\s+(?:(?:à|a)\s+l['’]|(?:à|a)\s+la\s+|(?:à|a)\s+|au\s+|aux\s+)` +
    String.raw`(.+?)\s+et\s+(?:a|ont)\s+l['’]honneur\b`,
  'i',
)
/** Where the sender's name starts in the opening sentence. */
const SENDER_START = /\b(?:The|L['’]|La|Le|Les)\s?[\p{Lu}]/u
/** Labels at the top of a note: `REFERENCE:`, `Ref.:`, `No.`, `N°`, `SUBJECT:`, `Objet :`, also spaced out (`S U B J E C T:`). */
const LABELS = /\b(R\s?E\s?F\s?E\s?R\s?E\s?N\s?C\s?E|Ref\.?|Réf\.?|Note\s+No\.?|No\.|N\s?[°º]|S\s?U\s?B\s?J\s?E\s?C\s?T|Subject|Objet)\s*:/gi
/** A UN document symbol or job number (`A/60/783`, `S/2008/55`, `GE.10-12345`, `10-12345 (E)`), a page mark (`Page 2`): furniture. */
const UN_FURNITURE = new RegExp(
  [
    String.raw`[AES](?:\/[A-Z0-9.]+){2,}(?:\s.*)?`,
    String.raw`GE\.\d{2}-\d{4,6}.*`,
    String.raw`\d{2}-\d{4,6}\s*\([A-Z]\).*`,
    String.raw`Page\s+\d+`,
    String.raw`Distr\.?:?.*`,
    'Original:.*',
    'United Nations',
    'Nations Unies',
    String.raw`.*\bH\s?E\s?A\s?D\s?Q\s?U\s?A\s?R\s?T\s?E\s?R\s?S\b.*`,
    String.raw`.*\bNEW YORK,\s+NY\s+\d{5}.*`,
    String.raw`T\s?E\s?L\s?\..*`,
  ]
    .map((part) => `^(?:${part})$`)
    .join('|'),
  'i',
)
/** `Annex`, `Annexe I`, `Enclosure`: the attachments of a note. */
const ANNEX = /^(Annexe?s?|Enclosure|Pièce jointe)(?:\s+([IVX]+|\d+))?\s*[:.]?\s*(.*)$/i
/** A place and date line: `New York, 12 May 2017`, `Genève, le 3 mars 2015`. */
const PLACE_DATE = /^([\p{L} .'-]{2,40}),\s+(?:le\s+)?(.+)$/u

/** Whether a text holds the opening of a note verbale, for family detection. */
export function isNoteVerbaleOpening(text: string): boolean {
  if (!/\bcompliments\b/i.test(text)) return false
  if (OPENING_EN.test(text) || OPENING_FR.test(text)) return true
  return /\bpresents?\s+(?:its|his|her|their)\b.{0,6}compliments\b/i.test(text) || /\bprésentent?\s+ses\s+compliments\b/i.test(text)
}

/**
 * Read a note verbale (English or French): the sender and addressee from the
 * opening sentence, the note's number (`REFERENCE:`, `No.`, `N°`) and
 * subject from the labels at the top, place and date at the top or the end;
 * the closing courtesy stays in the text; `Annex` headings start the
 * attachments. UN document furniture (symbols, job numbers, page marks, the
 * letterhead) is dropped and reported.
 */
export function readNoteVerbale(lines: Line[], ctx: TextContext): { header: Header; body: BodyContent[]; attachments: Attachment[] } {
  const header: Header = {}
  const kept: Line[] = []
  let dropped = 0
  let firstDropped: Line | undefined
  for (const raw of lines) {
    const text = raw.text.trim()
    if (text !== '' && UN_FURNITURE.test(text)) {
      dropped++
      firstDropped ??= raw
      continue
    }
    kept.push(raw)
  }
  if (dropped > 0 && firstDropped) {
    const what = `${dropped} line${dropped > 1 ? 's' : ''}`
    const reason = `dropped ${what} of UN document furniture (symbols, job numbers, page marks, letterhead)`
    report(ctx.file, 'info', 'furniture-dropped', reason, pointAt(firstDropped))
  }

  // The opening sentence: the first paragraph that presents compliments.
  const paragraphs = paragraphsOf(kept)
  const opening = paragraphs.findIndex((paragraph) => isNoteVerbaleOpening(paragraph.map((line) => line.text).join(' ')))
  const openingText = opening === -1 ? '' : squashSpaces(paragraphs[opening]!.map((line) => line.text.trim()).join(' '))
  const french = OPENING_FR.exec(openingText)
  const english = french ? null : OPENING_EN.exec(openingText)
  header.lang = french ? 'fr' : 'en'
  const match = french ?? english
  // Labels and place/date lines above the opening; labels with no value (`REFERENCE: SUBJECT:`) take theirs from what follows.
  for (const paragraph of opening === -1 ? [] : paragraphs.slice(0, opening)) {
    const text = squashSpaces(paragraph.map((line) => line.text.trim()).join(' '))
    if (!readPlaceDate(text, header)) readLabels(text, header)
  }
  let bodyStart: { line: Line; column: number } | undefined
  if (match) {
    const before = openingText.slice(0, match.index)
    const start = senderStart(before)
    header.from = before.slice(start).trim()
    header.to = [match[1]!.trim()]
    // Labels' values may run into the opening sentence on one line: the text starts at the sender.
    bodyStart = locate(paragraphs[opening]!, header.from)
    const lead = before.slice(0, start).trim()
    if (lead && !readPlaceDate(lead, header)) readLabels(lead, header)
  } else {
    const reason = 'a note verbale without the usual opening ("… presents its compliments to … and has the honour to …"): sender and addressee not read'
    report(ctx.file, 'warning', 'guessed-field', reason, pointAt(kept.find((line) => !isBlank(line)) ?? lines[0]!))
  }
  pendingLabels.delete(header)
  // Place and date at the end, after the closing courtesy.
  const after = opening === -1 ? [] : paragraphs.slice(opening + 1)
  for (const paragraph of after.slice(-3)) readPlaceDate(squashSpaces(paragraph.map((line) => line.text.trim()).join(' ')), header)

  // Body from the sender on; annexes become attachments.
  const bodyLines: Line[] = []
  const annexes: { label: string; title: string; lines: Line[] }[] = []
  let started = !bodyStart
  for (const raw of kept) {
    if (!started) {
      if (bodyStart && raw.line === bodyStart.line.line && raw.column <= bodyStart.line.column) {
        started = true
        bodyLines.push(trimLine(sliceLine(raw, bodyStart.column)))
      }
      continue
    }
    const annex = ANNEX.exec(raw.text.trim())
    if (annex && raw.text.trim().length < 80) {
      annexes.push({ label: [annex[1], annex[2]].filter(Boolean).join(' '), title: annex[3]!.trim(), lines: [] })
      continue
    }
    const target = annexes.at(-1)?.lines ?? bodyLines
    target.push(raw)
  }
  const attachments: Attachment[] = annexes.map((annex) => ({ label: annex.label, title: annex.title, body: buildBody(annex.lines, ctx, { ocr: true }) }))
  return { header, body: buildBody(bodyLines, ctx, { ocr: true }), attachments }
}

/** Where, in the text before "presents its compliments", the sender's name starts: at the first article (`The`, `L'`) of the last sentence. */
function senderStart(before: string): number {
  let sentence = 0
  for (const end of before.matchAll(/[.!?]\s+(?=\p{Lu})/gu)) sentence = end.index + end[0].length
  const article = new RegExp(SENDER_START.source, 'u').exec(before.slice(sentence))
  return sentence + (article?.index ?? 0)
}

/** The line and column of the paragraph where `needle` starts (the sender's name), so the body starts there. */
function locate(paragraph: Line[], needle: string): { line: Line; column: number } | undefined {
  const head = needle.slice(0, 20)
  for (const line of paragraph) {
    const at = line.text.indexOf(head)
    if (at !== -1) return { line, column: at }
  }
  return undefined
}

/**
 * `REFERENCE: ODA/16-2017/NDV`, `No. 123/2010` (colon or not), `Subject: …`, also labels
 * with no value (`REFERENCE: S U B J E C T:`) whose values follow: the
 * reference is the first word (a symbol), the subject the rest.
 */
function readLabels(text: string, header: Header): 'read' | 'empty' | undefined {
  LABELS.lastIndex = 0
  const hits = [...text.matchAll(LABELS)]
  if (hits.length === 0) {
    if (pendingLabels.has(header)) {
      const wanted = pendingLabels.get(header)!
      pendingLabels.delete(header)
      const [first, ...rest] = text.split(/\s+/)
      if (wanted.includes('reference') && first && /[/\d]/.test(first)) header.reference ??= first
      if (wanted.includes('subject') && rest.length > 0) header.subject ??= rest.join(' ').trim()
      return 'read'
    }
    // The number alone on its line with no colon after the label (`No. ODA/16-2017/NDV`, `N° 123/2010`).
    const number = /^(?:Note\s+)?(?:No\.|N\s?[°º])\s*([^\s:]*[/\d][^\s:]*)$/i.exec(text.trim())
    if (number) {
      header.reference ??= number[1]!.replace(/\.$/, '')
      return 'read'
    }
    return undefined
  }
  const wanted: ('reference' | 'subject')[] = []
  for (let k = 0; k < hits.length; k++) {
    const hit = hits[k]!
    const value = text.slice(hit.index + hit[0].length, hits[k + 1]?.index ?? text.length).trim()
    const field = /^s\s?u\s?b|^objet/i.test(hit[1]!) ? 'subject' : 'reference'
    if (value) header[field] ??= value.replace(/\.$/, '')
    else wanted.push(field)
  }
  if (wanted.length > 0) {
    pendingLabels.set(header, wanted)
    return 'empty'
  }
  return 'read'
}

/** Labels read with no value, waiting for the line that holds their values. */
const pendingLabels = new WeakMap<Header, ('reference' | 'subject')[]>()

/** A place and date line (`New York, 12 May 2017`, `Paris, le 3 mars 2015`) or a date alone. */
function readPlaceDate(text: string, header: Header): boolean {
  if (text.length > 60) return false
  const french = parseFrenchDate(text)
  if (french && !header.date) {
    header.date = french.date
    if (french.place) header.place ??= french.place
    return true
  }
  const alone = parseEnglishDate(text)
  if (alone && !header.date) {
    header.date = alone
    return true
  }
  const placed = PLACE_DATE.exec(text)
  const date = placed ? parseEnglishDate(placed[2]!) : undefined
  if (placed && date && !header.date) {
    header.date = date
    header.place ??= placed[1]!.trim()
    return true
  }
  return false
}

function paragraphsOf(lines: Line[]): Line[][] {
  const out: Line[][] = []
  let current: Line[] | undefined
  for (const line of lines) {
    if (isBlank(line)) current = undefined
    else {
      if (!current) out.push((current = []))
      current.push(line)
    }
  }
  return out
}
