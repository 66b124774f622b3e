import type { CliIo } from './io.js'
import { registerParse } from './commands/parse.js'
import { registerRender } from './commands/render.js'
import { registerConvert } from './commands/convert.js'
import { registerBatch } from './commands/batch.js'
import { registerManifest } from './commands/manifest.js'
import { registerRedact } from './commands/redact.js'
import { runProgram } from './run-program.js'
import type { Registration } from './run-program.js'

/**
 * The commands, in the order `cablekit --help` lists them. Registering one
 * declares its options only; what it runs is imported when it runs. Dossier's
 * module is imported only when it may be needed (its own command, or the
 * program's help), as it is the one that loads the book renderers.
 */
const COMMANDS: readonly { name: string; load: () => Registration | Promise<Registration> }[] = [
  { name: 'parse', load: () => registerParse },
  { name: 'render', load: () => registerRender },
  { name: 'convert', load: () => registerConvert },
  { name: 'batch', load: () => registerBatch },
  { name: 'manifest', load: () => registerManifest },
  { name: 'redact', load: () => registerRedact },
  { name: 'dossier', load: async () => (await import('./commands/dossier.js')).registerDossier },
]

/**
 * Run the `cablekit` command with `argv` (without `node` and the script) and
 * resolve to its exit code: 0 success, 1 when an input failed, 2 on a usage
 * error. Never throws: unexpected failures are printed as one line.
 */
export async function run(argv: string[], io: CliIo): Promise<number> {
  // `cablekit parse …` needs only parse: a subcommand's help, errors and
  // options never mention its siblings. Anything else (`--help`, `help render`,
  // a mistyped name commander suggests a command for) gets them all.
  const named = COMMANDS.filter((command) => command.name === argv[0])
  const registrations: Registration[] = []
  for (const command of named.length > 0 ? named : COMMANDS) registrations.push(await command.load())
  return runProgram(argv, io, registrations)
}
