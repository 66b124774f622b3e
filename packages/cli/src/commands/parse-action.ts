import { hasErrors, toJson } from '@cablekit/core'
import { printDiagnostics } from '../diagnostics.js'
import { EXIT } from '../errors.js'
import type { CliIo } from '../io.js'
import { readInputs } from '../read-inputs.js'
import { scanFlagsFrom } from '../scan-options.js'
import type { ParseFlags } from './parse.js'

/** Run `cablekit parse`: print the cables of all `files` as one JSON array and resolve to the exit code. */
export async function parseAction(files: string[], options: ParseFlags, io: CliIo): Promise<number> {
  const scan = { scan: scanFlagsFrom(options), progress: (line: string) => io.stderr.write(`${line}\n`) }
  const results = await readInputs(files, io.cwd, { ...(options.from ? { from: options.from } : {}), fix: options.fix === true }, scan)
  const cables = results.flatMap((result) => result.cables)
  io.stdout.write(toJson(cables, { positions: options.positions === true }))
  printDiagnostics(
    results.map((result) => result.file),
    io,
  )
  return results.some((result) => hasErrors(result.file) || result.cables.length === 0) ? EXIT.failed : EXIT.ok
}
