/**
 * The entry of `cablekit batch` and `cablekit manifest`: the same commands as
 * in the full program, without loading the renderers. The batch's parent
 * process only walks, hashes, dispatches and records; its workers render. Not
 * loading pdfkit, fontkit and docx here keeps the parent around 60 MB instead
 * of 120, a third of a two-worker batch's memory.
 */
import { registerBatch } from './commands/batch.js'
import { registerManifest } from './commands/manifest.js'
import { processIo } from './io.js'
import { runProgram } from './run-program.js'

/** Run `cablekit batch …` or `cablekit manifest …` with the process's streams. */
export async function main(argv: string[]): Promise<number> {
  return runProgram(argv, processIo(), [registerBatch, registerManifest])
}
