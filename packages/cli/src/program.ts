import { Command, CommanderError } from 'commander'
import { createRequire } from 'node:module'
import { CliError, EXIT } from './errors.js'
import type { CliIo } from './io.js'
import { registerParse } from './commands/parse.js'
import { registerRender } from './commands/render.js'
import { registerConvert } from './commands/convert.js'
import { registerBatch } from './commands/batch.js'
import { registerManifest } from './commands/manifest.js'
import { registerRedact } from './commands/redact.js'
import { registerDossier } from './commands/dossier.js'

const require = createRequire(import.meta.url)
const { version } = require('../package.json') as { version: string }

/**
 * Run the `cablekit` command with `argv` (without `node` and the script) and
 * resolve to its exit code: 0 success, 1 when an input failed, 2 on a usage
 * error. Never throws: unexpected failures are printed as one line.
 */
export async function run(argv: string[], io: CliIo): Promise<number> {
  let code: number = EXIT.ok
  const done = (value: number) => {
    code = Math.max(code, value)
  }
  const program = new Command('cablekit')
    .description('Typed model, ingestion and facsimile rendering of diplomatic cables.')
    .version(version, '-v, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(run `cablekit --help` for usage)')
  registerParse(program, io, done)
  registerRender(program, io, done)
  registerConvert(program, io, done)
  registerBatch(program, io, done)
  registerManifest(program, io, done)
  registerRedact(program, io, done)
  registerDossier(program, io, done)
  try {
    await program.parseAsync(argv, { from: 'user' })
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok
      return EXIT.usage
    }
    if (error instanceof CliError) {
      io.stderr.write(`cablekit: ${error.message}\n`)
      return error.exitCode
    }
    io.stderr.write(`cablekit: internal error: ${(error as Error).message ?? String(error)}\n`)
    return EXIT.failed
  }
  return code
}
