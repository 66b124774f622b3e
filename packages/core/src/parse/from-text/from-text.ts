import type { Paragraph } from 'mdast'
import { hasErrors, report } from '../../diagnostics.js'
import type { Cable } from '../../model/schema.js'
import type { BodyContent } from '../../model/nodes.js'
import { checkCable } from '../check-cable.js'
import { toVFile } from '../parse-result.js'
import type { ParseResult, Source, SourceOptions } from '../parse-result.js'
import { readText } from '../read-text.js'
import type { CableFamily } from '../../model/vocabulary.js'
import type { TextContext } from './context.js'
import { readFcoTelegram } from './fco-telegram.js'
import { readFrenchCable } from './french-cable.js'
import { readFrenchTd } from './french-td.js'
import { readFrusTranscript } from './frus-transcript.js'
import { readLabelledLines } from './labelled-lines.js'
import { splitLines } from './lines.js'
import { readNoteVerbale } from './note-verbale.js'
import { unwrapPublication } from './publication.js'
import { splitCables } from './split-cables.js'
import type { Chunk, TextFamily } from './split-cables.js'
import { readTelegram } from './telegram.js'
import type { Telegram } from './telegram.js'
import { isPrintedPage } from './us-printed-page.js'
import { readWikiLeaksRecord } from './wikileaks.js'

/** Options of {@link fromText}. */
export interface FromTextOptions extends SourceOptions {
  /** Apply the suggested OCR fixes and record each in the cable's provenance. */
  fix?: boolean
}

type Candidate = Record<string, unknown> & { body: BodyContent[]; attachments: Cable['attachments'] }

/** The model's family for each family of raw text (labelled lines name none: the layout is unknown). */
const FAMILY: Readonly<Record<TextFamily, CableFamily | undefined>> = {
  french: 'french-cable',
  telegram: 'us-telegram',
  wikileaks: 'us-telegram',
  frus: 'us-telegram',
  'french-td': 'french-td',
  fco: 'fco-telegram',
  'note-verbale': 'note-verbale',
  labelled: undefined,
}

/**
 * Read cables from raw leaked, OCR'd or telegram text: French ministerial
 * cables (with or without the blog or news page around them), US State
 * Department telegrams (also 1970s printed pages and FRUS transcripts),
 * WikiLeaks Cablegate records, French TDs, FCO telegrams and notes
 * verbales; a layout none of them knows is read from its labelled lines,
 * with a warning. One file may hold several cables; the sections of a
 * multi-section telegram become one cable.
 *
 * Never throws. Guesses are reported as infos and OCR suspects as warnings,
 * each with its line and column; `fix: true` applies the suggested fixes and
 * records them in `provenance.fixes`. Text that holds no cable is an error.
 *
 * @param source text, bytes (UTF-8 with or without BOM, UTF-16 with BOM,
 *   Windows-1252, ISO-8859-1) or a vfile.
 * @example
 * const { cables, file } = fromText(bytes, { path: 'maroc-leaks-otan.txt' })
 */
export function fromText(source: Source, options: FromTextOptions = {}): ParseResult {
  const file = toVFile(source, options)
  try {
    return readCables(file, options)
  } catch (error) {
    // A bug must not lose the user's other files: report it like any other error.
    report(file, 'error', 'internal-error', `the text ingester failed: ${(error as Error).message ?? String(error)}`, { line: 1, column: 1 })
    return { cables: [], file }
  }
}

function readCables(file: ParseResult['file'], options: FromTextOptions): ParseResult {
  const read = readText(file, { maxSize: options.maxSize })
  if (!read) return { cables: [], file }
  const chunks = splitCables(splitLines(read.text))
  const candidates: Candidate[] = []
  let previousTelegram: { telegram: Telegram; candidate: Candidate } | undefined
  for (const chunk of chunks) {
    const ctx: TextContext = { file, fix: options.fix === true, fixes: [], lang: languageOf(chunk) }
    const family = FAMILY[chunk.family]
    if (chunk.family !== 'telegram' && chunk.family !== 'wikileaks') {
      previousTelegram = undefined
      const candidate = chunk.family === 'french' ? readFrench(chunk, ctx) : readOther(chunk, ctx)
      if (candidate) {
        if (family) candidate['family'] = family
        candidates.push(withProvenance(candidate, ctx, read.encoding))
      }
      continue
    }
    const telegram =
      chunk.family === 'wikileaks'
        ? readWikiLeaksRecord(chunk.lines, ctx)
        : readTelegram(chunk.lines, ctx, { redactions: true, printedPage: isPrintedPage(chunk.lines) })
    // A later section of the cable just read: one cable, one body.
    if (previousTelegram && telegram.section && telegram.section.number > 1 && telegram.key === previousTelegram.telegram.key && chunk.family === 'telegram') {
      joinSection(previousTelegram.candidate, telegram)
      continue
    }
    if (!hasContent(telegram.header)) continue
    const candidate: Candidate = { ...telegram.header, family: 'us-telegram', body: telegram.body, attachments: [] }
    candidates.push(withProvenance(candidate, ctx, read.encoding))
    previousTelegram = { telegram, candidate }
  }
  if (candidates.length === 0 && !hasErrors(file)) {
    const reason =
      'no cable found in this text: no French cable or TD header, US or FCO telegram, note verbale, published record, WikiLeaks record or labelled lines'
    report(file, 'error', 'no-cable', reason, { line: 1, column: 1 })
  }
  // Family parsers report in the order they read (the trailer before the header): file order reads better.
  file.messages.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
  if (hasErrors(file)) return { cables: [], file }
  const cables: Cable[] = []
  for (const candidate of candidates) {
    const cable = checkCable(candidate, file)
    if (cable) cables.push(cable)
  }
  return { cables: hasErrors(file) ? [] : cables, file }
}

function readFrench(chunk: Chunk, ctx: TextContext): Candidate | undefined {
  const unwrapped = unwrapPublication(chunk.lines, ctx)
  const { header, body, attachments } = readFrenchCable(unwrapped.lines, ctx)
  if (!hasContent(header) && !unwrapped.publication) return undefined
  if (!hasContent(header)) {
    // Prose alone is not a cable; a publication around it still says where it came from.
    if (!unwrapped.publication) return undefined
  }
  const candidate: Candidate = { ...header, body, attachments }
  // The document's own number is its stable id: `299/1P2014/CRY` → `299-1P2014-CRY`.
  if (header.reference && !candidate['id']) candidate['id'] = header.reference.replace(/[\s/\\]+/g, '-')
  if (unwrapped.tags) candidate['tags'] = [...((header.tags as string[] | undefined) ?? []), ...unwrapped.tags]
  if (unwrapped.publication) candidate['publication'] = unwrapped.publication
  return candidate
}

/** The language a chunk's OCR rules use: French for French cables and TDs, and for a note verbale in French. */
function languageOf(chunk: Chunk): 'fr' | 'en' {
  if (chunk.family === 'french' || chunk.family === 'french-td') return 'fr'
  if (chunk.family === 'note-verbale' && chunk.lines.some((line) => /présentent?\s+ses\s+compliments/i.test(line.text))) return 'fr'
  return 'en'
}

/** A TD, FCO telegram, note verbale, published record or labelled text: each family's reader, then the same checks. */
function readOther(chunk: Chunk, ctx: TextContext): Candidate | undefined {
  const read =
    chunk.family === 'french-td'
      ? readFrenchTd(chunk.lines, ctx)
      : chunk.family === 'fco'
        ? readFcoTelegram(chunk.lines, ctx)
        : chunk.family === 'note-verbale'
          ? readNoteVerbale(chunk.lines, ctx)
          : chunk.family === 'frus'
            ? readFrusTranscript(chunk.lines, ctx)
            : readLabelledLines(chunk.lines, ctx)
  if (!hasContent(read.header)) return undefined
  const candidate: Candidate = { ...read.header, body: read.body, attachments: (read as { attachments?: Cable['attachments'] }).attachments ?? [] }
  // The document's own number is its stable id when the reader gave no other: `TD KIGALI 315` → `TD-KIGALI-315`.
  const ownNumber = chunk.family !== 'frus' && chunk.family !== 'fco'
  if (read.header.reference && !candidate['id'] && ownNumber) candidate['id'] = read.header.reference.replace(/[\s/\\]+/g, '-')
  return candidate
}

/** A cable needs at least one header field the text gave (the language is ours, not the text's). */
function hasContent(header: Record<string, unknown>): boolean {
  return Object.keys(header).some((key) => key !== 'lang' && header[key] !== undefined)
}

function withProvenance(candidate: Candidate, ctx: TextContext, encoding: string): Candidate {
  const provenance: Record<string, unknown> = {}
  if (encoding !== 'utf-8') provenance['encoding'] = encoding
  if (ctx.fixes.length > 0) provenance['fixes'] = ctx.fixes
  if (Object.keys(provenance).length > 0) candidate['provenance'] = provenance
  return candidate
}

/**
 * Append a later section's body to the cable. The section break falls
 * wherever the teletype cut the text, often mid-paragraph: a paragraph left
 * without final punctuation goes on in the next section's first paragraph.
 */
function joinSection(candidate: Candidate, section: Telegram): void {
  const body = [...section.body]
  const last = candidate.body.at(-1)
  const first = body[0]
  if (last?.type === 'paragraph' && first?.type === 'paragraph') {
    const tail = last.children.at(-1)
    const head = first.children[0]
    if (tail?.type === 'text' && head?.type === 'text' && !/[.!?:;"”)]$/.test(tail.value) && !/^\d{1,2}\.\s/.test(head.value)) {
      tail.value = `${tail.value} ${head.value}`
      last.children.push(...(first.children.slice(1) as Paragraph['children']))
      if (last.position && first.position) last.position = { start: last.position.start, end: first.position.end }
      body.shift()
    }
  }
  candidate.body.push(...body)
  if (section.header.signature) candidate['signature'] = section.header.signature
}
