import type { Cable } from '@cablekit/core'
import type { PdfOptions } from '../pdf/pdf-options.js'
import { resolveTheme } from '../themes/resolve-theme.js'
import { bodyStyle, faceChain } from '../layout/style.js'
import { sanitizeText } from '../text/sanitize-text.js'
import { coversText } from './split-by-coverage.js'

/** A character that no font of a theme can draw. */
export interface MissingCharacter {
  /** The character. */
  char: string
  /** Its code point, as `U+XXXX`. */
  codePoint: string
  /** Where it first occurs: a header field (`subject`) or `body`, `attachments[0].body`. */
  field: string
  /** Its source line and column, when the cable came from a parser with positions. */
  position?: { line: number; column: number }
}

/** Characters that print nothing whatever the font: spaces, controls, marks handled with their base. */
const SILENT = /[\s\p{Cc}\p{Cf}\p{M}]/u

/**
 * The characters of a cable that no face of the theme's font chain has (its
 * own family, the right-to-left one, the fallback): they would print as a
 * replacement mark. Each character is given once, at its first occurrence,
 * so a writer can warn before it renders.
 *
 * @param options.theme the theme the cable will be rendered in (default: its family's).
 * @example missingCharacters(cable).map((m) => m.codePoint) // ['U+1F600']
 */
export function missingCharacters(cable: Cable, options: { theme?: PdfOptions['theme'] } = {}): MissingCharacter[] {
  const theme = resolveTheme(cable, options.theme)
  const chain = faceChain(bodyStyle(theme), theme)
  const found = new Map<string, MissingCharacter>()
  const verdicts = new Map<string, boolean>()
  const check = (value: string, field: string, position?: { line: number; column: number }) => {
    for (const char of sanitizeText(value)) {
      // One verdict per distinct character (a silent one counts as drawn): the Unicode-property
      // test and the coverage look-up then run once per character, not once per occurrence.
      let drawn = verdicts.get(char)
      if (drawn === undefined) verdicts.set(char, (drawn = SILENT.test(char) || chain.some((face) => coversText(face, char))))
      if (!drawn && !found.has(char))
        found.set(char, { char, codePoint: `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`, field, ...(position ? { position } : {}) })
    }
  }
  const walk = (value: unknown, field: string) => {
    if (typeof value === 'string') check(value, field)
    else if (Array.isArray(value)) for (const item of value) walk(item, field)
    else if (typeof value === 'object' && value !== null) {
      const node = value as { value?: unknown; position?: { start?: { line: number; column: number } }; children?: unknown }
      if (typeof node.value === 'string')
        check(node.value, field, node.position?.start ? { line: node.position.start.line, column: node.position.start.column } : undefined)
      if (Array.isArray(node.children)) walk(node.children, field)
    }
  }
  for (const [key, value] of Object.entries(cable)) {
    if (key === 'body') walk(value, 'body')
    else if (key === 'attachments')
      cable.attachments.forEach((attachment, index) => {
        check(attachment.title, `attachments[${index}].title`)
        walk(attachment.body, `attachments[${index}].body`)
      })
    else if (key !== 'provenance' && key !== 'date' && key !== 'lang') walkHeader(value, key, check)
  }
  return [...found.values()]
}

function walkHeader(value: unknown, field: string, check: (value: string, field: string) => void): void {
  if (typeof value === 'string') check(value, field)
  else if (Array.isArray(value)) value.forEach((item, index) => walkHeader(item, `${field}[${index}]`, check))
  else if (typeof value === 'object' && value !== null)
    for (const [key, item] of Object.entries(value)) if (key !== 'level') walkHeader(item, `${field}.${key}`, check)
}
