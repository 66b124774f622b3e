import type { CliIo } from './io.js'
import { registerParse } from './commands/parse.js'
import { registerRender } from './commands/render.js'
import { registerConvert } from './commands/convert.js'
import { registerBatch } from './commands/batch.js'
import { registerManifest } from './commands/manifest.js'
import { registerRedact } from './commands/redact.js'
import { registerDossier } from './commands/dossier.js'
import { runProgram } from './run-program.js'

/**
 * Run the `cablekit` command with `argv` (without `node` and the script) and
 * resolve to its exit code: 0 success, 1 when an input failed, 2 on a usage
 * error. Never throws: unexpected failures are printed as one line.
 */
export async function run(argv: string[], io: CliIo): Promise<number> {
  return runProgram(argv, io, [registerParse, registerRender, registerConvert, registerBatch, registerManifest, registerRedact, registerDossier])
}
