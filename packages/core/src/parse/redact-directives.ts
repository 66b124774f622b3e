import { redactionPlaceholder } from '../redact/redaction-placeholder.js'

/** One `:redact[…]` found in a plain string, written well or not. */
export interface DirectiveSpan {
  /** Offset of the first `:`. */
  start: number
  /** Offset just after the closing `]` or the attributes; the string's end when unclosed. */
  end: number
  /** Offset of the secret's first character, after `[`. */
  textStart: number
  /** Offset just after the secret's last character. */
  textEnd: number
  /** Whether its `]` was found. */
  closed: boolean
  /** The `reason` attribute, when given. */
  reason?: string
  /** What is wrong with how it is written, when something is: the warning's words. */
  flaw?: string
}

/** `:redact[`, `::redact[`, `:Redact [`…: a colon, the name in any case, spaces, a bracket. */
const OPENER = /:{1,3}(redact)([ \t]*)\[/giu
const REASON = /\breason\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s}]+))/u

/**
 * The offset of the `]` that closes a bracket opened just before `from`,
 * skipping nested brackets and backslash escapes, or -1 when it never closes.
 *
 * @example closingBracket('![a [b] c](x)', 2) // 9
 */
export function closingBracket(text: string, from: number): number {
  let depth = 1
  for (let index = from; index < text.length; index++) {
    const ch = text[index]
    if (ch === '\\') index++
    else if (ch === '[') depth++
    else if (ch === ']' && --depth === 0) return index
  }
  return -1
}

/**
 * Find every redaction directive in a string that Markdown did not read as
 * one: in front matter, alternative text and titles, and in prose where a typo
 * kept micromark from seeing it (`:Redact[x]`, `:redact [x]`, an unclosed
 * `:redact[x`). Each is found where its meaning is clear: the secret runs to
 * the matching `]`, or to the end of the string when there is none.
 *
 * @example findRedactDirectives('Vu :redact[Dupont]{reason="vie privée"}.')[0].reason // 'vie privée'
 */
export function findRedactDirectives(text: string): DirectiveSpan[] {
  if (!/redact/iu.test(text)) return []
  const spans: DirectiveSpan[] = []
  OPENER.lastIndex = 0
  for (let found = OPENER.exec(text); found; found = OPENER.exec(text)) {
    const textStart = found.index + found[0].length
    const close = closingBracket(text, textStart)
    const closed = close !== -1
    const textEnd = closed ? close : text.length
    let end = closed ? close + 1 : text.length
    let reason: string | undefined
    if (closed && text[end] === '{') {
      const close = text.indexOf('}', end)
      if (close !== -1) {
        const attributes = REASON.exec(text.slice(end + 1, close))
        reason = attributes ? (attributes[1] ?? attributes[2] ?? attributes[3]) : undefined
        end = close + 1
      }
    }
    const flaws: string[] = []
    if (found[1] !== 'redact') flaws.push(`\`${found[1]}\` is written \`redact\``)
    if (found[2]) flaws.push('no space goes between `:redact` and `[`')
    if (!closed) flaws.push('the `[` is never closed, so everything after it is withheld')
    spans.push({ start: found.index, end, textStart, textEnd, closed, ...(reason ? { reason } : {}), ...(flaws.length > 0 ? { flaw: flaws.join('; ') } : {}) })
    OPENER.lastIndex = end
  }
  return spans
}

/**
 * Replace each redaction directive of a plain string by the fixed
 * placeholder (`[redacted: reason]`), calling `found` for each, so the
 * caller can warn where it was.
 */
export function applyRedactDirectives(text: string, found?: (span: DirectiveSpan) => void): string {
  const spans = findRedactDirectives(text)
  if (spans.length === 0) return text
  let out = ''
  let at = 0
  for (const span of spans) {
    found?.(span)
    out += text.slice(at, span.start) + redactionPlaceholder(span.reason)
    at = span.end
  }
  return out + text.slice(at)
}
