import type { Command } from 'commander'
import type { CliIo } from '../io.js'
import { formatsOption } from '../options.js'
import type { RenderFormat } from '../render-source.js'
import { addRenderFlags } from '../render-flags.js'
import type { RenderFlags } from '../render-flags.js'
import { addOutOption } from '../out-option.js'
import type { OutFlags } from '../out-option.js'
import { addRedactionOptions } from '../redaction-options.js'
import type { RedactionFlags } from '../redaction-options.js'
import { addScanOptions } from '../scan-options.js'
import type { ScanFlags } from '../scan-options.js'

/** The options `cablekit render` takes. */
export interface RenderCommandOptions extends RedactionFlags, ScanFlags, RenderFlags, OutFlags {
  to: RenderFormat[]
}

/**
 * `cablekit render <files or folders…> -o DIR [--to pdf,docx] [--theme NAME]`:
 * one output per cable, named after its input (`NAME.pdf`, or `NAME-1.pdf`,
 * `NAME-2.pdf`… for a file of several cables). Folders are walked as
 * `batch` walks them (`walkInputs`: the one extension list, hidden entries
 * left out) and mirrored under DIR; a file met there that holds no cable is
 * skipped with a warning. Each file is written atomically; a bad file gets
 * its diagnostics and the others still render. `--theme` takes a built-in
 * name or the path of a JavaScript module whose default (or `theme`) export is a theme.
 * Only the options are declared here: the renderers load when the command
 * runs (`render-action.ts`).
 */
export function registerRender(program: Command, io: CliIo, done: (code: number) => void): void {
  const command = program
    .command('render')
    .description('render cables as facsimile PDF (and DOCX) files')
    .argument('<inputs...>', 'source files (.md, .txt, .json, .pdf, .png, .jpg, .tif) or folders of them')
  addOutOption(command, 'dir', 'output folder (required)')
  command.option('--to <formats>', 'output formats, comma-separated: pdf, docx, html', formatsOption, ['pdf'] as RenderFormat[])
  addRenderFlags(command, { scope: 'render' })
  addRedactionOptions(command)
  addScanOptions(command)
  command.action(async (inputs: string[], options: RenderCommandOptions) => {
    const { renderAction } = await import('./render-action.js')
    done(await renderAction(inputs, options, io))
  })
}
