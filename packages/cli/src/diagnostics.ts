import { reporter } from 'vfile-reporter'
import type { VFile } from 'vfile'
import type { CliIo } from './io.js'

/** Print the diagnostics of `files` on stderr, vfile-reporter style; nothing when there are none. */
export function printDiagnostics(files: VFile[], io: CliIo, options: { quiet?: boolean } = {}): void {
  const withMessages = files.filter((file) => file.messages.length > 0)
  if (withMessages.length === 0) return
  const text = reporter(withMessages, { quiet: options.quiet ?? false, color: Boolean(io.stderr.isTTY) && !io.env['NO_COLOR'] })
  if (text) io.stderr.write(`${text}\n`)
}
