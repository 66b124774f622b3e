import { HEADER_KEYS } from '../model/schema.js'
import type { Cable } from '../model/schema.js'
import type { BodyContent, Redaction } from '../model/nodes.js'
import type { RedactContext } from './redact.js'
import { RedactionRuleError } from './redaction-rules.js'
import { redactionPlaceholder } from './redaction-placeholder.js'

/** Fields that hold words of a vocabulary or a date: no placeholder fits, so withholding removes them. */
const REMOVED_WHOLE = new Set(['date', 'lang', 'precedence', 'classification'])

/** Sub-fields that may be named with a dot. */
const NESTED: Record<string, readonly string[]> = {
  issuer: ['state', 'ministry', 'post'],
  distribution: ['primary', 'cc'],
  publication: ['title', 'summary', 'source', 'url'],
  attachments: ['title', 'body'],
}

/** Every field name {@link redactFields} accepts, for help and error messages. */
export const REDACTABLE_FIELDS: readonly string[] = [
  // The family is the document's kind, not its words: nothing in it can be secret.
  ...HEADER_KEYS.filter((key) => key !== 'provenance' && key !== 'family'),
  ...Object.entries(NESTED).flatMap(([key, subs]) => subs.map((sub) => `${key}.${sub}`)),
  'body',
  'attachments',
]

/**
 * Withhold whole fields: a string becomes the placeholder, a list becomes a
 * one-item list of it (the number of addressees is itself telling), a nested
 * record has each of its strings replaced, the body (or an attachment's)
 * becomes one bar, and a date, language, precedence or classification is
 * removed. Each withheld field is logged once, with the keyed hash of its
 * text when a key is given.
 */
export function redactFields(cable: Cable, fields: readonly string[], context: RedactContext): void {
  for (const field of fields) {
    if (!REDACTABLE_FIELDS.includes(field)) {
      throw new RedactionRuleError(`unknown field \`${field}\`; expected one of ${REDACTABLE_FIELDS.join(', ')}`)
    }
  }
  const reason = context.reason
  const placeholder = redactionPlaceholder(reason)
  const bar = (): BodyContent[] => [{ type: 'paragraph', children: [{ type: 'redaction', ...(reason ? { reason } : {}) } as Redaction] } as BodyContent]
  const record = (field: string, secret: string) => {
    const hmac = context.hash(secret)
    context.log.push({ cable: context.cable, field, rule: 'field', ...(reason ? { reason } : {}), ...(hmac ? { hmac } : {}) })
  }
  const holder = cable as unknown as Record<string, unknown>
  for (const field of new Set(fields)) {
    const [key, sub] = field.split('.') as [string, string | undefined]
    if (key === 'body') {
      if (cable.body.length > 0) record('body', textOf(cable.body))
      cable.body = bar()
      continue
    }
    if (key === 'attachments') {
      cable.attachments.forEach((attachment, index) => {
        if (sub !== 'body') {
          if (attachment.title) record(`attachments[${index}].title`, attachment.title)
          attachment.title = placeholder
        }
        if (sub !== 'title') {
          if (attachment.body.length > 0) record(`attachments[${index}].body`, textOf(attachment.body))
          attachment.body = bar()
        }
      })
      continue
    }
    const parent = sub ? (holder[key] as Record<string, unknown> | undefined) : holder
    const name = sub ?? key
    if (!parent || parent[name] === undefined) continue
    record(field, textOf(parent[name]))
    if (REMOVED_WHOLE.has(field)) delete parent[name]
    else parent[name] = withheld(parent[name], placeholder)
    if (key === 'issuer' && sub) {
      // The letterhead's translation says the same thing in another script.
      const localized = (holder['issuer'] as { localized?: Record<string, Record<string, unknown>> } | undefined)?.localized
      for (const lines of Object.values(localized ?? {})) if (lines[sub] !== undefined) lines[sub] = placeholder
    }
  }
}

function withheld(value: unknown, placeholder: string): unknown {
  if (typeof value === 'string') return placeholder
  if (Array.isArray(value)) return value.length > 0 ? [placeholder] : value
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withheld(item, placeholder)]))
  }
  return value
}

/** The text of any value, for its keyed hash: strings and node values joined by new lines. */
function textOf(value: unknown): string {
  const out: string[] = []
  const walk = (item: unknown, key?: string) => {
    if (typeof item === 'string') {
      if (key !== 'type') out.push(item)
    } else if (Array.isArray(item)) item.forEach((x) => walk(x))
    else if (typeof item === 'object' && item !== null) for (const [k, v] of Object.entries(item)) if (k !== 'position') walk(v, k)
  }
  walk(value)
  return out.join('\n')
}
