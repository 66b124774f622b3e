import type { VFile } from 'vfile'
import type { Position } from 'unist'
import { didYouMean, report } from '../diagnostics.js'
import {
  CABLE_FAMILIES,
  CLASSIFICATION_ALIASES,
  CLASSIFICATION_LEVELS,
  PRECEDENCE_ALIASES,
  PRECEDENCE_LEVELS,
  foldWording,
  resolveClassification,
  resolvePrecedence,
} from '../model/vocabulary.js'
import type { CableFamily } from '../model/vocabulary.js'
import { HEADER_KEYS, isIsoDate } from '../model/schema.js'
import type { CableHeader } from '../model/schema.js'

/** Finds the source position of a value by its key path, for diagnostics. */
export type Locate = (path: readonly (string | number)[]) => Position | undefined

type Path = (string | number)[]

const TEXT_KEYS = ['id', 'lang', 'reference', 'from', 'place', 'transmission', 'subject', 'declassification', 'classifiedBy', 'signature'] as const
const LIST_KEYS = ['to', 'info', 'references', 'tags', 'classificationReasons'] as const
const LETTERHEAD_KEYS = ['state', 'ministry', 'post'] as const
const PUBLICATION_KEYS = ['title', 'summary', 'source', 'url'] as const

/** Keys that a body-carrying record (JSON cable) may hold besides the header. */
const BODY_KEYS = ['body', 'attachments']

/**
 * Turn a plain record (YAML front matter read as strings, or a JSON object)
 * into header fields, reporting each problem at its position: unknown keys
 * warn and are dropped, wrong types and unknown precedence or classification
 * words are errors. Shorthands are expanded (`to: one string`, `precedence:
 * très urgent`).
 */
export function headerFromRecord(record: Record<string, unknown>, file: VFile, locate: Locate, options: { allowBody?: boolean } = {}): CableHeader {
  const header: CableHeader = {}
  const lang = typeof record['lang'] === 'string' ? record['lang'] : undefined
  const known = options.allowBody ? [...HEADER_KEYS, ...BODY_KEYS] : [...HEADER_KEYS]
  const ctx = { file, locate }

  for (const key of Object.keys(record)) {
    const value = record[key]
    if (!(known as string[]).includes(key)) {
      const guess = didYouMean(key, HEADER_KEYS)
      report(file, 'warning', 'unknown-key', `unknown key \`${key}\` is ignored${guess ? `: did you mean \`${guess}\`?` : ''}`, locate([key]), {
        expected: [...HEADER_KEYS],
        ...(guess ? { suggestion: guess } : {}),
      })
      continue
    }
    if (BODY_KEYS.includes(key) || value === null || value === undefined) continue
    const path = [key]
    if ((TEXT_KEYS as readonly string[]).includes(key)) {
      const text = asText(value, path, ctx)
      if (text !== undefined) (header as Record<string, unknown>)[key] = text
    } else if ((LIST_KEYS as readonly string[]).includes(key)) {
      const list = asList(value, path, ctx, key === 'to' || key === 'info')
      if (list) (header as Record<string, unknown>)[key] = list
    } else if (key === 'date') {
      const text = asText(value, path, ctx)
      if (text === undefined) continue
      if (isIsoDate(text)) header.date = text
      else
        report(file, 'error', 'bad-date', `\`${text}\` is not an ISO 8601 date: write it as 2014-08-14, or 2009-08-14T15:30Z for a date-time`, locate(path), {
          actual: text,
          expected: ['YYYY-MM-DD', 'YYYY-MM-DDTHH:MMZ'],
        })
    } else if (key === 'family') {
      const text = asText(value, path, ctx)
      if (text === undefined) continue
      if ((CABLE_FAMILIES as readonly string[]).includes(text)) header.family = text as CableFamily
      else
        report(file, 'error', 'bad-family', `unknown family \`${text}\`: expected one of ${CABLE_FAMILIES.join(', ')}`, locate(path), {
          actual: text,
          expected: [...CABLE_FAMILIES],
        })
    } else if (key === 'precedence') {
      const leveled = asLeveled(value, path, ctx, 'precedence', PRECEDENCE_LEVELS, PRECEDENCE_ALIASES, (w) => resolvePrecedence(w, lang))
      if (leveled) header.precedence = leveled as CableHeader['precedence']
    } else if (key === 'classification') {
      const leveled = asLeveled(value, path, ctx, 'classification', CLASSIFICATION_LEVELS, CLASSIFICATION_ALIASES, (w) => resolveClassification(w, lang))
      if (leveled) header.classification = leveled as CableHeader['classification']
    } else if (key === 'issuer') {
      const issuer = asRecord(value, path, ctx, [...LETTERHEAD_KEYS, 'localized'])
      if (!issuer) continue
      const out: NonNullable<CableHeader['issuer']> = {}
      for (const k of LETTERHEAD_KEYS) {
        if (issuer[k] === undefined || issuer[k] === null) continue
        const text = asText(issuer[k], [...path, k], ctx)
        if (text !== undefined) out[k] = text
      }
      if (issuer['localized'] !== undefined && issuer['localized'] !== null) {
        const localized = asRecord(issuer['localized'], [...path, 'localized'], ctx)
        if (localized) {
          const map: Record<string, { state?: string; ministry?: string; post?: string }> = {}
          for (const tag of Object.keys(localized)) {
            const lines = asRecord(localized[tag], [...path, 'localized', tag], ctx, [...LETTERHEAD_KEYS])
            if (!lines) continue
            const entry: { state?: string; ministry?: string; post?: string } = {}
            for (const k of LETTERHEAD_KEYS) {
              if (lines[k] === undefined || lines[k] === null) continue
              const text = asText(lines[k], [...path, 'localized', tag, k], ctx)
              if (text !== undefined) entry[k] = text
            }
            if (Object.keys(entry).length > 0) map[tag] = entry
          }
          if (Object.keys(map).length > 0) out.localized = map
        }
      }
      if (Object.keys(out).length > 0) header.issuer = out
    } else if (key === 'distribution') {
      const distribution = asRecord(value, path, ctx, ['primary', 'cc'])
      if (!distribution) continue
      const out: NonNullable<CableHeader['distribution']> = {}
      for (const k of ['primary', 'cc'] as const) {
        if (distribution[k] === undefined || distribution[k] === null) continue
        const list = asList(distribution[k], [...path, k], ctx, false)
        if (list) out[k] = list
      }
      if (Object.keys(out).length > 0) header.distribution = out
    } else if (key === 'publication') {
      const publication = asRecord(value, path, ctx, [...PUBLICATION_KEYS])
      if (!publication) continue
      const out: NonNullable<CableHeader['publication']> = {}
      for (const k of PUBLICATION_KEYS) {
        if (publication[k] === undefined || publication[k] === null) continue
        const text = asText(publication[k], [...path, k], ctx)
        if (text !== undefined) out[k] = text
      }
      if (Object.keys(out).length > 0) header.publication = out
    } else if (key === 'provenance') {
      const provenance = asProvenance(value, path, ctx)
      if (provenance) header.provenance = provenance
    }
  }
  return header
}

interface Ctx {
  file: VFile
  locate: Locate
}

function typeName(value: unknown): string {
  if (Array.isArray(value)) return 'a list'
  if (value === null) return 'null'
  if (typeof value === 'object') return 'a mapping'
  return `a ${typeof value}`
}

function asText(value: unknown, path: Path, { file, locate }: Ctx): string | undefined {
  if (typeof value !== 'string') {
    report(file, 'error', 'bad-type', `\`${path.join('.')}\` must be text, not ${typeName(value)}`, locate(path), { actual: typeName(value) })
    return undefined
  }
  const text = value.trim()
  if (text === '') {
    report(file, 'warning', 'empty-field', `\`${path.join('.')}\` is empty and is left out`, locate(path))
    return undefined
  }
  return text
}

function asList(value: unknown, path: Path, ctx: Ctx, names: boolean): string[] | undefined {
  const items = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined
  if (!items) {
    report(ctx.file, 'error', 'bad-type', `\`${path.join('.')}\` must be text or a list of texts, not ${typeName(value)}`, ctx.locate(path), {
      actual: typeName(value),
    })
    return undefined
  }
  const out: string[] = []
  items.forEach((item, index) => {
    const itemPath = typeof value === 'string' ? path : [...path, index]
    const text = asText(item, itemPath, ctx)
    if (text === undefined) return
    if (names && !/\p{L}/u.test(text)) {
      report(ctx.file, 'error', 'bad-type', `\`${path.join('.')}\` must name addressees, but \`${text}\` holds no letter`, ctx.locate(itemPath), {
        actual: text,
      })
      return
    }
    out.push(text)
  })
  return out.length > 0 ? out : undefined
}

function asRecord(value: unknown, path: Path, { file, locate }: Ctx, keys?: readonly string[]): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    report(file, 'error', 'bad-type', `\`${path.join('.')}\` must be a mapping, not ${typeName(value)}`, locate(path), { actual: typeName(value) })
    return undefined
  }
  const record = value as Record<string, unknown>
  if (keys) {
    for (const key of Object.keys(record)) {
      if (keys.includes(key)) continue
      const guess = didYouMean(key, keys)
      report(
        file,
        'warning',
        'unknown-key',
        `unknown key \`${[...path, key].join('.')}\` is ignored${guess ? `: did you mean \`${guess}\`?` : ''}`,
        locate([...path, key]),
        { expected: [...keys] },
      )
    }
  }
  return record
}

function asLeveled(
  value: unknown,
  path: Path,
  ctx: Ctx,
  what: 'precedence' | 'classification',
  levels: readonly string[],
  aliases: Readonly<Record<string, string>>,
  resolve: (written: string) => { level: string; label: string } | undefined,
): { level: string; label: string } | undefined {
  const { file, locate } = ctx
  const accepted = [...new Set([...levels, ...Object.keys(aliases).filter((alias) => alias.length > 2)])]
  if (typeof value === 'string') {
    const resolved = resolve(value)
    if (resolved) return resolved
    const guess = didYouMean(foldWording(value), accepted)
    report(
      file,
      'error',
      `bad-${what}`,
      `unknown ${what} \`${value}\`${guess ? `: did you mean \`${guess}\`?` : ''}; accepted: ${accepted.join(', ')}`,
      locate(path),
      {
        actual: value,
        expected: accepted,
        ...(guess ? { suggestion: guess } : {}),
      },
    )
    return undefined
  }
  const record = asRecord(value, path, ctx, ['level', 'label'])
  if (!record) return undefined
  const level = record['level']
  if (typeof level !== 'string' || !levels.includes(level)) {
    report(file, 'error', `bad-${what}`, `\`${what}.level\` must be one of ${levels.join(', ')}`, locate([...path, 'level']), {
      expected: [...levels],
      actual: String(level),
    })
    return undefined
  }
  const label = record['label'] === undefined ? undefined : asText(record['label'], [...path, 'label'], ctx)
  return { level, label: label ?? resolve(level)!.label }
}

function asProvenance(value: unknown, path: Path, ctx: Ctx): CableHeader['provenance'] | undefined {
  const record = asRecord(value, path, ctx, ['source', 'format', 'encoding', 'fixes'])
  if (!record) return undefined
  const out: NonNullable<CableHeader['provenance']> = {}
  for (const k of ['source', 'encoding'] as const) {
    if (record[k] === undefined) continue
    const text = asText(record[k], [...path, k], ctx)
    if (text !== undefined) out[k] = text
  }
  if (record['format'] !== undefined) {
    const format = record['format']
    if (format === 'markdown' || format === 'text' || format === 'json') out.format = format
    else report(ctx.file, 'error', 'bad-type', '`provenance.format` must be markdown, text or json', ctx.locate([...path, 'format']))
  }
  if (record['fixes'] !== undefined) {
    if (!Array.isArray(record['fixes'])) {
      report(ctx.file, 'error', 'bad-type', '`provenance.fixes` must be a list', ctx.locate([...path, 'fixes']))
    } else {
      const fixes: NonNullable<typeof out.fixes> = []
      record['fixes'].forEach((fix: unknown, index) => {
        const f = asRecord(fix, [...path, 'fixes', index], ctx, ['original', 'replacement', 'line', 'column', 'rule'])
        if (!f) return
        const { original, replacement, rule } = f
        // Front matter reads every scalar as a string: accept whole numbers written either way.
        const line = wholeNumber(f['line'])
        const column = wholeNumber(f['column'])
        if (
          typeof original !== 'string' ||
          typeof replacement !== 'string' ||
          !Number.isInteger(line) ||
          !Number.isInteger(column) ||
          (line as number) < 1 ||
          (column as number) < 1
        ) {
          report(
            ctx.file,
            'error',
            'bad-type',
            'a fix needs `original` and `replacement` texts and positive whole `line` and `column`',
            ctx.locate([...path, 'fixes', index]),
          )
          return
        }
        fixes.push({ original, replacement, line: line as number, column: column as number, ...(typeof rule === 'string' ? { rule } : {}) })
      })
      if (fixes.length > 0) out.fixes = fixes
    }
  }
  return Object.keys(out).length > 0 ? out : undefined
}

function wholeNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value
  return typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : undefined
}
