import type { Command } from 'commander'
import type { SourceFormat } from '@cablekit/core'
import { CliError, EXIT } from '../errors.js'
import type { CliIo } from '../io.js'
import { formatOption } from '../options.js'
import { addRedactionOptions } from '../redaction-options.js'
import type { RedactionFlags } from '../redaction-options.js'

/** The options `cablekit redact` takes. */
export interface RedactCommandOptions extends RedactionFlags {
  log?: string
  out: string
  to: 'md' | 'json'
  from?: SourceFormat
}

/**
 * `cablekit redact --match TEXT|--regex RE|--field F <files…> -o DIR`: read
 * cables in any format, redact them on the model and write canonical
 * Markdown (or JSON) into DIR, with the redaction log written apart. The
 * redaction and the writers load when the command runs (`redact-action.ts`).
 */
export function registerRedact(program: Command, io: CliIo, done: (code: number) => void): void {
  const command = program
    .command('redact')
    .description('redact texts, patterns or fields from cables in any format and write them as canonical Markdown or JSON, with a redaction log kept apart')
    .argument('<files...>', 'source files (.md, .txt, .json)')
    .requiredOption('-o, --out <dir>', 'folder to write the redacted cables into')
  addRedactionOptions(command, { key: true })
  command
    .option('--log <file>', 'where to write the redaction log (default: DIR.redaction-log.json, beside the folder, never inside)')
    .option(
      '--to <format>',
      'output format: md or json',
      (value: string) => {
        if (value !== 'md' && value !== 'json') throw new CliError('`--to` expects md or json', EXIT.usage)
        return value
      },
      'md',
    )
    .option('--from <format>', 'force the source format: markdown, text or json', formatOption)
    .action(async (files: string[], options: RedactCommandOptions) => {
      const { redactAction } = await import('./redact-action.js')
      done(await redactAction(files, options, io))
    })
}
