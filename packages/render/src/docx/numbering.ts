import { AlignmentType, LevelFormat } from 'docx'
import type { ILevelsOptions, NumberingDefinition } from 'docx'

/** Word numbers list levels 0 to 8; the docx package throws beyond. */
export const MAX_LIST_LEVEL = 8

/** Reference of the bulleted list definition. */
export const BULLET_LIST = 'cable-bullet'
/** Reference of the numbered list definition (starting at 1). */
export const ORDERED_LIST = 'cable-ordered'

/** Bullet characters per level; the en dash is the bullet of the French ministerial cables themselves. */
export const BULLETS = ['–', '•', '–', '•', '–', '•', '–', '•', '–'] as const
/** Number format and the character after the number, per level (cycling every three levels). */
export const ORDERED_FORMATS = [
  { format: LevelFormat.DECIMAL, suffix: '.' },
  { format: LevelFormat.LOWER_LETTER, suffix: ')' },
  { format: LevelFormat.LOWER_ROMAN, suffix: '.' },
] as const

/** Left indent of list level `level` in twips; the number or bullet hangs 360 twips to its left. */
export function listLevelIndent(level: number): number {
  return 360 * (level + 1) + 80
}

function indent(level: number) {
  return { indent: { left: listLevelIndent(level), hanging: 360 } }
}

function bulletLevels(): ILevelsOptions[] {
  return BULLETS.map((text, level) => ({ level, format: LevelFormat.BULLET, text, alignment: AlignmentType.LEFT, style: { paragraph: indent(level) } }))
}

function orderedLevels(start: number): ILevelsOptions[] {
  return Array.from({ length: MAX_LIST_LEVEL + 1 }, (_, level) => {
    const { format, suffix } = ORDERED_FORMATS[level % ORDERED_FORMATS.length]!
    return { level, format, text: `%${level + 1}${suffix}`, start: level === 0 ? start : 1, alignment: AlignmentType.LEFT, style: { paragraph: indent(level) } }
  })
}

let shared: NumberingDefinition[] | undefined

/** The list definitions every document carries, built once per process. */
export function numberingConfig(): NumberingDefinition[] {
  shared ??= [
    { reference: BULLET_LIST, levels: bulletLevels() },
    { reference: ORDERED_LIST, levels: orderedLevels(1) },
  ]
  return shared
}

const startingAt = new Map<number, NumberingDefinition>()

/**
 * The definition of a numbered list that starts at `start` (a Markdown list
 * `3.` …), for lists that do not start at 1. Cached per start value.
 */
export function orderedListStartingAt(start: number): NumberingDefinition | string {
  if (start === 1) return ORDERED_LIST
  let definition = startingAt.get(start)
  if (!definition) {
    definition = { reference: `${ORDERED_LIST}-from-${start}`, levels: orderedLevels(start) }
    // Untrusted input could list any number of start values: keep the cache bounded.
    if (startingAt.size < 64) startingAt.set(start, definition)
  }
  return definition
}

/** A list depth clamped to Word's nine levels. */
export function clampListLevel(depth: number): number {
  return Math.min(Math.max(depth, 0), MAX_LIST_LEVEL)
}
