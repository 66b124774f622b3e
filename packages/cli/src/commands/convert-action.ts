import { randomBytes } from 'node:crypto'
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { basename, dirname, extname, join, resolve } from 'node:path'
import { hasErrors, toJson, toMarkdown } from '@cablekit/core'
import type { Cable } from '@cablekit/core'
import { printDiagnostics } from '../diagnostics.js'
import { CliError, EXIT } from '../errors.js'
import type { CliIo } from '../io.js'
import { readInputs } from '../read-inputs.js'
import { InputGuard } from '../input-guard.js'
import { scanFlagsFrom } from '../scan-options.js'
import { outFrom } from '../out-option.js'
import type { ConvertFlags, Target } from './convert.js'

/** Run `cablekit convert` (see `registerConvert`) and resolve to the exit code. */
export async function convertAction(input: string, options: ConvertFlags, io: CliIo): Promise<number> {
  const out = outFrom(options, io, 'convert', false)
  const scan = { scan: scanFlagsFrom(options), progress: (line: string) => io.stderr.write(`${line}\n`) }
  const parseOptions = { ...(options.from ? { from: options.from } : {}), fix: options.fix === true, keepRedacted: options.keepRedacted === true }
  const [result] = await readInputs([input], io.cwd, parseOptions, scan)
  printDiagnostics([result!.file], io)
  if (!result || hasErrors(result.file) || result.cables.length === 0) {
    return EXIT.failed
  }
  const output = out === undefined ? undefined : { path: resolve(io.cwd, out), directory: /[\\/]$/.test(out) }
  const guard = new InputGuard()
  await guard.add(resolve(io.cwd, input))
  const targets = await outputPaths(resolve(io.cwd, input), result.cables.length, options.to, output)
  for (const [index, cable] of result.cables.entries()) {
    const target = targets[index]!
    if (target === resolve(io.cwd, input) || (await guard.clobbers(target))) throw new CliError(`refusing to overwrite the input ${input}; pass -o`)
    await writeAtomically(target, render(cable, options.to))
    io.stdout.write(`${target}\n`)
  }
  return EXIT.ok
}

function render(cable: Cable, to: Target): string {
  return to === 'md' ? toMarkdown(cable) : toJson(cable)
}

/** Where each cable goes: `NAME.ext`, or `NAME-1.ext`… in the chosen directory, or the file `-o` names. */
async function outputPaths(input: string, count: number, to: Target, output: { path: string; directory: boolean } | undefined): Promise<string[]> {
  const extension = `.${to}`
  let directory = dirname(input)
  let name = basename(input, extname(input))
  if (output !== undefined) {
    const isDirectory =
      output.directory ||
      (await stat(output.path).then(
        (entry) => entry.isDirectory(),
        () => false,
      ))
    if (isDirectory) directory = output.path
    else {
      directory = dirname(output.path)
      name = basename(output.path, extname(output.path))
      if (count === 1) {
        await mkdir(directory, { recursive: true })
        return [output.path]
      }
    }
  }
  await mkdir(directory, { recursive: true })
  if (count === 1) return [join(directory, `${name}${extension}`)]
  return Array.from({ length: count }, (_, index) => join(directory, `${name}-${index + 1}${extension}`))
}

/** Write through a temporary file in the same directory, then rename: readers never see half a file. */
async function writeAtomically(target: string, content: string): Promise<void> {
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  try {
    await writeFile(temporary, content, 'utf8')
    await rename(temporary, target)
  } catch (error) {
    await rm(temporary, { force: true })
    throw new CliError(`cannot write ${target}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
}
