import type { Command } from 'commander'
import { InvalidArgumentError, Option } from 'commander'
import type { ParseOptions, SourceFormat } from '@cablekit/core'
// The light subpath: `batch` registers these flags in a parent that never loads the renderers.
import { THEME_NAMES } from '@cablekit/render/themes'
import { resolveThemeChoice } from './load-theme-module.js'
import type { ThemeChoice } from './load-theme-module.js'
import { formatOption } from './options.js'
import type { RenderSourceOptions } from './render-source.js'

/** The commands that render, each with the shared rendering flags. */
export type RenderScope = 'render' | 'batch' | 'dossier'

/** The shared rendering flags as commander parses them. */
export interface RenderFlags {
  theme?: string
  finish?: 'clean' | 'scan'
  tagged?: boolean
  pdfa?: boolean
  jsonToo?: boolean
  from?: SourceFormat
  fix?: boolean
  annotate?: boolean
  /** `false` with `--no-embed-fonts`. */
  embedFonts?: boolean
}

/** The rendering flags turned into options: those `renderSource` takes, and the theme to resolve. */
export interface RenderFlagOptions extends Pick<RenderSourceOptions, 'finish' | 'tagged' | 'pdfa' | 'json' | 'annotate' | 'embedFonts'> {
  /** The theme: a built-in name, or a module to import (by `render`, by each batch worker, by `dossier`). */
  theme?: ThemeChoice
  /** Options of `parse`: `--from`, `--fix`. */
  parse: ParseOptions
}

const FAMILY = "(default: each cable's family)"

/**
 * Declare the rendering flags `render`, `batch` and `dossier` share, each
 * once with one description, so the three commands speak one language:
 * `--theme NAME|MODULE`, `--finish`, `--tagged`, `--pdfa`, `--json-too`,
 * `--from`, `--fix`, `--annotate` and `--no-embed-fonts`. (`--lang` comes
 * with the scan flags, `addScanOptions`.) On `dossier` the PDF flags apply to
 * a PDF book and `--no-embed-fonts` to a DOCX one.
 *
 * @param command the command to add the flags to.
 * @param options `scope`: the command (the dossier words `--json-too` for its book).
 * @returns the command.
 * @example addRenderFlags(program.command('render'), { scope: 'render' })
 */
export function addRenderFlags(command: Command, options: { scope: RenderScope }): Command {
  const dossier = options.scope === 'dossier'
  return command
    .addOption(new Option('--theme <name|module>', `theme: ${THEME_NAMES.join(', ')}, or the path of a JavaScript module exporting a theme ${FAMILY}`))
    .addOption(new Option('--finish <finish>', 'PDF finish: clean or scan').argParser(finishOption))
    .addOption(new Option('--tagged', 'write tagged (accessible) PDF'))
    .addOption(new Option('--pdfa', 'write PDF/A-3b'))
    .addOption(new Option('--json-too', dossier ? 'also write the cables as BOOK.json beside the book' : 'also write each cable as NAME.json'))
    .addOption(new Option('--from <format>', 'force the source format: markdown, text or json').argParser(formatOption))
    .addOption(new Option('--fix', 'apply suggested OCR fixes before rendering, recording each in the provenance'))
    .addOption(new Option('--annotate', 'print the OCR fixes recorded by `--fix` as editor’s notes (N.d.E.)'))
    .addOption(new Option('--no-embed-fonts', 'DOCX and HTML: name the fonts instead of embedding them (a PDF always embeds its fonts)'))
}

/**
 * The options the rendering flags stand for. The theme is only resolved
 * (name or module path), not imported: the batch's workers import it.
 *
 * @param flags the parsed flags.
 * @param cwd the folder a theme module's relative path is taken from.
 * @param scope the command (`batch` leaves a theme module for its workers to import).
 * @throws {CliError} (exit 2) for an unknown theme or a missing module.
 * @example const { theme, parse, ...render } = renderFlagsFrom(options, io.cwd, 'render')
 */
export function renderFlagsFrom(flags: RenderFlags, cwd: string, scope: RenderScope): RenderFlagOptions {
  return {
    ...(flags.theme !== undefined ? { theme: resolveThemeChoice(flags.theme, cwd, { workers: scope === 'batch' }) } : {}),
    ...(flags.finish ? { finish: flags.finish } : {}),
    ...(flags.tagged ? { tagged: true } : {}),
    ...(flags.pdfa ? { pdfa: true } : {}),
    ...(flags.jsonToo ? { json: true } : {}),
    ...(flags.annotate ? { annotate: true } : {}),
    ...(flags.embedFonts === false ? { embedFonts: false } : {}),
    parse: { ...(flags.from ? { from: flags.from } : {}), fix: flags.fix === true },
  }
}

function finishOption(value: string): 'clean' | 'scan' {
  if (value !== 'clean' && value !== 'scan') throw new InvalidArgumentError('expected clean or scan')
  return value
}
