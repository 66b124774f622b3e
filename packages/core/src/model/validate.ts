import type { Position } from 'unist'
import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import type { z } from 'zod'
import { didYouMean, report } from '../diagnostics.js'
import type { DiagnosticDetail, Severity } from '../diagnostics.js'
import { cableSchema, HEADER_KEYS } from './schema.js'
import { describe, validateNodes } from './validate-nodes.js'
import { formatPath } from './validate-path.js'
import type { PathStep } from './validate-path.js'

/** A diagnostic of {@link validate}: a cablekit vfile message that also names the JSON path of what it speaks about. */
export type ValidationMessage = VFileMessage & {
  /** Where in the cable: `body[3].children[0]`, `to[1]`, `cable` for the whole. */
  path: string
}

/** What {@link validate} returns. */
export interface Validation {
  /** Whether the cable has no error: writers can render it (warnings may remain). */
  ok: boolean
  /** Every diagnostic, in the order of the fields and then of the body. */
  messages: ValidationMessage[]
  /** The file the messages were added to, for `vfile-reporter` and the CLI. */
  file: VFile
}

/** Options of {@link validate}. */
export interface ValidateOptions {
  /**
   * The file to add the diagnostics to, or its path. By default a new file
   * named after the cable's `provenance.source`, or without a name.
   */
  file?: VFile | string
  /**
   * Where the cable sits in a larger value, prepended to every path: a
   * dossier's writer passes `cables[2]` and its messages say `cables[2].to[1]`.
   */
  at?: string
}

const TOP_KEYS: readonly string[] = [...HEADER_KEYS, 'body', 'attachments']

/**
 * Check any value against the cable model before it is rendered: the schema
 * of the header fields, and the body's mdast deeply enough that no writer
 * trips on it (see `validateNodes`). Each diagnostic names its JSON path and,
 * when the nodes carry positions from a parser, the line and column of the
 * nearest one. Never throws, whatever the value.
 *
 * @param cable The value to check: a cable from a parser, or anything a caller built.
 * @param options Where the diagnostics go.
 * @returns Whether it is sound, and the diagnostics.
 * @example
 * const { ok, messages } = validate({ subject: '', body: [], attachments: [] })
 * // ok === false, messages[0].path === 'subject'
 */
export function validate(cable: unknown, options: ValidateOptions = {}): Validation {
  const file = options.file instanceof VFile ? options.file : new VFile({ path: options.file ?? sourceOf(cable) })
  const messages: ValidationMessage[] = []
  const add = (severity: Severity, ruleId: string, reason: string, path: readonly PathStep[], place?: Position, detail?: DiagnosticDetail): void => {
    const where = within(options.at, formatPath(path))
    const message = report(file, severity, ruleId, `\`${where}\`: ${reason}`, place, detail) as ValidationMessage
    message.path = where
    messages.push(message)
  }
  try {
    checkSchema(cable, add)
    const record = cable as { body?: unknown; attachments?: unknown } | null
    if (typeof record === 'object' && record !== null) {
      if (Array.isArray(record.body)) validateNodes(record.body, ['body'], add)
      if (Array.isArray(record.attachments)) {
        record.attachments.forEach((attachment: unknown, index) => {
          const body = typeof attachment === 'object' && attachment !== null ? (attachment as { body?: unknown }).body : undefined
          if (Array.isArray(body)) validateNodes(body, ['attachments', index, 'body'], add)
        })
      }
    }
  } catch (error) {
    // A getter or proxy that throws: the value cannot be read, which is an answer, not a crash.
    add('error', 'unreadable', `the value cannot be read: ${error instanceof Error ? error.message : String(error)}`, [])
  }
  return { ok: !messages.some((message) => message.fatal === true), messages, file }
}

function within(at: string | undefined, path: string): string {
  if (!at) return path
  if (path === 'cable') return at
  return path.startsWith('[') ? `${at}${path}` : `${at}.${path}`
}

type Add = (severity: Severity, ruleId: string, reason: string, path: readonly PathStep[], place?: Position, detail?: DiagnosticDetail) => void

function checkSchema(cable: unknown, add: Add): void {
  const result = cableSchema.safeParse(cable)
  if (result.success) return
  for (const issue of result.error.issues) {
    const path = issue.path.map((step) => (typeof step === 'symbol' ? String(step) : step))
    // Inside a body the node checks speak, with positions and in more detail.
    if (isInBody(path)) continue
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const guess = path.length === 0 ? didYouMean(key, TOP_KEYS) : undefined
        add('error', 'unknown-key', `unknown field${guess ? `: did you mean \`${guess}\`?` : ''}`, [...path, key], undefined, {
          ...(path.length === 0 ? { expected: [...TOP_KEYS] } : {}),
          ...(guess ? { suggestion: guess } : {}),
        })
      }
    } else add('error', 'invalid-field', reasonOf(issue, valueAt(cable, path)), path, undefined, { ...detailOf(issue), ...pageNote(cable, path) })
  }
}

function isInBody(path: readonly PathStep[]): boolean {
  if (path[0] === 'body') return path.length >= 2
  return path[0] === 'attachments' && path[2] === 'body' && path.length >= 4
}

function reasonOf(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) === 1) {
    return 'an empty string: leave the field out instead'
  }
  if (issue.code === 'invalid_value') return `expected one of ${issue.values.map((item) => JSON.stringify(item)).join(', ')}, got ${describe(value)}`
  if (issue.code === 'invalid_type') return `expected ${issue.expected === 'array' ? 'an array' : `a ${issue.expected}`}, got ${describe(value)}`
  return issue.message
}

function detailOf(issue: z.core.$ZodIssue): DiagnosticDetail {
  return issue.code === 'invalid_value' ? { expected: issue.values.map(String) } : {}
}

/** A header field read from a scan has no line and column, but its page is known (`provenance.fields`). */
function pageNote(cable: unknown, path: readonly PathStep[]): DiagnosticDetail {
  const page = valueAt(cable, ['provenance', 'fields', path[0] ?? '', 'page'])
  return typeof page === 'number' && path[0] !== 'provenance' ? { note: `The field was read on page ${page} of the scan.` } : {}
}

function valueAt(root: unknown, path: readonly PathStep[]): unknown {
  let value = root
  for (const step of path) {
    if (typeof value !== 'object' || value === null) return undefined
    value = (value as Record<PathStep, unknown>)[step]
  }
  return value
}

function sourceOf(cable: unknown): string | undefined {
  if (typeof cable !== 'object' || cable === null) return undefined
  try {
    const source = (cable as { provenance?: { source?: unknown } }).provenance?.source
    return typeof source === 'string' && source !== '' ? source : undefined
  } catch {
    return undefined
  }
}
