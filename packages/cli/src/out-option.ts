import type { Command } from 'commander'
import { Option } from 'commander'
import { CliError, EXIT } from './errors.js'
import type { CliIo } from './io.js'

/** A command's parsed `-o, --out` and its deprecated spelling `--output`. */
export interface OutFlags {
  out?: string
  output?: string
}

/**
 * Declare `-o, --out <placeholder>`, the output option every writing command
 * spells the same way, with `--output` kept working for scripts written
 * against older `render` and `convert`, hidden from the help.
 *
 * @param command the command.
 * @param placeholder `dir`, `path`…
 * @param description what the output is.
 * @returns the command.
 */
export function addOutOption(command: Command, placeholder: string, description: string): Command {
  return command
    .addOption(new Option(`-o, --out <${placeholder}>`, description))
    .addOption(new Option(`--output <${placeholder}>`, 'deprecated spelling of --out').hideHelp())
}

/**
 * The output path of {@link addOutOption}'s flags; `--output` gets a
 * deprecation warning on stderr.
 *
 * @param flags the parsed flags.
 * @param io where the warning goes.
 * @param command the command's name, for the messages.
 * @param required whether the command needs an output (`render` does, `convert` writes beside the input without one).
 * @throws {CliError} (exit 2) when a required output is missing, or when both spellings disagree.
 */
export function outFrom(flags: OutFlags, io: CliIo, command: string, required: true): string
export function outFrom(flags: OutFlags, io: CliIo, command: string, required: false): string | undefined
export function outFrom(flags: OutFlags, io: CliIo, command: string, required: boolean): string | undefined {
  if (flags.output !== undefined) {
    io.stderr.write(`cablekit ${command}: warning: --output is deprecated, write -o or --out\n`)
    if (flags.out !== undefined && flags.out !== flags.output) {
      throw new CliError(`give the output once: --out ${flags.out} and --output ${flags.output} differ`, EXIT.usage)
    }
  }
  const out = flags.out ?? flags.output
  if (out === undefined && required) throw new CliError(`${command}: required option '-o, --out' not specified`, EXIT.usage)
  return out
}
