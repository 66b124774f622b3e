import { readdir, stat } from 'node:fs/promises'
import { dirname, extname, join, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Command } from 'commander'
import { InvalidArgumentError } from 'commander'
import { VFile } from 'vfile'
import { hasErrors, report } from '@cablekit/core'
import type { SourceFormat } from '@cablekit/core'
import { THEME_NAMES } from '@cablekit/render'
import type { ThemeData } from '@cablekit/render'
import { printDiagnostics } from '../diagnostics.js'
import { CliError, EXIT } from '../errors.js'
import type { CliIo } from '../io.js'
import { formatOption, formatsOption } from '../options.js'
import { renderSource } from '../render-source.js'
import { outputStem } from '../output-names.js'
import type { RenderFormat } from '../render-source.js'
import { writeAtomic } from '../write-atomic.js'
import { InputGuard } from '../input-guard.js'
import { readFailure, readSourceFile } from '../read-source-file.js'
import { addRedactionOptions, redactOptionsFrom, scrubberFor, scrubDiagnostics } from '../redaction-options.js'
import type { RedactionFlags } from '../redaction-options.js'

/** Extensions read when a folder is given. */
const SOURCE_EXTENSIONS = new Set(['.md', '.markdown', '.txt', '.json'])

interface RenderCommandOptions extends RedactionFlags {
  output: string
  to: RenderFormat[]
  theme?: string
  finish?: 'clean' | 'scan'
  tagged?: boolean
  pdfa?: boolean
  jsonToo?: boolean
  from?: SourceFormat
  fix?: boolean
  annotate?: boolean
}

function finishOption(value: string): 'clean' | 'scan' {
  if (value !== 'clean' && value !== 'scan') throw new InvalidArgumentError('expected clean or scan')
  return value
}

/**
 * `cablekit render <files or folders…> -o DIR [--to pdf,docx] [--theme NAME]`:
 * one output per cable, named after its input (`NAME.pdf`, or `NAME-1.pdf`,
 * `NAME-2.pdf`… for a file of several cables). Folders are walked for .md,
 * .txt and .json files and mirrored under DIR. Each file is written
 * atomically; a bad file gets its diagnostics and the others still render.
 * `--theme` takes a built-in name or the path of a JavaScript module whose
 * default export (or `theme` export) is a ThemeData.
 */
export function registerRender(program: Command, io: CliIo, done: (code: number) => void): void {
  const command = program
    .command('render')
    .description('render cables as facsimile PDF (and DOCX) files')
    .argument('<inputs...>', 'source files (.md, .txt, .json) or folders of them')
    .requiredOption('-o, --output <dir>', 'output folder')
    .option('--to <formats>', 'output formats, comma-separated: pdf, docx, html', formatsOption, ['pdf'] as RenderFormat[])
    .option('--theme <name|path>', `theme: ${THEME_NAMES.join(', ')}, or a module exporting a ThemeData (default: each cable's family)`)
    .option('--finish <finish>', 'PDF finish: clean or scan', finishOption)
    .option('--tagged', 'write tagged (accessible) PDF')
    .option('--pdfa', 'write PDF/A-3b')
    .option('--json-too', 'also write each cable as NAME.json')
    .option('--from <format>', 'force the source format: markdown, text or json', formatOption)
    .option('--fix', 'apply suggested OCR fixes before rendering')
    .option('--annotate', 'print the OCR fixes recorded by `--fix` as editor’s notes (N.d.E.)')
  addRedactionOptions(command)
  command.action(async (inputs: string[], options: RenderCommandOptions) => {
      const theme = await loadTheme(options.theme, io.cwd)
      const redactOptions = await redactOptionsFrom(options, io.cwd)
      // File and folder names are published too: what the rules match goes from them.
      const scrub = redactOptions ? await scrubberFor(redactOptions) : (text: string) => text
      const outDir = resolve(io.cwd, options.output)
      const sources = await collectSources(inputs, io.cwd)
      const files: VFile[] = []
      const written = new Map<string, string>()
      const guard = new InputGuard()
      for (const source of sources) if (!source.error) await guard.add(source.path)
      let failed = false
      for (const source of sources) {
        if (source.error) {
          const file = new VFile({ path: source.display })
          report(file, 'error', 'unreadable', source.error, { line: 1, column: 1 })
          files.push(file)
          failed = true
          continue
        }
        let bytes: Uint8Array
        try {
          bytes = readSourceFile(source.path)
        } catch (error) {
          const file = new VFile({ path: source.display })
          report(file, 'error', 'unreadable', readFailure(error), { line: 1, column: 1 })
          files.push(file)
          failed = true
          continue
        }
        const { file, outputs } = await renderSource(bytes, source.display, {
          to: options.to,
          ...(theme !== undefined ? { theme } : {}),
          ...(options.finish ? { finish: options.finish } : {}),
          ...(options.tagged ? { tagged: true } : {}),
          ...(options.pdfa ? { pdfa: true } : {}),
          ...(options.jsonToo ? { json: true } : {}),
          ...(options.annotate ? { annotate: true } : {}),
          ...(redactOptions ? { redact: redactOptions } : {}),
          parse: { ...(options.from ? { from: options.from } : {}), fix: options.fix === true },
          env: io.env,
        })
        files.push(file)
        if (hasErrors(file) || outputs.length === 0) failed = true
        const clashes = new Map<string, string[]>()
        for (const output of outputs) {
          const target = join(outDir, scrub(source.folder), output.name)
          const previous = written.get(target)
          if (previous !== undefined) {
            // Two inputs (a.md and a.txt) would write the same output: keep the first, never overwrite silently.
            clashes.set(previous, [...(clashes.get(previous) ?? []), relative(io.cwd, target) || target])
            continue
          }
          if (await guard.clobbers(target)) {
            report(file, 'error', 'would-overwrite-input', `${relative(io.cwd, target) || target} is one of the inputs: it is not overwritten; write to another folder (-o)`, { line: 1, column: 1 })
            failed = true
            continue
          }
          try {
            await writeAtomic(target, output.bytes)
          } catch (error) {
            report(file, 'error', 'write-failed', `cannot write ${relative(io.cwd, target)} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { line: 1, column: 1 })
            failed = true
            continue
          }
          written.set(target, source.display)
          io.stdout.write(`${relative(io.cwd, target) || target}\n`)
        }
        for (const [previous, targets] of clashes) {
          const list = targets.join(', ')
          if (previous === source.display) {
            // The same file named twice (or a file and its folder): one rendering is enough.
            report(file, 'warning', 'output-clash', `${source.display} is given more than once; ${list} written once`, { line: 1, column: 1 })
            continue
          }
          report(file, 'error', 'output-clash', `${source.display} and ${previous} would both write ${list}: kept the output of ${previous}, skipped that of ${source.display}; rename one of the inputs or render them to different folders`, { line: 1, column: 1 })
          failed = true
        }
      }
      if (redactOptions) for (const file of files) scrubDiagnostics(file, scrub)
      printDiagnostics(files, io)
      done(failed ? EXIT.failed : EXIT.ok)
    })
}

interface SourceEntry {
  path: string
  display: string
  /** Sub-folder under the output folder (mirrors the input folder). */
  folder: string
  error?: string
}

async function collectSources(inputs: string[], cwd: string): Promise<SourceEntry[]> {
  const entries: SourceEntry[] = []
  for (const input of inputs) {
    const path = resolve(cwd, input)
    const display = relative(cwd, path) || input
    let info
    try {
      info = await stat(path)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      entries.push({ path, display, folder: '', error: code === 'ENOENT' ? 'no such file or folder' : `cannot read (${code ?? (error as Error).message})` })
      continue
    }
    if (!info.isDirectory()) {
      entries.push({ path, display, folder: '' })
      continue
    }
    for (const file of await walk(path)) {
      entries.push({ path: file, display: relative(cwd, file) || file, folder: relative(path, dirname(file)) })
    }
  }
  return entries
}

/** Source files under `root`, sorted, skipping hidden entries (deterministic order). */
async function walk(root: string): Promise<string[]> {
  const found: string[] = []
  const entries = (await readdir(root, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue
    const path = join(root, entry.name)
    if (entry.isDirectory()) found.push(...(await walk(path)))
    else if (entry.isFile() && SOURCE_EXTENSIONS.has(extname(entry.name).toLowerCase()) && outputStem(entry.name) !== '') found.push(path)
  }
  return found
}

/** A built-in theme name, or a module path whose default (or `theme`) export is a ThemeData. */
async function loadTheme(value: string | undefined, cwd: string): Promise<string | ThemeData | undefined> {
  if (value === undefined) return undefined
  if ((THEME_NAMES as readonly string[]).includes(value)) return value
  if (!/[\\/]|\.(m?js|ts)$/.test(value)) throw new CliError(`unknown theme "${value}": expected one of ${THEME_NAMES.join(', ')}, or the path of a theme module`, EXIT.usage)
  let module: Record<string, unknown>
  try {
    module = (await import(pathToFileURL(resolve(cwd, value)).href)) as Record<string, unknown>
  } catch (error) {
    throw new CliError(`cannot load the theme module ${value}: ${(error as Error).message}`, EXIT.usage)
  }
  const theme = (module['default'] ?? module['theme']) as Partial<ThemeData> | undefined
  const missing = ['name', 'page', 'fonts', 'sizes', 'colors', 'text', 'labels'].filter((key) => !theme || typeof theme !== 'object' || !(key in theme))
  if (missing.length > 0) throw new CliError(`the theme module ${value} does not export a theme (missing: ${missing.join(', ')})`, EXIT.usage)
  return theme as ThemeData
}
