import type { Diagnostic } from './read-cable.js'

const RANK = { error: 3, warning: 2, info: 1 } as const

/** A highlighted range of the source. */
export interface Highlight {
  start: number
  end: number
  severity: Diagnostic['severity']
  /** Index of the diagnostic in the list, to link the mark and the item. */
  index: number
}

/**
 * The ranges to highlight for `diagnostics`: a diagnostic that names a point
 * marks the word there (or one character), and overlapping ranges keep the
 * worst severity, so the backdrop's marks never nest.
 */
export function highlights(source: string, diagnostics: readonly Diagnostic[]): Highlight[] {
  const ranges = diagnostics.map((diagnostic, index) => {
    let end = diagnostic.end
    if (end <= diagnostic.start) {
      const word = /^\S+/.exec(source.slice(diagnostic.start))
      end = Math.min(source.length, diagnostic.start + (word ? word[0].length : 1))
    }
    return { start: diagnostic.start, end, severity: diagnostic.severity, index }
  })
  ranges.sort((a, b) => a.start - b.start || RANK[b.severity] - RANK[a.severity])
  const merged: Highlight[] = []
  for (const range of ranges) {
    const last = merged[merged.length - 1]
    if (last && range.start < last.end) {
      last.end = Math.max(last.end, range.end)
      if (RANK[range.severity] > RANK[last.severity]) last.severity = range.severity
    } else if (range.end > range.start) {
      merged.push({ ...range })
    }
  }
  return merged
}
