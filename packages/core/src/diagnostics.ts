import type { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import type { Point, Position } from 'unist'

/** How bad a diagnostic is: an error stops the input, a warning was repaired, an info tells of a guess. */
export type Severity = 'error' | 'warning' | 'info'

/** Extra detail a diagnostic may carry. */
export interface DiagnosticDetail {
  /** The values that would have been accepted. */
  expected?: string[]
  /** What the input held. */
  actual?: string
  /** A longer explanation, printed under the message. */
  note?: string
  /** A suggested replacement (OCR fixes, did-you-mean). */
  suggestion?: string
}

/** The `source` of every cablekit diagnostic, so tools can filter them. */
export const DIAGNOSTIC_SOURCE = 'cablekit'

/**
 * Add a diagnostic to `file` as a vfile message: `file:line:column`, a rule
 * id, and a sentence a person understands. Errors get `fatal: true`, warnings
 * `false` and infos `undefined`, as vfile-reporter expects.
 */
export function report(file: VFile, severity: Severity, ruleId: string, reason: string, place?: Point | Position, detail: DiagnosticDetail = {}): VFileMessage {
  // A vfile message is an Error whose stack is then blanked: not capturing it at all spares the
  // cost of a stack trace on each of the thousands of diagnostics a large dump gives.
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  let message: VFileMessage
  try {
    message = file.message(reason, { place, ruleId, source: DIAGNOSTIC_SOURCE })
  } finally {
    Error.stackTraceLimit = limit
  }
  message.fatal = severity === 'error' ? true : severity === 'warning' ? false : undefined
  if (detail.expected) message.expected = detail.expected
  if (detail.actual !== undefined) message.actual = detail.actual
  if (detail.note) message.note = detail.note
  if (detail.suggestion !== undefined) (message as VFileMessage & { suggestion?: string }).suggestion = detail.suggestion
  return message
}

/** Whether any diagnostic of `file` is an error. */
export function hasErrors(file: VFile): boolean {
  return file.messages.some((message) => message.fatal === true)
}

/** The severity of a vfile message, read back from its `fatal` flag. */
export function severityOf(message: VFileMessage): Severity {
  return message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info'
}

/**
 * The closest candidate to `value` by edit distance, when it is close enough
 * to be what the writer meant.
 */
export function didYouMean(value: string, candidates: readonly string[]): string | undefined {
  const folded = value.toLowerCase()
  let best: string | undefined
  let bestDistance = Infinity
  for (const candidate of candidates) {
    const distance = editDistance(folded, candidate.toLowerCase())
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(folded.length / 3)) ? best : undefined
}

/** Levenshtein distance, bounded for long strings (they are never near misses of a keyword). */
export function editDistance(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Math.abs(a.length - b.length) + 64
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.length]!
}
