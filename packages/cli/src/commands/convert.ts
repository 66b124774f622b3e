import type { Command } from 'commander'
import { InvalidArgumentError } from 'commander'
import type { SourceFormat } from '@cablekit/core'
import type { CliIo } from '../io.js'
import { formatOption } from '../options.js'
import { addScanOptions } from '../scan-options.js'
import type { ScanFlags } from '../scan-options.js'
import { addOutOption } from '../out-option.js'
import type { OutFlags } from '../out-option.js'

/** The formats `convert` writes. */
export type Target = 'md' | 'json'

/** The options `cablekit convert` takes. */
export type ConvertFlags = { to: Target; from?: SourceFormat; fix?: boolean; keepRedacted?: boolean } & ScanFlags & OutFlags

function targetOption(value: string): Target {
  const target = value === 'markdown' ? 'md' : value
  if (target !== 'md' && target !== 'json') throw new InvalidArgumentError('expected md or json')
  return target
}

/**
 * `cablekit convert <file> --to md|json [-o out]`: write the canonical
 * Markdown (or JSON) of every cable the file holds, so a raw archive becomes
 * clean, editable sources once. Outputs are named after the input (`NAME.md`,
 * or `NAME-1.md`, `NAME-2.md` for several cables), beside it unless `-o`
 * names a file (one cable) or a directory. Each file is written atomically.
 * The parsers load when the command runs (`convert-action.ts`).
 */
export function registerConvert(program: Command, io: CliIo, done: (code: number) => void): void {
  const command = program
    .command('convert')
    .description('write the canonical Markdown or JSON of the cables a file holds')
    .argument('<file>', 'source file (.txt, .md, .json, .pdf, .png, .jpg, .tif)')
    .requiredOption('--to <format>', 'output format: md or json', targetOption)
  addOutOption(command, 'path', 'output file (one cable) or directory (default: beside the input)')
  command
    .option('--from <format>', 'force the source format: markdown, text or json', formatOption)
    .option('--fix', 'apply suggested OCR fixes, recording each in the provenance')
    .option('--keep-redacted', 'keep the text of `:redact[…]` directives (for editing sources; by default it is dropped)')
  addScanOptions(command)
  command.action(async (input: string, options: ConvertFlags) => {
    const { convertAction } = await import('./convert-action.js')
    done(await convertAction(input, options, io))
  })
}
