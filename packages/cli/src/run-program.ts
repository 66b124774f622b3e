import { Command, CommanderError } from 'commander'
import { createRequire } from 'node:module'
import { CliError, EXIT } from './errors.js'
import type { CliIo } from './io.js'

const require = createRequire(import.meta.url)
const { version } = require('../package.json') as { version: string }

/** Adds one command to the program; `done(code)` records its exit code. */
export type Registration = (program: Command, io: CliIo, done: (code: number) => void) => void

/**
 * Run a `cablekit` program made of `registrations` with `argv` (without
 * `node` and the script) and resolve to its exit code: 0 success, 1 when an
 * input failed, 2 on a usage error. Never throws: unexpected failures are
 * printed as one line.
 */
export async function runProgram(argv: string[], io: CliIo, registrations: readonly Registration[]): Promise<number> {
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
  for (const register of registrations) register(program, io, done)
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
