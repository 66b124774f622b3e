import type { Command } from 'commander'
import { hasErrors, toJson } from '@cablekit/core'
import type { SourceFormat } from '@cablekit/core'
import { printDiagnostics } from '../diagnostics.js'
import { EXIT } from '../errors.js'
import type { CliIo } from '../io.js'
import { readInputs } from '../read-inputs.js'
import { formatOption } from '../options.js'
import { addScanOptions, scanFlagsFrom } from '../scan-options.js'
import type { ScanFlags } from '../scan-options.js'

/** `cablekit parse <files…>`: print the cables of all files as one JSON array. */
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
  command.action(async (files: string[], options: { from?: SourceFormat; fix?: boolean; positions?: boolean } & ScanFlags) => {
    const scan = { scan: scanFlagsFrom(options), progress: (line: string) => io.stderr.write(`${line}\n`) }
    const results = await readInputs(files, io.cwd, { ...(options.from ? { from: options.from } : {}), fix: options.fix === true }, scan)
    const cables = results.flatMap((result) => result.cables)
    io.stdout.write(toJson(cables, { positions: options.positions === true }))
    printDiagnostics(
      results.map((result) => result.file),
      io,
    )
    done(results.some((result) => hasErrors(result.file) || result.cables.length === 0) ? EXIT.failed : EXIT.ok)
  })
}
