import { readFileSync } from 'node:fs'
import { extname, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ThemeData } from '@cablekit/render'
// The light subpath: the batch's parent resolves `--theme` without loading the renderers.
import { THEME_NAMES } from '@cablekit/render/themes'
import { CliError, EXIT } from './errors.js'

/** A `--theme` value once resolved: a built-in name, or the absolute path of a theme module. */
export type ThemeChoice = { name: string } | { module: string }

/** The keys a theme module's export must have to be taken as a theme. */
const THEME_KEYS = ['name', 'page', 'fonts', 'sizes', 'colors', 'text', 'labels'] as const

/**
 * Tell a built-in theme name from a module path, without importing anything:
 * the batch's parent only hashes the module, its workers import it. A path
 * that does not exist is a usage error here, before any work starts; so is,
 * with `workers`, a TypeScript module the batch's workers could not import
 * (they are started without the parent's `--import` loaders).
 *
 * @param value the `--theme` value.
 * @param cwd the folder a relative path is taken from.
 * @param options `workers`: the module is imported by batch workers.
 * @throws {CliError} (exit 2) for an unknown name, a missing module or a `.ts` module the workers cannot load.
 * @example resolveThemeChoice('examples/themes/archive-theme.mjs', process.cwd()) // { module: '/…/archive-theme.mjs' }
 */
export function resolveThemeChoice(value: string, cwd: string, options: { workers?: boolean } = {}): ThemeChoice {
  if ((THEME_NAMES as readonly string[]).includes(value)) return { name: value }
  if (!/[\\/]|\.([cm]?js|[cm]?ts)$/.test(value)) {
    throw new CliError(`unknown theme "${value}": expected one of ${THEME_NAMES.join(', ')}, or the path of a theme module (.mjs, .js)`, EXIT.usage)
  }
  const path = resolve(cwd, value)
  try {
    readFileSync(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'no such file' : `cannot read it (${code ?? (error as Error).message})`
    throw new CliError(`cannot load the theme module ${value}: ${why}`, EXIT.usage)
  }
  if (options.workers && isTypeScript(path) && !workersImportTypeScript()) throw new CliError(typeScriptAdvice(value), EXIT.usage)
  return { module: path }
}

/**
 * Import a theme module and check its default (or `theme`) export: a `Theme`
 * (usually a built-in one spread, as `examples/themes/archive-theme.mjs`) or
 * plain `ThemeData`, which then draws with the parts of the built-in theme of
 * its name, else `sobre`'s.
 *
 * @param path the module's absolute path (from {@link resolveThemeChoice}).
 * @param shown how to name the module in errors (the path as the user gave it).
 * @throws {CliError} (exit 2) when the module cannot be imported or exports no theme.
 */
export async function loadThemeModule(path: string, shown: string = path): Promise<ThemeData> {
  let module: Record<string, unknown>
  try {
    module = (await import(pathToFileURL(path).href)) as Record<string, unknown>
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (isTypeScript(path) && (code === 'ERR_UNKNOWN_FILE_EXTENSION' || code === 'ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING')) {
      throw new CliError(typeScriptAdvice(shown), EXIT.usage)
    }
    throw new CliError(`cannot load the theme module ${shown}: ${(error as Error).message}`, EXIT.usage)
  }
  const theme = (module['default'] ?? module['theme']) as Partial<ThemeData> | undefined
  const missing = THEME_KEYS.filter((key) => !theme || typeof theme !== 'object' || !(key in theme))
  if (missing.length > 0) throw new CliError(`the theme module ${shown} does not export a theme (missing: ${missing.join(', ')})`, EXIT.usage)
  return theme as ThemeData
}

function isTypeScript(path: string): boolean {
  return /^\.[cm]?ts$/.test(extname(path).toLowerCase())
}

/**
 * Whether batch workers can import `.ts` files: Node's own type stripping
 * (22.6 and later, on by default from 23.6), a loader in `NODE_OPTIONS`
 * (which workers inherit, unlike the parent's `--import`), or cablekit run
 * from its sources, whose workers start through tsx. Node 20 has none by default.
 */
function workersImportTypeScript(): boolean {
  if ((process.features as { typescript?: unknown }).typescript) return true
  if (/\.ts$/.test(import.meta.url)) return true
  return /\btsx\b|ts-node|--experimental-strip-types|--experimental-transform-types/.test(process.env['NODE_OPTIONS'] ?? '')
}

function typeScriptAdvice(shown: string): string {
  return `cannot load the theme module ${shown}: this Node cannot import TypeScript; compile it to JavaScript (.mjs), or run with node --import tsx`
}
