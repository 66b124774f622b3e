import type { VFile } from 'vfile'
import { report } from '../diagnostics.js'

/** Limits that keep Markdown parsing in bounded time whatever the input. */
export interface MarkdownLimits {
  /** Largest source in bytes of UTF-16 text (default 2 MiB; the largest Cablegate cable is 34 KB). */
  maxSize: number
  /** Deepest nesting of lists and block quotes (default 48). */
  maxNesting: number
  /**
   * Most emphasis delimiters (`*`, `_`) and brackets in one paragraph (default
   * 1,000): micromark's cost grows with their square within a paragraph.
   */
  maxDelimitersPerBlock: number
  /**
   * Most lines in one block without a blank line (default 1,000): micromark's
   * cost grows faster than the length of a block of many lines.
   */
  maxLinesPerBlock: number
  /**
   * Most characters micromark may rescan in one paragraph for openers that
   * never close (default 2,000,000, about 0.1 s): each unclosed HTML comment,
   * processing instruction, CDATA section or backtick run is followed to the
   * end of its paragraph, so many of them cost the square of its length.
   */
  maxRescanPerBlock: number
}

/** The defaults of {@link MarkdownLimits}. */
export const DEFAULT_MARKDOWN_LIMITS: MarkdownLimits = {
  maxSize: 2 * 1024 * 1024,
  maxNesting: 48,
  maxDelimitersPerBlock: 1000,
  maxLinesPerBlock: 1000,
  maxRescanPerBlock: 2_000_000,
}

/**
 * Check a Markdown body against the limits before micromark sees it, and
 * report the first place that exceeds one. Returns whether it is safe to parse.
 */
export function checkMarkdownLimits(text: string, file: VFile, limits: MarkdownLimits, firstLine = 1): boolean {
  if (text.length > limits.maxSize) {
    report(
      file,
      'error',
      'too-large',
      `the text is ${formatSize(text.length)}, more than the ${formatSize(limits.maxSize)} a cable may hold`,
      { line: firstLine, column: 1 },
      {
        note: 'Split the file, or raise `maxSize` if the input is trusted.',
      },
    )
    return false
  }
  const lines = text.split('\n')
  let delimiters = 0
  let blockStart = 0
  const endBlock = (end: number): boolean => {
    if (end <= blockStart) return true
    const block = lines.slice(blockStart, end).join('\n')
    const cost = rescanCost(block)
    if (cost <= limits.maxRescanPerBlock) return true
    report(
      file,
      'error',
      'unclosed-openers',
      `the paragraph starting on line ${blockStart + firstLine} has so many HTML comments or backtick runs that never close ` +
        'that parsing it would take quadratic time',
      { line: blockStart + firstLine, column: 1 },
      {
        note: 'Close them, escape them (\\`, &lt;!--), or split the paragraph.',
      },
    )
    return false
  }
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!
    if (line.trim() === '') {
      if (!endBlock(index)) return false
      delimiters = 0
      blockStart = index + 1
      continue
    }
    if (index - blockStart >= limits.maxLinesPerBlock) {
      report(
        file,
        'error',
        'block-too-long',
        `the block starting on line ${blockStart + firstLine} runs more than ${limits.maxLinesPerBlock} lines without a blank line`,
        { line: index + firstLine, column: 1 },
        {
          note: 'Separate paragraphs with blank lines.',
        },
      )
      return false
    }
    const depth = nestingDepth(line)
    if (depth > limits.maxNesting) {
      report(file, 'error', 'too-deep', `lists or block quotes nest ${depth} levels deep here, more than the ${limits.maxNesting} allowed`, {
        line: index + firstLine,
        column: 1,
      })
      return false
    }
    for (let i = 0; i < line.length; i++) {
      const code = line.charCodeAt(i)
      // * _ [ ] ~
      if (code === 42 || code === 95 || code === 91 || code === 93 || code === 126) delimiters++
    }
    if (delimiters > limits.maxDelimitersPerBlock) {
      report(
        file,
        'error',
        'too-many-delimiters',
        `the paragraph starting on line ${blockStart + firstLine} has more than ${limits.maxDelimitersPerBlock} emphasis marks and brackets`,
        { line: index + firstLine, column: 1 },
        {
          note: 'Such text takes quadratic time to parse; split the paragraph or escape the marks.',
        },
      )
      return false
    }
  }
  return endBlock(lines.length)
}

/** Openers of raw HTML that run to a fixed closer, which micromark seeks to the paragraph's end. */
const HTML_OPENERS: readonly [string, string][] = [
  ['<!--', '-->'],
  ['<?', '?>'],
  ['<![CDATA[', ']]>'],
]

/**
 * How many characters micromark rescans in a paragraph for openers that
 * never close: for each, the rest of the paragraph. Linear in the paragraph.
 */
export function rescanCost(block: string): number {
  let cost = 0
  for (const [open, close] of HTML_OPENERS) {
    const lastClose = block.lastIndexOf(close)
    for (let at = block.indexOf(open, lastClose === -1 ? 0 : lastClose); at !== -1; at = block.indexOf(open, at + open.length)) cost += block.length - at
  }
  // A backtick run opens a code span only if a later run has the same length: those that have none cost a rescan.
  const runs: { at: number; length: number }[] = []
  for (let at = block.indexOf('`'); at !== -1;) {
    let end = at
    while (block[end] === '`') end++
    runs.push({ at, length: end - at })
    at = block.indexOf('`', end)
  }
  const later = new Set<number>()
  for (let index = runs.length - 1; index >= 0; index--) {
    const run = runs[index]!
    if (!later.has(run.length)) cost += block.length - run.at
    later.add(run.length)
  }
  return cost
}

/** Containers opened at the start of a line: list markers and `>`, plus their indentation. */
function nestingDepth(line: string): number {
  let width = 0
  let markers = 0
  let i = 0
  while (i < line.length) {
    const ch = line[i]!
    if (ch === ' ') width++
    else if (ch === '\t') width += 4
    else if (ch === '>') markers++
    else if ((ch === '-' || ch === '*' || ch === '+') && (line[i + 1] === ' ' || line[i + 1] === '\t' || i + 1 === line.length)) markers++
    else {
      const ordered = /^\d{1,9}[.)](?=[ \t]|$)/.exec(line.slice(i, i + 11))
      if (!ordered) break
      markers++
      i += ordered[0].length
      continue
    }
    i++
  }
  return markers === 0 ? 0 : markers + Math.floor(width / 2)
}

function formatSize(chars: number): string {
  return chars >= 1024 * 1024 ? `${(chars / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(chars / 1024)} KB`
}
