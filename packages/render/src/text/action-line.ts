import { formatDate, telegramDateTimeGroup } from './format-date.js'

const PRECEDENCE_LETTER: Readonly<Record<string, string>> = { routine: 'R', priority: 'P', urgent: 'O', 'very-urgent': 'O', immediate: 'O', flash: 'Z' }

/**
 * The action line of a US telegram from what the cable has: the precedence
 * letter when it has a precedence, the date-time group when its date has a
 * time, the day alone (`9 JANUARY 2006`) when it has only a day.
 *
 * @example actionLine({ level: 'immediate', label: 'IMMEDIATE' }, '2009-08-14T15:30Z') // 'O 141530Z AUG 09'
 */
export function actionLine(precedence: { level: string } | undefined, date: string | undefined): string | undefined {
  const letter = precedence ? PRECEDENCE_LETTER[precedence.level] : undefined
  const when = date ? (/T\d/.test(date) ? telegramDateTimeGroup(date) : formatDate(date, 'en').toUpperCase()) : undefined
  return [letter, when].filter(Boolean).join(' ') || undefined
}
