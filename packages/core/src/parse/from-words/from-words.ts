import { VFile } from 'vfile'
import { report } from '../../diagnostics.js'
import type { Cable } from '../../model/schema.js'
import { fromText } from '../from-text/from-text.js'
import type { FromTextOptions } from '../from-text/from-text.js'
import type { ParseResult } from '../parse-result.js'
import { fieldSources } from './field-sources.js'
import { layoutWords } from './layout-words.js'
import type { LayoutWordsOptions } from './layout-words.js'
import type { LaidOutLine, WordPage } from './word-page.js'

/** Options of {@link fromWords}. */
export interface FromWordsOptions extends FromTextOptions, LayoutWordsOptions {
  /** What the words were read from, recorded in `provenance.format`. */
  format?: 'pdf' | 'image'
  /** Words read with a confidence below this (0–100) get an `ocr-low-confidence` warning. Default 60. */
  minConfidence?: number
  /** A vfile already holding the reader's diagnostics (a page that could not be read); the text is put in it. */
  file?: VFile
}

/** Past this many, low-confidence words are counted in one info instead of one warning each. */
const MAX_CONFIDENCE_WARNINGS = 200

/**
 * Read cables from pages of words with boxes, as OCR or a PDF's text layer
 * gives them: {@link layoutWords} makes the text, the raw-text reader
 * (`fromText`) reads it, and each header field keeps the page and box it came
 * from in `provenance.fields`. Diagnostics point at the laid-out text (the
 * file's `value`) by line and column, and name the page; words below
 * `minConfidence` are reported as `ocr-low-confidence` warnings with their page
 * and box. Never throws.
 *
 * @example
 * const { cables, file } = fromWords(pages, { path: 'scan.pdf', format: 'pdf' })
 * cables[0]?.provenance?.fields?.['subject'] // { page: 1, box: { x0: 70, y0: 287, x1: 230, y1: 298 } }
 */
export function fromWords(pages: readonly WordPage[], options: FromWordsOptions = {}): ParseResult {
  const file = options.file ?? new VFile({ path: options.path ?? 'input' })
  let layout
  try {
    layout = layoutWords(pages, options)
  } catch (error) {
    report(file, 'error', 'internal-error', `the layout of the words failed: ${(error as Error).message ?? String(error)}`, { line: 1, column: 1 })
    return { cables: [], file }
  }
  file.value = layout.text
  if (layout.lines.length === 0) {
    report(file, 'error', 'no-text', `no text found on ${pages.length === 1 ? 'the page' : `any of the ${pages.length} pages`}`, { line: 1, column: 1 })
    return { cables: [], file }
  }
  const before = file.messages.length
  const { fix, maxSize } = options
  const result = fromText(file, { ...(fix !== undefined ? { fix } : {}), ...(maxSize !== undefined ? { maxSize } : {}) })
  const byLine = new Map(layout.lines.map((line) => [line.line, line]))
  for (const message of file.messages.slice(before)) {
    const line = message.line === undefined ? undefined : byLine.get(message.line)
    if (line) name(message, `page ${line.page}`)
  }
  reportLowConfidence(file, layout.lines, options.minConfidence ?? 60)
  const cables = result.cables.map((cable, index) => withFields(cable, layout.lines, startOf(result.cables, index), options.format))
  return { cables, file }
}

/** Where a cable's header is looked for: after the body of the cable before it. */
function startOf(cables: Cable[], index: number): number {
  if (index === 0) return 1
  const previous = cables[index - 1]!
  const last = previous.attachments.at(-1)?.body.at(-1) ?? previous.body.at(-1)
  return last?.position?.end.line ?? 1
}

function withFields(cable: Cable, lines: LaidOutLine[], from: number, format: FromWordsOptions['format']): Cable {
  const fields = fieldSources(cable, lines, from)
  const provenance = { ...cable.provenance, ...(format ? { format } : {}), ...(Object.keys(fields).length > 0 ? { fields } : {}) }
  return { ...cable, provenance }
}

function reportLowConfidence(file: VFile, lines: LaidOutLine[], threshold: number): void {
  let count = 0
  let first: LaidOutLine | undefined
  for (const line of lines) {
    for (const word of line.words) {
      if (word.confidence === undefined || word.confidence >= threshold) continue
      count++
      first ??= line
      if (count > MAX_CONFIDENCE_WARNINGS) continue
      const { x0, y0, x1, y1 } = word.box
      const place = { start: { line: line.line, column: word.column }, end: { line: line.line, column: word.column + word.text.length } }
      report(
        file,
        'warning',
        'ocr-low-confidence',
        `\`${word.text}\` was read with a low confidence (${Math.round(word.confidence)}): check it on page ${line.page}, box ${x0},${y0}–${x1},${y1}`,
        place,
        { actual: word.text },
      )
    }
  }
  if (count > MAX_CONFIDENCE_WARNINGS && first) {
    report(file, 'info', 'ocr-low-confidence', `${count - MAX_CONFIDENCE_WARNINGS} more words were read with a low confidence (below ${threshold})`, {
      line: first.line,
      column: 1,
    })
  }
}

/** Add the page to a message about the laid-out text, so the user finds it on the scan. */
function name(message: VFile['messages'][number], where: string): void {
  if (message.reason.includes(where)) return
  message.reason = `${message.reason} (${where})`
  message.message = message.reason
}
