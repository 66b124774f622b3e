import type { VFile } from 'vfile'
import { report } from '../diagnostics.js'

/**
 * Characters no cable means to hold: C0 and C1 controls (but tab and line
 * feed), the noncharacters U+FFFE/U+FFFF, and the bidi embedding, override and
 * isolate controls that can make text display in another order than it reads.
 */
export const FORBIDDEN_CHARACTERS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFFFE\uFFFF\u202A-\u202E\u2066-\u2069]/g

const MAX_REPORTED = 20

/**
 * Strip {@link FORBIDDEN_CHARACTERS} from `text`, warning once per character
 * with its position (up to 20, then one summary), so the file still parses.
 */
export function stripControlCharacters(text: string, file: VFile): string {
  FORBIDDEN_CHARACTERS.lastIndex = 0
  if (!FORBIDDEN_CHARACTERS.test(text)) return text
  let count = 0
  let line = 1
  let lineStart = 0
  let out = ''
  let last = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code === 10) {
      line++
      lineStart = i + 1
      continue
    }
    if (!isForbidden(code)) continue
    out += text.slice(last, i)
    last = i + 1
    count++
    if (count <= MAX_REPORTED) {
      const name = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
      report(file, 'warning', 'control-character', `removed the control character ${name}`, { line, column: i - lineStart + 1 })
    }
  }
  if (count > MAX_REPORTED) {
    report(file, 'warning', 'control-character', `removed ${count - MAX_REPORTED} more control characters`, { line: 1, column: 1 })
  }
  return out + text.slice(last)
}

function isForbidden(code: number): boolean {
  return (
    code <= 0x08 ||
    (code >= 0x0b && code <= 0x1f) ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0xfffe ||
    code === 0xffff ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  )
}
