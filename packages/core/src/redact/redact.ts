import { toString } from 'mdast-util-to-string'
import type { Cable } from '../model/schema.js'
import type { BodyContent, Redaction } from '../model/nodes.js'
import { stripPositions } from '../write/strip-positions.js'
import { keyedHash } from './redaction-log.js'
import type { KeyedHash, RedactionLogEntry } from './redaction-log.js'
import { compileRedactionRules } from './redaction-rules.js'
import type { MatchRule, RegexRule, SpanFinder } from './redaction-rules.js'
import { redactFields } from './redact-fields.js'
import { redactPhrasing } from './redact-phrasing.js'
import { redactionPlaceholder } from './redaction-placeholder.js'

/** Options of {@link redact}. */
export interface RedactOptions {
  /** Texts to redact wherever they occur, folded (NFKC, invisible characters, case, hyphenation). */
  match?: readonly (string | MatchRule)[]
  /** Regular expressions to redact; a string is `/source/flags` or a bare source compiled with `iu`. */
  regex?: readonly (RegExp | string | RegexRule)[]
  /** Fields whose whole value is withheld: `from`, `to`, `signature`, `distribution.cc`, `publication.url`, `body`, `attachments`… */
  fields?: readonly string[]
  /** The reason printed on bars and placeholders when a rule has none of its own. */
  reason?: string
  /** The publisher's key: when given, each log entry whose secret is known carries its HMAC-SHA256. */
  key?: string | Uint8Array
  /** Match texts only as whole words (default `false`: anywhere, which errs on the side of hiding). */
  wholeWords?: boolean
  /** Index of the cable in its source, recorded in the log (default 0). */
  cableIndex?: number
}

/** What {@link redact} returns. */
export interface RedactResult {
  /** The redacted cable, without source positions (they would tell the secrets' lengths). */
  cable: Cable
  /** Where each redaction is and why; to be kept apart from the published files. */
  log: RedactionLogEntry[]
}

/** Internal context shared by the redaction passes. */
export interface RedactContext {
  find: SpanFinder
  hash: KeyedHash
  reason: string | undefined
  log: RedactionLogEntry[]
  cable: number
}

/**
 * Redact a cable on the model, before any renderer sees it: every span that
 * matches a text or a regular expression, anywhere in the cable (body text,
 * across formatting and line-end hyphenation; headings, tables, footnotes,
 * link targets, image text; header fields; attachments; provenance), becomes
 * a `redaction` node that carries only its reason, or a fixed placeholder
 * (`[redacted: reason]`) in a header string. Withheld fields are replaced
 * whole. `:redact[…]` directives kept by `fromMarkdown({ keepRedacted: true })`
 * become redaction nodes here, and those made at parse time are logged.
 * Source positions are dropped: a node's offsets would tell the length of
 * the text it lost.
 *
 * @returns the redacted cable (a copy) and the redaction log.
 * @throws RedactionRuleError for an empty text or an invalid expression; RangeError for a key shorter than 16 bytes.
 * @example
 * const { cable, log } = redact(source, { match: ['Stamatopoulos'], reason: 'vie privée' })
 */
export function redact(cable: Cable, options: RedactOptions = {}): RedactResult {
  const matchRules: MatchRule[] = (options.match ?? []).map((rule) => (typeof rule === 'string' ? { text: rule } : rule))
  // A withheld date is also written inside other fields: the id (`2014-08-14-rabat`), and from it the
  // PDF's Subject, XMP and DOCX keywords. Its forms are redacted wherever they occur.
  if (options.fields?.includes('date') && cable.date)
    matchRules.push(...dateForms(cable.date).map((text) => ({ text, ...(options.reason !== undefined ? { reason: options.reason } : {}) })))
  const regexRules: RegexRule[] = (options.regex ?? []).map((rule) => (typeof rule === 'string' || rule instanceof RegExp ? { pattern: rule } : rule))
  const context: RedactContext = {
    find: compileRedactionRules(matchRules, regexRules, { wholeWords: options.wholeWords === true }),
    hash: keyedHash(options.key),
    reason: options.reason,
    log: [],
    cable: options.cableIndex ?? 0,
  }
  const copy = structuredClone(cable) as Cable
  const fields = options.fields ?? []
  // Fields withheld whole first: their text is then gone before matching runs.
  redactFields(copy, fields, context)
  if (!fields.includes('body')) copy.body = redactBody(copy.body, 'body', context)
  if (!fields.includes('attachments') && !fields.includes('attachments.body')) {
    copy.attachments = copy.attachments.map((attachment, index) => ({
      ...attachment,
      body: redactBody(attachment.body, `attachments[${index}].body`, context),
    }))
  }
  const swept = sweep(copy, '', context) as Cable
  const result = stripPositions(swept)
  const id = result.id
  if (id !== undefined) for (const entry of context.log) entry.id = id
  placeWithoutColumns(context.log)
  return { cable: result, log: context.log }
}

function redactBody(nodes: BodyContent[], field: string, context: RedactContext): BodyContent[] {
  const directives = logDirectives(nodes, field, context)
  return redactPhrasing(directives, field, context)
}

/**
 * Log the redaction nodes made at parse time (their text is already gone),
 * and turn kept `:redact[…]` directives into redaction nodes, hashing their
 * text when a key is given.
 */
function logDirectives(nodes: BodyContent[], field: string, context: RedactContext): BodyContent[] {
  const visit = (node: BodyContent, path: string): BodyContent => {
    const start = node.position?.start
    const where = { cable: context.cable, field, path, ...(start ? { line: start.line, column: start.column } : {}) }
    if (node.type === 'redaction') {
      context.log.push({ ...where, rule: 'directive', ...(node.reason ? { reason: node.reason } : {}) })
      return { type: 'redaction', ...(node.reason ? { reason: node.reason } : {}) } as Redaction
    }
    if ((node.type === 'textDirective' || node.type === 'leafDirective' || node.type === 'containerDirective') && node.name === 'redact') {
      const reason = node.attributes?.['reason'] ?? undefined
      const hmac = context.hash(toString(node))
      context.log.push({ ...where, rule: 'directive', ...(reason ? { reason } : {}), ...(hmac ? { hmac } : {}) })
      const redaction = { type: 'redaction', ...(reason ? { reason } : {}) } as Redaction
      return node.type === 'textDirective' ? redaction : ({ type: 'paragraph', children: [redaction] } as BodyContent)
    }
    if ('children' in node && Array.isArray(node.children)) {
      const children = (node.children as BodyContent[]).map((child, index) => visit(child, `${path}.children[${index}]`))
      return { ...node, children } as BodyContent
    }
    return node
  }
  return nodes.map((node, index) => visit(node, `[${index}]`))
}

/** Keys whose values are vocabulary, not text: redacting them would only break the model. */
const VOCABULARY_KEYS = new Set(['type', 'level', 'format', 'encoding', 'align', 'ordered', 'checked', 'spread', 'depth', 'start', 'referenceType', 'position'])

/** Properties whose keys are written by the source, not by the model: a key there can hold a secret. */
const OPEN_MAPS = new Set(['attributes', 'data'])

/**
 * The last pass: every string left anywhere in the cable (header fields,
 * attachment titles, node properties such as code, HTML, alt text, titles,
 * labels, attributes, and the keys of attribute and data maps) has its matches replaced
 * by the placeholder. Dates cannot hold a placeholder, so a matching date is
 * removed.
 */
function sweep(value: unknown, path: string, context: RedactContext): unknown {
  if (typeof value === 'string') {
    const spans = context.find(value)
    if (spans.length === 0) return value
    let out = ''
    let at = 0
    for (const span of spans) {
      out += value.slice(at, span.start) + redactionPlaceholder(span.reason ?? context.reason)
      at = span.end
      const hmac = context.hash(value.slice(span.start, span.end))
      context.log.push({ cable: context.cable, field: path, rule: span.rule, ...reasonOf(span.reason ?? context.reason), ...(hmac ? { hmac } : {}) })
    }
    return out + value.slice(at)
  }
  if (Array.isArray(value)) return value.map((item, index) => sweep(item, `${path}[${index}]`, context))
  if (typeof value !== 'object' || value === null) return value
  const out: Record<string, unknown> = {}
  const openMap = OPEN_MAPS.has(path.slice(path.lastIndexOf('.') + 1))
  for (const [key, item] of Object.entries(value)) {
    const child = path === '' ? key : `${path}.${key}`
    // Keys are the model's names, never text: `--match Sue` must not drop `issuer`. Only the
    // keys of a free map (a directive's attributes, a node's data) are written by the source.
    if (openMap && context.find(key).length > 0) {
      context.log.push({ cable: context.cable, field: `${path}.[key]`, rule: 'match', ...reasonOf(context.reason) })
      continue
    }
    if (VOCABULARY_KEYS.has(key) || (path === '' && key === 'lang')) {
      out[key] = item
      continue
    }
    if (path === '' && key === 'date' && typeof item === 'string') {
      const spans = context.find(item)
      if (spans.length > 0) {
        const hmac = context.hash(item)
        context.log.push({
          cable: context.cable,
          field: 'date',
          rule: spans[0]!.rule,
          ...reasonOf(spans[0]!.reason ?? context.reason),
          ...(hmac ? { hmac } : {}),
        })
        continue
      }
    }
    out[key] = sweep(item, child, context)
  }
  return out
}

/**
 * How a date is written inside other fields: its ISO form, the day without
 * the time, and the digits run together (the matcher takes `-` as any
 * separator or none, so `2014-08-14` also finds `20140814` and `2014.08.14`).
 */
function dateForms(date: string): string[] {
  // A bare year is too common a number to hide everywhere it occurs.
  if (date.length < 7) return []
  const day = /^\d{4}-\d{2}-\d{2}/.exec(date)?.[0]
  return [...new Set([date, ...(day ? [day] : [])])]
}

/**
 * Drop the source columns from the log: with two redactions on one line, the
 * second's column minus the published text between them gives the first
 * secret's length. Each entry keeps its line, and its rank among the
 * redactions that start on that line of that field, which is enough to find
 * it again in the source.
 */
function placeWithoutColumns(log: RedactionLogEntry[]): void {
  const ranks = new Map<string, { column: number; entry: RedactionLogEntry }[]>()
  for (const entry of log) {
    if (entry.line === undefined) {
      delete entry.column
      continue
    }
    const key = `${entry.cable}\0${entry.field}\0${entry.line}`
    const list = ranks.get(key) ?? []
    list.push({ column: entry.column ?? 0, entry })
    ranks.set(key, list)
  }
  for (const list of ranks.values()) {
    list.sort((a, b) => a.column - b.column)
    list.forEach(({ entry }, index) => {
      delete entry.column
      entry.nthOnLine = index + 1
    })
  }
}

function reasonOf(reason: string | undefined): { reason?: string } {
  return reason ? { reason } : {}
}
