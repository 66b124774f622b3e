/** The kinds of list marker French cables type at the start of a line. */
export type MarkerKind = 'bullet' | 'number' | 'letter' | 'degree'

/** A list marker at the start of a line, and the text after it. */
export interface ListMarker {
  kind: MarkerKind
  /** Position in its sequence (`3.` → 3, `c)` → 3, `2°` → 2); bullets have none. */
  ordinal?: number
}

const BULLET = /^[-•]\s+\S/u
const NUMBER = /^(\d{1,2})\.\s+\S/u
const DEGREE = /^(\d{1,2})\s?°\s+\S/u
const LETTER = /^\(?([a-z])\)\s+\S/u

/**
 * The list marker that opens a line: `- ` or `•` (bullets), `1.`
 * (numbers), `a)` (letters), `1°` (ordinals). En dashes are not markers:
 * the family prints them as indented paragraphs.
 *
 * @example listMarker('a) demandes de personnel') // { kind: 'letter', ordinal: 1 }
 */
export function listMarker(text: string): ListMarker | undefined {
  if (BULLET.test(text)) return { kind: 'bullet' }
  const number = NUMBER.exec(text)
  if (number) return { kind: 'number', ordinal: Number(number[1]) }
  const degree = DEGREE.exec(text)
  if (degree) return { kind: 'degree', ordinal: Number(degree[1]) }
  const letter = LETTER.exec(text)
  if (letter) return { kind: 'letter', ordinal: letter[1]!.charCodeAt(0) - 96 }
  return undefined
}

/** Whether `next` goes on with the list `previous` is in: same kind, and the next number or letter. */
export function continuesList(previous: ListMarker, next: ListMarker): boolean {
  if (previous.kind !== next.kind) return false
  return previous.kind === 'bullet' || next.ordinal === (previous.ordinal ?? 0) + 1
}
