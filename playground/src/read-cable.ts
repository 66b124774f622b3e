import { editorialMarks, parse, redact, severityOf, toJson, toMarkdown } from '@cablekit/core'
import type { Cable, Severity } from '@cablekit/core'

/** One diagnostic, as the page lists and highlights it. */
export interface Diagnostic {
  severity: Severity
  message: string
  ruleId: string | undefined
  line: number
  column: number
  /** Offsets in the source of what the diagnostic speaks about (`end` = `start` when it names a point). */
  start: number
  end: number
  suggestion?: string
}

/** What the page asks for. */
export interface ReadRequest {
  /** The source text as pasted or dropped. */
  source: string
  /** The file name, which picks the reader by extension (`pasted.txt`… when pasted: content decides). */
  path: string
  /** Texts to redact (`--match`), one per entry; blank entries are ignored. */
  match: readonly string[]
  /** The reason printed on the bars. */
  reason?: string
}

/** What the page shows. */
export interface ReadResult {
  /** The cables as read, before redaction. */
  cables: Cable[]
  /** The cables as rendered: redacted, with editorial marks. */
  printable: Cable[]
  /** The JSON of the redacted cables: what the page shows and downloads. */
  json: string
  /** The canonical Markdown of each redacted cable. */
  markdown: string[]
  diagnostics: Diagnostic[]
}

/**
 * Read a pasted or dropped cable as the command line does (`render-source`
 * in `cablekit`): parse by extension then content, redact on the model with
 * the `--match` texts, then add the editorial marks for printing. Pure and
 * synchronous: the page calls it on every change, tests call it in Node.
 *
 * @example readCable({ source, path: 'cable.md', match: ['Untel'], reason: 'vie privée' })
 */
export function readCable(request: ReadRequest): ReadResult {
  const { cables, file } = parse(request.source, { path: request.path })
  const match = request.match.map((text) => text.trim()).filter((text) => text.length > 0)
  const reason = request.reason?.trim() ? request.reason.trim() : undefined
  const redacted = match.length > 0 ? cables.map((cable, index) => redact(cable, { match, ...(reason ? { reason } : {}), cableIndex: index }).cable) : cables
  const offsets = lineOffsets(request.source)
  const diagnostics = file.messages.map((message): Diagnostic => {
    const place = message.place
    const startPoint = place && 'start' in place ? place.start : place
    const endPoint = place && 'end' in place ? place.end : startPoint
    const line = startPoint?.line ?? 1
    const column = startPoint?.column ?? 1
    const start = offsetOf(offsets, line, column, request.source.length)
    const end = endPoint ? Math.max(start, offsetOf(offsets, endPoint.line, endPoint.column, request.source.length)) : start
    const suggestion = (message as { suggestion?: unknown }).suggestion
    return {
      severity: severityOf(message),
      message: message.reason,
      ruleId: message.ruleId ?? undefined,
      line,
      column,
      start,
      end,
      ...(typeof suggestion === 'string' ? { suggestion } : {}),
    }
  })
  return {
    cables,
    printable: redacted.map((cable) => editorialMarks(cable)),
    json: redacted.length > 0 ? toJson(redacted.length === 1 ? redacted[0]! : redacted) : '',
    markdown: redacted.map((cable) => toMarkdown(cable)),
    diagnostics,
  }
}

function lineOffsets(source: string): number[] {
  const offsets = [0]
  for (let index = 0; index < source.length; index++) if (source[index] === '\n') offsets.push(index + 1)
  return offsets
}

function offsetOf(offsets: number[], line: number, column: number, length: number): number {
  const start = offsets[Math.max(0, line - 1)] ?? length
  return Math.min(length, start + Math.max(0, column - 1))
}
