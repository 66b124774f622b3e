/** Exit codes of the `cablekit` command. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const

/** An error the CLI reports as one line (no stack trace) and exits with. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failed,
  ) {
    super(message)
    this.name = 'CliError'
  }
}
