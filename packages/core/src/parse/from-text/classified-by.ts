/**
 * The `Classified By` line of a telegram, in every spelling telegrams use:
 * `Classified By: …`, `CLASSIFIED BY …` (no colon), `(U) Classified by …`,
 * and the derivative form `Derived from: …`. The capture is the rest of the
 * line; a fixed word sequence, so matching stays linear.
 */
export const CLASSIFIED_BY = /^(?:\(U\)\s*)?(?:CLASSIFIED\s+BY|DERIVED\s+FROM)\b\s*:?\s*(.*)$/i

/** Where the reasons start: `for reasons`, `. Reason:`, `REASONS`, `; reason`… */
const REASONS_START = /(?:[.,;]\s*|\s+)(?:for\s+)?reasons?\b\s*:?\s*|\s+for\s+(?=1\s*\.\s*\d)/i

/** One E.O. section number (`1.4`, `1.5`, and `1 .4` when a wrap cut it). */
const SECTION = /\d\s*\.\s*\d/y
/** A reason letter, with or without its parentheses: `(b)`, `(B )`, `b`, and `(b,d)` letter by letter. */
const LETTER = /\(?\s*([a-hA-H])\s*(?:\)|(?=[\s,;&)]|$))|([a-hA-H])\b/y
/** What joins reasons: `and`, `&`, commas, spaces. */
const JOINER = /(?:and\b|AND\b|&|[,;]|\s)+/y
/** A point that ends a sentence between the reasons and what follows. */
const POINT = /\.(?=\s|$)/y
const WORD = /\S+/y

/** What a `Classified By` value gives: who classified, and the E.O. reasons as codes. */
export interface ClassifiedBy {
  /** The classifier as written (`Ambassador Robert F. Godec`), without the reasons. */
  by?: string
  /** The reasons as `section(letter)` codes, in order, without duplicates (`['1.4(b)', '1.4(d)']`). */
  reasons?: string[]
}

/**
 * Split a `Classified By` value into the classifier and the reasons. Names
 * keep their initials, `Jr.`, commas and case as written (`Charge
 * d'Affaires, a.i., Robert P. Jackson`); only the reasons part, from `for
 * reasons` or `Reason:` on, is read as E.O. 12958 codes (`1.4 (B )(D)` →
 * `1.4(b)`, `1.4(d)`: a letter belongs to the section number before it).
 * Linear: one regex search, then one scan of the reasons.
 *
 * @example readClassifiedBy('POLOFF J. SMITH FOR REASONS 1.4 (B) AND (D)') // { by: 'POLOFF J. SMITH', reasons: ['1.4(b)', '1.4(d)'] }
 */
export function readClassifiedBy(value: string): ClassifiedBy {
  const text = value.replace(/\s+/g, ' ').trim()
  const start = REASONS_START.exec(text)
  let by = (start ? text.slice(0, start.index) : text).replace(/[\s,;:]+$/, '')
  // A final point ends the sentence, unless it ends an abbreviation (`Jr.`, `a.i.`, an initial): then it is the name's.
  const abbreviation = /(?:\b(?:Jr|Sr|JR|SR|a\.i|A\.I)|\b[A-Z])$/
  if (abbreviation.test(by.replace(/\.$/, '')) && (by.endsWith('.') || (start && text[start.index] === '.'))) by = `${by.replace(/\.$/, '')}.`
  else by = by.replace(/\.$/, '')
  by = by.trim()
  const result: ClassifiedBy = {}
  if (by) result.by = by
  if (start) {
    const reasons = reasonCodes(text.slice(start.index + start[0].length))
    if (reasons.length > 0) result.reasons = reasons
  }
  return result
}

/** `1.4 (b) and (d).` → `['1.4(b)', '1.4(d)']`; anything else between codes (`and`, `,`, `&`) is skipped. One pass of sticky regexes. */
function reasonCodes(text: string): string[] {
  const codes: string[] = []
  let section: string | undefined
  let at = 0
  const match = (pattern: RegExp): RegExpExecArray | null => {
    pattern.lastIndex = at
    const found = pattern.exec(text)
    if (found) at = pattern.lastIndex
    return found
  }
  while (at < text.length) {
    const number = match(SECTION)
    if (number) {
      section = number[0].replace(/\s+/g, '')
      continue
    }
    const letter = section ? match(LETTER) : null
    if (letter && section) {
      const code = `${section}(${(letter[1] ?? letter[2])!.toLowerCase()})`
      if (!codes.includes(code)) codes.push(code)
      continue
    }
    if (match(JOINER) || match(POINT)) continue
    // Anything else (`E.O. 12958`, a note) ends a run of letters, not the scan.
    if (!match(WORD)) at++
    section = undefined
  }
  return codes
}
