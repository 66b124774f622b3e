/** U+202F NARROW NO-BREAK SPACE: the thin space French puts before ; : ! ? and inside « ». */
export const THIN_NBSP = '\u202f'

/**
 * Apply French typography: a thin no-break space before `; : ! ?` and `»` and
 * after `«`, replacing an ordinary space where one was typed. Punctuation
 * glued to the next character is left alone (`https://`, `10:30`, `?a=1`).
 *
 * @example frenchSpacing('Objet : « test » !') // 'Objet\u202f: «\u202ftest\u202f»\u202f!'
 */
export function frenchSpacing(text: string): string {
  return text
    .replace(/[ \u00a0]+([;:!?»])/g, `${THIN_NBSP}$1`)
    .replace(/([^\s\u202f\u00a0(«])(»)/gu, `$1${THIN_NBSP}$2`)
    .replace(/([^\s\u202f\u00a0(«:/!?])([;:!?]+)(?=\s|$)/gu, `$1${THIN_NBSP}$2`)
    .replace(/«[ \u00a0]*/g, `«${THIN_NBSP}`)
}
