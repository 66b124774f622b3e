import { processIo } from './io.js'
import { run } from './program.js'

export { run } from './program.js'
export { CliError, EXIT } from './errors.js'
export type { CliIo } from './io.js'

/** Entry point of the `cablekit` bin: runs with the process's streams and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  return run(argv, processIo())
}
