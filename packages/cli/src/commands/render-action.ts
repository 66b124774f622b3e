import { stat } from 'node:fs/promises'
import { dirname, join, relative, resolve } from 'node:path'
import { VFile } from 'vfile'
import { hasErrors, report } from '@cablekit/core'
import { printDiagnostics } from '../diagnostics.js'
import { EXIT } from '../errors.js'
import type { CliIo } from '../io.js'
import { renderSource } from '../render-source.js'
import { outputStem } from '../output-names.js'
import { renderFlagsFrom } from '../render-flags.js'
import { loadThemeModule } from '../load-theme-module.js'
import { outFrom } from '../out-option.js'
import { planWalk, walkInputs } from '../batch/walk-inputs.js'
import { writeAtomic } from '../write-atomic.js'
import { InputGuard } from '../input-guard.js'
import { readFailure, readSourceFile } from '../read-source-file.js'
import { redactOptionsFrom, scrubberFor, scrubDiagnostics } from '../redaction-options.js'
import { scanFlagsFrom } from '../scan-options.js'
import type { RenderCommandOptions } from './render.js'

/** Run `cablekit render` (see `registerRender`) and resolve to the exit code. */
export async function renderAction(inputs: string[], options: RenderCommandOptions, io: CliIo): Promise<number> {
  const output = outFrom(options, io, 'render', true)
  const { theme: choice, parse, ...rendering } = renderFlagsFrom(options, io.cwd, 'render')
  const theme = choice === undefined ? undefined : 'name' in choice ? choice.name : await loadThemeModule(choice.module, options.theme)
  const redactOptions = await redactOptionsFrom(options, io.cwd)
  // File and folder names are published too: what the rules match goes from them.
  const scrub = redactOptions ? await scrubberFor(redactOptions) : (text: string) => text
  const outDir = resolve(io.cwd, output)
  const sources = await collectSources(inputs, io.cwd, outDir)
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
    const { file, outputs, skipped } = await renderSource(bytes, source.display, {
      to: options.to,
      ...(theme !== undefined ? { theme } : {}),
      ...rendering,
      ...(redactOptions ? { redact: redactOptions } : {}),
      // A README or a job definition beside the cables of a folder is not a failure; a file named on the command line still is.
      ...(source.walked ? { skipNonCables: true } : {}),
      parse,
      scan: scanFlagsFrom(options),
      progress: (line: string) => io.stderr.write(`${line}\n`),
      env: io.env,
    })
    files.push(file)
    if (skipped) continue
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
        report(
          file,
          'error',
          'would-overwrite-input',
          `${relative(io.cwd, target) || target} is one of the inputs: it is not overwritten; write to another folder (-o)`,
          { line: 1, column: 1 },
        )
        failed = true
        continue
      }
      try {
        await writeAtomic(target, output.bytes)
      } catch (error) {
        report(
          file,
          'error',
          'write-failed',
          `cannot write ${relative(io.cwd, target)} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
          { line: 1, column: 1 },
        )
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
      report(
        file,
        'error',
        'output-clash',
        `${source.display} and ${previous} would both write ${list}: kept the output of ${previous}, skipped that of ${source.display}; rename one of the inputs or render them to different folders`,
        { line: 1, column: 1 },
      )
      failed = true
    }
  }
  if (redactOptions) for (const file of files) scrubDiagnostics(file, scrub)
  printDiagnostics(files, io)
  return failed ? EXIT.failed : EXIT.ok
}

interface SourceEntry {
  path: string
  display: string
  /** Sub-folder under the output folder (mirrors the input folder). */
  folder: string
  /** Found in a folder walk, not named on the command line. */
  walked?: true
  error?: string
}

/** The files to render: those named, and those of each folder as `batch` walks it (never the output folder). */
async function collectSources(inputs: string[], cwd: string, outDir: string): Promise<SourceEntry[]> {
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
    for await (const entry of walkInputs(await planWalk([path], cwd, [outDir]))) {
      const file = entry.absolute
      const display = relative(cwd, file) || file
      if (entry.kind === 'unreadable') entries.push({ path: file, display, folder: '', error: entry.reason ?? 'cannot read' })
      // Duplicates stay: the output-clash check below names both inputs, as it always has.
      else if ((entry.kind === 'input' || entry.kind === 'duplicate') && outputStem(file) !== '') {
        entries.push({ path: file, display, folder: relative(path, dirname(file)), walked: true })
      }
    }
  }
  return entries
}
