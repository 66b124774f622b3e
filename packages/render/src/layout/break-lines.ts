import type { Atom } from './make-atoms.js'

/** Atoms of one line and whether it ends a paragraph or a forced break (not justified). */
export interface Line {
  atoms: Atom[]
  /** Width of the atoms and the spaces between them. */
  width: number
  /** Last line of the paragraph or ended by a forced break. */
  last: boolean
}

/**
 * Greedy line breaking: fill each line with as many atoms as fit in
 * `widthOf(lineIndex)` (the first line may be indented). Atoms never split
 * here; `makeAtoms` already cut words wider than a line.
 */
export function breakLines(atoms: readonly Atom[], widthOf: (line: number) => number): Line[] {
  const lines: Line[] = []
  let current: Atom[] = []
  let width = 0
  const push = (last: boolean) => {
    lines.push({ atoms: current, width, last })
    current = []
    width = 0
  }
  for (const atom of atoms) {
    const available = widthOf(lines.length)
    const gap = current.length > 0 ? current[current.length - 1]!.space : 0
    if (current.length > 0 && width + gap + atom.width > available + 0.01) push(false)
    width += (current.length > 0 ? current[current.length - 1]!.space : 0) + atom.width
    current.push(atom)
    if (atom.hardBreak) push(true)
  }
  if (current.length > 0) push(true)
  else if (lines.length > 0) lines[lines.length - 1]!.last = true
  return lines
}
