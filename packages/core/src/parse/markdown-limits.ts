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
}

/** The defaults of {@link MarkdownLimits}. */
export const DEFAULT_MARKDOWN_LIMITS: MarkdownLimits = { maxSize: 2 * 1024 * 1024, maxNesting: 48, maxDelimitersPerBlock: 1000, maxLinesPerBlock: 1000 }

/**
 * Check a Markdown body against the limits before micromark sees it, and
 * report the first place that exceeds one. Returns whether it is safe to parse.
 */
export function checkMarkdownLimits(text: string, file: VFile, limits: MarkdownLimits, firstLine = 1): boolean {
  if (text.length > limits.maxSize) {
    report(file, 'error', 'too-large', `the text is ${formatSize(text.length)}, more than the ${formatSize(limits.maxSize)} a cable may hold`, { line: firstLine, column: 1 }, {
      note: 'Split the file, or raise `maxSize` if the input is trusted.',
    })
    return false
  }
  const lines = text.split('\n')
  let delimiters = 0
  let blockStart = 0
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!
    if (line.trim() === '') {
      delimiters = 0
      blockStart = index + 1
      continue
    }
    if (index - blockStart >= limits.maxLinesPerBlock) {
      report(file, 'error', 'block-too-long', `the block starting on line ${blockStart + firstLine} runs more than ${limits.maxLinesPerBlock} lines without a blank line`, { line: index + firstLine, column: 1 }, {
        note: 'Separate paragraphs with blank lines.',
      })
      return false
    }
    const depth = nestingDepth(line)
    if (depth > limits.maxNesting) {
      report(file, 'error', 'too-deep', `lists or block quotes nest ${depth} levels deep here, more than the ${limits.maxNesting} allowed`, { line: index + firstLine, column: 1 })
      return false
    }
    for (let i = 0; i < line.length; i++) {
      const code = line.charCodeAt(i)
      // * _ [ ] ~
      if (code === 42 || code === 95 || code === 91 || code === 93 || code === 126) delimiters++
    }
    if (delimiters > limits.maxDelimitersPerBlock) {
      report(file, 'error', 'too-many-delimiters', `the paragraph starting on line ${blockStart + firstLine} has more than ${limits.maxDelimitersPerBlock} emphasis marks and brackets`, { line: index + firstLine, column: 1 }, {
        note: 'Such text takes quadratic time to parse; split the paragraph or escape the marks.',
      })
      return false
    }
  }
  return true
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
