/**
 * The words of a telegram header that are never tags: captions and labels a
 * wrapped TAGS line could run into.
 */
const NOT_TAGS = /^(?:SUBJ(?:ECT)?|REFS?|REFTEL|CLASSIFIED|DERIVED|SIPDIS|NOFORN|SENSITIVE|EXDIS|LIMDIS|NODIS|STADIS|SUMMARY|E\.?O\.?)\b/i

/** A line of tag codes only: what a TAGS line wrapped onto (`KWBG US IR`, `pgov, prel`). */
const CODES_LINE = /^[A-Za-z]{2,6}(?:[\s,;]+[A-Za-z]{2,6})*[,;]?$/

/**
 * Split the value of a TAGS line (and its wrapped lines) into tags. When
 * the TAGS line itself separates with commas or semicolons, only those
 * separate, so multi-word tags stay whole (`HUMAN RIGHTS`, `GOI EXTERNAL`,
 * `OVIP (RICE, CONDOLEEZZA)`: never inside parentheses); otherwise spaces
 * separate too (`PREL PGOV … IS` / `AF, XA`). Tags keep their case.
 *
 * @param commas whether the first line separated with commas or semicolons; by default, whether `value` does.
 * @example splitTags('PREL, PGOV, HUMAN RIGHTS') // ['PREL', 'PGOV', 'HUMAN RIGHTS']
 */
export function splitTags(value: string, commas = /[,;]/.test(value)): string[] {
  const text = value.replace(/\s+/g, ' ').trim()
  if (!commas) return text.split(/[\s,;]+/).filter((tag) => tag !== '')
  const tags: string[] = []
  let depth = 0
  let from = 0
  for (let k = 0; k <= text.length; k++) {
    const char = text[k]
    if (char === '(') depth++
    else if (char === ')') depth = Math.max(0, depth - 1)
    else if (k === text.length || (depth === 0 && (char === ',' || char === ';'))) {
      const tag = text.slice(from, k).trim()
      if (tag !== '') tags.push(tag)
      from = k + 1
    }
  }
  return tags
}

/**
 * Whether a line goes on with the TAGS before it: after a line ending in a
 * separator, any line that is not a header label; otherwise a line of short
 * codes only.
 */
export function continuesTags(text: string, previous: string): boolean {
  if (NOT_TAGS.test(text) || text.includes(':')) return false
  if (/[,;]\s*$/.test(previous)) return text.length <= 120
  return CODES_LINE.test(text)
}

/** Tags without duplicates (case-insensitively), first spelling kept, in order. */
export function uniqueTags(tags: readonly string[]): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const tag of tags) {
    const key = tag.toUpperCase()
    if (seen.has(key)) continue
    seen.add(key)
    out.push(tag)
  }
  return out
}
