import type { Point } from 'unist'

/**
 * One line of the input with where it starts in the file. A line may be
 * "virtual": an HTML line-break entity (`&#x000A;`) splits a physical line,
 * and the part after it keeps its real column, so diagnostics stay exact.
 */
export interface Line {
  /** The text, without the newline. */
  text: string
  /** 1-based line number in the file. */
  line: number
  /** 1-based column of `text[0]` in the file. */
  column: number
}

/** `&#x000A;`, `&#xA;`, `&#10;`, `&#13;`: newlines written as entities by the publisher. */
const NEWLINE_ENTITY = /&#(?:x0*[aAdD]|0*1[03]);/g

/**
 * Split clean text (newlines already `\n`) into lines. Linear in the input:
 * one scan for newlines, one bounded regex per line for newline entities.
 */
export function splitLines(text: string): Line[] {
  const lines: Line[] = []
  let start = 0
  let number = 1
  for (;;) {
    const end = text.indexOf('\n', start)
    const raw = end === -1 ? text.slice(start) : text.slice(start, end)
    if (raw.includes('&#')) {
      NEWLINE_ENTITY.lastIndex = 0
      let from = 0
      let match: RegExpExecArray | null
      while ((match = NEWLINE_ENTITY.exec(raw))) {
        lines.push({ text: raw.slice(from, match.index), line: number, column: from + 1 })
        from = match.index + match[0].length
      }
      lines.push({ text: raw.slice(from), line: number, column: from + 1 })
    } else lines.push({ text: raw, line: number, column: 1 })
    if (end === -1) break
    start = end + 1
    number++
  }
  return lines
}

/** The file position of `index` (0-based) in `line`'s text. */
export function pointAt(line: Line, index = 0): Point {
  return { line: line.line, column: line.column + Math.max(0, index) }
}

/** Whether a line holds nothing but white space. */
export function isBlank(line: Line | undefined): boolean {
  return line === undefined || line.text.trim() === ''
}

/** A sub-line: `line`'s text from `start` to `end`, with the column moved accordingly. */
export function sliceLine(line: Line, start: number, end?: number): Line {
  return { text: line.text.slice(start, end), line: line.line, column: line.column + start }
}

/** The line with leading and trailing white space removed, column moved past the leading part. */
export function trimLine(line: Line): Line {
  const lead = line.text.length - line.text.trimStart().length
  return { text: line.text.trim(), line: line.line, column: line.column + lead }
}

/**
 * `text` with every run of white space made one space, as `replace(/\s+/g, ' ')`
 * gives, without building a new string for the lines (most of them) that
 * already have single spaces only: the readers call it on every line, so the
 * check is a loop over char codes rather than a regular expression.
 *
 * @example squashSpaces('A  B\tC') // 'A B C'
 */
export function squashSpaces(text: string): string {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code === 32) {
      if (text.charCodeAt(index + 1) === 32) return text.replace(/\s+/g, ' ')
    } else if (code < 32 ? code >= 9 && code <= 13 : code === 0xa0 || (code >= 0x1680 && isUnicodeSpace(code))) {
      return text.replace(/\s+/g, ' ')
    }
  }
  return text
}

/** The white space of `\s` above U+1680. */
function isUnicodeSpace(code: number): boolean {
  return (
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  )
}
