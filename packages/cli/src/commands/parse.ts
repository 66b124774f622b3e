import type { Command } from 'commander'
import type { SourceFormat } from '@cablekit/core'
import type { CliIo } from '../io.js'
import { formatOption } from '../options.js'
import { addScanOptions } from '../scan-options.js'
import type { ScanFlags } from '../scan-options.js'

/** The options `cablekit parse` takes. */
export type ParseFlags = { from?: SourceFormat; fix?: boolean; positions?: boolean } & ScanFlags

/**
 * `cablekit parse <files…>`: print the cables of all files as one JSON array.
 * Only the options are declared here; the parsers load when the command runs
 * (`parse-action.ts`), so `cablekit --help` does not pay for them.
 */
export function registerParse(program: Command, io: CliIo, done: (code: number) => void): void {
  const command = program
    .command('parse')
    .description('read cables from Markdown, raw text or JSON files, scans or PDFs, and print them as one JSON array')
    .argument('<files...>', 'source files (.md, .txt, .json, .pdf, .png, .jpg, .tif)')
    .option('--json', 'print the cables as JSON on stdout (the default)')
    .option('--from <format>', 'force the source format: markdown, text or json', formatOption)
    .option('--fix', 'apply suggested OCR fixes, recording each in the provenance')
    .option('--positions', 'keep the source positions of body nodes')
  addScanOptions(command)
  command.action(async (files: string[], options: ParseFlags) => {
    const { parseAction } = await import('./parse-action.js')
    done(await parseAction(files, options, io))
  })
}
