import { CableValidationError, assertValidCable } from '@cablekit/core'
import type { Cable } from '@cablekit/core'
import { sanitizeText } from '../text/sanitize-text.js'
import { THEME_NAMES } from '../themes/registry.js'
import type { ThemeName } from '../themes/registry.js'
import type { ThemeData } from '../themes/theme.js'

const PAGE_SIZE_NAMES: readonly string[] = ['A4', 'LETTER']

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string') return `"${sanitizeText(value).slice(0, 60)}"`
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`
}

/**
 * Check a writer's `theme` option: a built-in name, or an object with the
 * parts of {@link ThemeData} the writers read first (a theme missing its page
 * or fonts would otherwise fail deep inside layout with a `TypeError`).
 *
 * @param theme The option as the caller gave it.
 * @param path Where it sits, for the message: `options.theme`, `cables[2].theme`.
 * @throws CableValidationError naming `path` and listing the built-in names.
 */
export function assertValidTheme(theme: unknown, path = 'options.theme'): asserts theme is ThemeName | ThemeData | undefined {
  if (theme === undefined) return
  if (typeof theme === 'string') {
    if ((THEME_NAMES as readonly string[]).includes(theme)) return
    throw CableValidationError.forField(path, `unknown theme ${describe(theme)}; known: ${THEME_NAMES.join(', ')}`, THEME_NAMES)
  }
  if (typeof theme !== 'object' || theme === null || Array.isArray(theme)) {
    throw CableValidationError.forField(path, `expected a theme name or a theme object, got ${describe(theme)}`, THEME_NAMES)
  }
  const data = theme as Partial<Record<keyof ThemeData, unknown>>
  if (typeof data.name !== 'string' || data.name === '') {
    throw CableValidationError.forField(`${path}.name`, `a theme needs a non-empty string \`name\`, got ${describe(data.name)}`)
  }
  const page = data.page as { size?: unknown; margins?: unknown } | undefined
  if (typeof page !== 'object' || page === null) {
    throw CableValidationError.forField(`${path}.page`, `a theme needs a \`page\` ({ size, margins }), got ${describe(page)}`)
  }
  if (typeof page.size !== 'string' || !PAGE_SIZE_NAMES.includes(page.size)) {
    throw CableValidationError.forField(`${path}.page.size`, `expected one of ${PAGE_SIZE_NAMES.join(', ')}, got ${describe(page.size)}`, PAGE_SIZE_NAMES)
  }
  const margins = page.margins as Record<string, unknown> | undefined
  for (const side of ['top', 'right', 'bottom', 'left']) {
    const value = typeof margins === 'object' && margins !== null ? margins[side] : undefined
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw CableValidationError.forField(`${path}.page.margins.${side}`, `a margin is a finite number of points, not ${describe(value)}`)
    }
  }
  for (const part of ['fonts', 'sizes', 'colors', 'text', 'labels'] as const) {
    const value = data[part]
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw CableValidationError.forField(`${path}.${part}`, `a theme needs \`${part}\` (see ThemeData), got ${describe(value)}`)
    }
  }
}

/**
 * What `toPdf`, `toDocx` and `toHtml` check before anything is laid out: the
 * cable against the model ({@link assertValidCable}), the options object, and
 * its theme. Bad input rejects with one typed error that names the field,
 * never a `TypeError` from deep inside a writer.
 *
 * @param cable The value given as the cable.
 * @param options The writer's options, if any.
 * @param at Where the cable sits in a larger value (`cables[3]`), prepended to every path.
 * @throws CableValidationError
 * @example assertRenderable({}, {}) // throws: `body`: …
 */
export function assertRenderable(cable: unknown, options: unknown, at?: string): asserts cable is Cable {
  if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options))) {
    throw CableValidationError.forField('options', `expected an options object, got ${describe(options)}`)
  }
  assertValidCable(cable, at ? { at } : {})
  assertValidTheme((options as { theme?: unknown } | undefined)?.theme)
}
