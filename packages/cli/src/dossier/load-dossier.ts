import { readFile } from 'node:fs/promises'
import { dirname, relative, resolve } from 'node:path'
import { VFile } from 'vfile'
import { parseFrontMatter, report } from '@cablekit/core'
import type { RedactOptions } from '@cablekit/core'
import { THEME_NAMES } from '@cablekit/render/themes'
import type { DossierOrder, ThemeName } from '@cablekit/render'
import { expandGlobs } from './expand-globs.js'

/** Largest `dossier.yml` read: it lists files, it does not hold them. */
const MAX_DOSSIER_FILE = 1024 * 1024

/** What a `dossier.yml` says, with its cable paths resolved and globs expanded. */
export interface DossierFile {
  title?: string
  subtitle?: string
  editor?: string
  date?: string
  lang?: string
  introduction?: string
  /** Cable files, in the order listed (globs sorted), each with its own theme when given. */
  cables: { path: string; theme?: ThemeName }[]
  order?: DossierOrder
  theme?: ThemeName
  duplex?: boolean
  index?: boolean
  annotate?: boolean
  redact?: RedactOptions
}

const KEYS = ['title', 'subtitle', 'editor', 'date', 'lang', 'introduction', 'cables', 'order', 'theme', 'duplex', 'index', 'annotate', 'redact', 'options']
const ORDERS: DossierOrder[] = ['listed', 'date', 'reference']

/**
 * Read a `dossier.yml`: YAML read the safe way front matter is (depth checked
 * first, every scalar a string, aliases bounded, duplicate keys refused), then
 * checked key by key. Each problem is a diagnostic at its line and column on
 * the returned vfile; the dossier is `undefined` after an error.
 *
 * @example const { dossier, file } = await loadDossier('books/dossier.yml', process.cwd())
 */
export async function loadDossier(path: string, cwd: string): Promise<{ dossier?: DossierFile; file: VFile }> {
  const absolute = resolve(cwd, path)
  const file = new VFile({ path: relative(cwd, absolute) || path })
  let text: string
  try {
    const bytes = await readFile(absolute)
    if (bytes.length > MAX_DOSSIER_FILE) {
      report(file, 'error', 'too-large', `the dossier file is larger than ${MAX_DOSSIER_FILE / 1024} KB`, { line: 1, column: 1 })
      return { file }
    }
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    report(
      file,
      'error',
      code ? 'unreadable' : 'bad-encoding',
      code === 'ENOENT' ? 'no such file' : code ? `cannot read the file (${code})` : 'the dossier file is not UTF-8',
      { line: 1, column: 1 },
    )
    return { file }
  }
  file.value = text
  const parsed = parseFrontMatter({ yaml: text, startLine: 1, bodyLine: text.split('\n').length + 1 }, file)
  if (!parsed) return { file }
  const { record, locate } = parsed
  const error = (keyPath: (string | number)[], message: string) => report(file, 'error', 'bad-dossier', message, locate(keyPath))
  for (const key of Object.keys(record)) {
    if (!KEYS.includes(key)) report(file, 'warning', 'unknown-key', `unknown key \`${key}\` is ignored; known: ${KEYS.join(', ')}`, locate([key]))
  }
  // `options:` may hold the presentation keys too, as the example writes them.
  const options = isRecord(record['options']) ? record['options'] : {}
  const get = (key: string): unknown => record[key] ?? options[key]
  const where = (key: string) => (record[key] !== undefined ? [key] : ['options', key])
  const text_ = (key: string): string | undefined => {
    const value = get(key)
    if (value === undefined) return undefined
    if (typeof value !== 'string' || value.trim() === '') {
      error(where(key), `\`${key}\` must be text`)
      return undefined
    }
    return value
  }
  const flag = (key: string): boolean | undefined => {
    const value = get(key)
    if (value === undefined) return undefined
    if (value === 'true' || value === 'yes') return true
    if (value === 'false' || value === 'no') return false
    error(where(key), `\`${key}\` must be true or false`)
    return undefined
  }
  const dossier: DossierFile = { cables: [] }
  for (const key of ['title', 'subtitle', 'editor', 'date', 'lang', 'introduction'] as const) {
    const value = text_(key)
    if (value !== undefined) dossier[key] = value
  }
  if (dossier.date !== undefined && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(dossier.date)) error(where('date'), '`date` must be an ISO 8601 date such as 2026-11-01')
  const order = text_('order')
  if (order !== undefined) {
    if ((ORDERS as string[]).includes(order)) dossier.order = order as DossierOrder
    else error(where('order'), `\`order\` must be one of ${ORDERS.join(', ')}`)
  }
  const theme = text_('theme')
  if (theme !== undefined) {
    if ((THEME_NAMES as readonly string[]).includes(theme)) dossier.theme = theme as ThemeName
    else error(where('theme'), `unknown theme \`${theme}\`; known: ${THEME_NAMES.join(', ')}`)
  }
  for (const key of ['duplex', 'index', 'annotate'] as const) {
    const value = flag(key)
    if (value !== undefined) dossier[key] = value
  }
  const redact = get('redact')
  if (redact !== undefined) {
    if (!isRecord(redact)) error(where('redact'), '`redact` must be a mapping with `match`, `regex`, `fields` and `reason`')
    else {
      const list = (key: string): string[] | undefined => {
        const value = redact[key]
        if (value === undefined) return undefined
        const items = typeof value === 'string' ? [value] : value
        if (!Array.isArray(items) || !items.every((item) => typeof item === 'string')) {
          error([...where('redact'), key], `\`redact.${key}\` must be a list of texts`)
          return undefined
        }
        return items as string[]
      }
      const match = list('match')
      const regex = list('regex')
      const fields = list('fields')
      const reason = redact['reason']
      dossier.redact = {
        ...(match ? { match } : {}),
        ...(regex ? { regex } : {}),
        ...(fields ? { fields } : {}),
        ...(typeof reason === 'string' ? { reason } : {}),
      }
    }
  }
  const cables = record['cables']
  if (!Array.isArray(cables) || cables.length === 0) {
    error(['cables'], '`cables` must list the cable files (paths or globs, relative to the dossier file)')
  } else {
    const base = dirname(absolute)
    for (const [index, item] of cables.entries()) {
      const entry = typeof item === 'string' ? { file: item } : isRecord(item) ? item : undefined
      const pattern = entry?.['file']
      if (typeof pattern !== 'string' || pattern.trim() === '') {
        error(['cables', index], 'each cable is a path, a glob, or `{ file: path, theme: name }`')
        continue
      }
      const entryTheme = entry?.['theme']
      if (entryTheme !== undefined && !(THEME_NAMES as readonly string[]).includes(String(entryTheme))) {
        error(['cables', index, 'theme'], `unknown theme \`${String(entryTheme)}\`; known: ${THEME_NAMES.join(', ')}`)
        continue
      }
      const paths = await expandGlobs(pattern, base)
      if (paths.length === 0) {
        error(['cables', index], `\`${pattern}\` matches no file`)
        continue
      }
      for (const found of paths) dossier.cables.push({ path: relative(cwd, found) || found, ...(entryTheme ? { theme: entryTheme as ThemeName } : {}) })
    }
  }
  return file.messages.some((message) => message.fatal) ? { file } : { dossier, file }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
