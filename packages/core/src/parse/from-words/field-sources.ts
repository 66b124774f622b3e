import { foldWording } from '../../model/vocabulary.js'
import type { Cable, FieldSource } from '../../model/schema.js'
import type { LaidOutLine } from './word-page.js'

/** Fields that are ours or the body's, never printed as such on the page. */
const SKIPPED = new Set(['lang', 'family', 'provenance', 'body', 'attachments'])

/**
 * The page and box each header field of `cable` was read from: the first line
 * at or after `from` (a line number of the laid-out text) that holds the
 * field's value as printed. Dates are printed in words (`14 août 2014`,
 * `141530Z AUG 09`): their line is the first that carries the year.
 */
export function fieldSources(cable: Cable, lines: readonly LaidOutLine[], from: number): Record<string, FieldSource> {
  const candidates = lines.filter((line) => line.line >= from).map((line) => ({ line, folded: fold(line.text) }))
  const sources: Record<string, FieldSource> = {}
  for (const [key, value] of Object.entries(cable)) {
    if (SKIPPED.has(key) || value === undefined) continue
    const found = key === 'date' ? findDate(String(value), candidates) : findText(printed(value), candidates)
    if (found) sources[key] = { page: found.page, box: found.box }
  }
  return sources
}

/** The strings a field's value is printed as, most telling first. */
function printed(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string').slice(0, 1)
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>
    if (typeof record['label'] === 'string') return [record['label']]
    return ['state', 'ministry', 'post', 'primary', 'cc', 'title', 'summary'].flatMap((key) => printed(record[key]))
  }
  return []
}

function findText(texts: string[], candidates: { line: LaidOutLine; folded: string }[]): LaidOutLine | undefined {
  for (const text of texts) {
    // A long value wraps over several lines: its first words find its first line.
    const needle = fold(text).slice(0, 40).trim()
    if (needle === '') continue
    const hit = candidates.find(({ folded }) => folded.includes(needle) || (folded.length >= 6 && needle.includes(folded)))
    if (hit) return hit.line
    // Letter-spaced banners (`C O N F I D E N T I A L`) and OCR that splits a word.
    const squeezed = needle.replace(/ /g, '')
    const loose = candidates.find(({ folded }) => squeezed.length >= 4 && folded.replace(/ /g, '').includes(squeezed))
    if (loose) return loose.line
  }
  return undefined
}

function findDate(iso: string, candidates: { line: LaidOutLine; folded: string }[]): LaidOutLine | undefined {
  const year = iso.slice(0, 4)
  const short = year.slice(2)
  const day = String(Number(iso.slice(8, 10)))
  return (
    candidates.find(({ folded }) => folded.includes(year) && new RegExp(`(^|\\D)0?${day}(\\D|$)`).test(folded))?.line ??
    candidates.find(({ folded }) => new RegExp(`\\b\\d{6}z [a-z]{3} ${short}\\b`).test(folded))?.line
  )
}

function fold(text: string): string {
  return foldWording(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}
