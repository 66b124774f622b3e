import { foldString, foldText } from './fold-text.js'
import type { FoldedText } from './fold-text.js'

/** What may stand between two words of a secret: a space, a hyphen, `_`, `.`, `+`, an apostrophe, or nothing. */
const SEPARATOR = "[ \\-_.+']?"

/**
 * Characters OCR engines read for others, as the reader flags them
 * (`Qarq0ubi` for `Qarqoubi`, `a1ors`, `5ud`; `rn` for `m`): a secret is
 * found under each of these spellings. Only the confusions that turn a
 * letter into a digit or a pair of letters, which no real word shares: `l`
 * for `I` would make `Ali` match every `all`.
 */
const OCR_VARIANTS: Readonly<Record<string, string>> = {
  o: '[o0]',
  '0': '[0o]',
  l: '[l1]',
  i: '[i1]',
  '1': '[1li]',
  s: '[s5]',
  '5': '[5s]',
  m: '(?:m|rn)',
  w: '(?:w|vv)',
}

/** A text to redact, with its own reason. */
export interface MatchRule {
  text: string
  reason?: string
}

/** A regular expression to redact, with its own reason. */
export interface RegexRule {
  pattern: RegExp | string
  reason?: string
}

/** How a redaction was decided. */
export type RedactionRuleKind = 'match' | 'regex' | 'field' | 'directive'

/** A span of an original string to redact. */
export interface RedactionSpan {
  start: number
  end: number
  rule: RedactionRuleKind
  reason?: string
}

interface CompiledRule {
  kind: 'match' | 'regex'
  regex: RegExp
  caseFold: boolean
  reason?: string
}

/** Spans to redact in one string, found by every rule and merged. */
export type SpanFinder = (text: string) => RedactionSpan[]

/** Error thrown for rules that cannot be used (empty text, bad expression). */
export class RedactionRuleError extends Error {
  constructor(message: string) {
    super(`cablekit redact: ${message}`)
    this.name = 'RedactionRuleError'
  }
}

/**
 * Parse a regular expression given as text: `/source/flags`, or a bare
 * source compiled case-insensitive and Unicode-aware (`iu`), like `--match`.
 *
 * @example regexFromString('/[A-Z]{2}\\d+/u').flags // 'u'
 */
export function regexFromString(value: string): RegExp {
  const literal = /^\/(.*)\/([a-z]*)$/s.exec(value)
  try {
    return literal ? new RegExp(literal[1]!, literal[2]) : new RegExp(value, 'iu')
  } catch (error) {
    throw new RedactionRuleError(
      `invalid regular expression ${JSON.stringify(value)}: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`,
    )
  }
}

/**
 * Compile match texts and regular expressions into one finder. Texts are
 * folded (see `foldText`) and matched anywhere, their spaces and hyphens
 * matching any separator or none (`Jean Dupont` finds `jean-dupont`,
 * `jean_dupont`, `JeanDupont`, and `Jean-\nDupont` broken at its own
 * hyphen); regular
 * expressions run on text folded without case, with their own flags.
 */
export function compileRedactionRules(match: readonly MatchRule[], regex: readonly RegexRule[], options: { wholeWords?: boolean } = {}): SpanFinder {
  const rules: CompiledRule[] = []
  for (const rule of match) {
    const folded = foldString(rule.text)
    if (folded === '') throw new RedactionRuleError('a text to redact is empty once spaces and invisible characters are removed')
    // A space or hyphen of the secret may be written as either, as `_`, `.` or `+` (addresses), or not at all;
    // each letter as the OCR variants of it (percent escapes are decoded by the folding).
    const source = [...folded].map((ch) => (ch === '-' || ch === ' ' ? SEPARATOR : (OCR_VARIANTS[ch] ?? escapeRegex(ch)))).join('')
    const bounded = options.wholeWords ? `(?<![\\p{L}\\p{N}])${source}(?![\\p{L}\\p{N}])` : source
    rules.push({ kind: 'match', regex: new RegExp(bounded, 'gu'), caseFold: true, ...(rule.reason !== undefined ? { reason: rule.reason } : {}) })
  }
  for (const rule of regex) {
    const compiled = typeof rule.pattern === 'string' ? regexFromString(rule.pattern) : rule.pattern
    const flags = compiled.flags.includes('g') ? compiled.flags : `${compiled.flags}g`
    rules.push({
      kind: 'regex',
      regex: new RegExp(compiled.source, flags.replace('y', '')),
      caseFold: false,
      ...(rule.reason !== undefined ? { reason: rule.reason } : {}),
    })
  }
  if (rules.length === 0) return () => []
  return (text) => {
    if (text === '') return []
    let caseFolded: FoldedText | undefined
    let plainFolded: FoldedText | undefined
    const spans: RedactionSpan[] = []
    for (const rule of rules) {
      const folded = rule.caseFold ? (caseFolded ??= foldText(text)) : (plainFolded ??= foldText(text, { caseFold: false }))
      if (folded.text === '') continue
      rule.regex.lastIndex = 0
      for (let found = rule.regex.exec(folded.text); found; found = rule.regex.exec(folded.text)) {
        if (found[0].length === 0) {
          // An expression that matches the empty string would loop; it hides nothing.
          rule.regex.lastIndex++
          continue
        }
        const first = found.index
        const last = found.index + found[0].length - 1
        spans.push({ start: folded.starts[first]!, end: folded.ends[last]!, rule: rule.kind, ...(rule.reason !== undefined ? { reason: rule.reason } : {}) })
      }
    }
    return mergeSpans(spans)
  }
}

/** Merge overlapping or touching spans; the first (leftmost, then first rule) gives rule and reason. */
export function mergeSpans(spans: RedactionSpan[]): RedactionSpan[] {
  if (spans.length < 2) return spans
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end)
  const merged: RedactionSpan[] = [{ ...sorted[0]! }]
  for (const span of sorted.slice(1)) {
    const last = merged[merged.length - 1]!
    if (span.start <= last.end) last.end = Math.max(last.end, span.end)
    else merged.push({ ...span })
  }
  return merged
}

function escapeRegex(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch
}
