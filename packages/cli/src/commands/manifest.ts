import type { Command } from 'commander'
import type { CliIo } from '../io.js'

/** The options of `cablekit manifest merge`. */
export interface MergeFlags {
  json?: boolean
  partial?: boolean
}

/** `cablekit manifest merge OUT`: join the shard manifests of a sharded batch into `manifest.jsonl` (run by `manifest-action.ts`). */
export function registerManifest(program: Command, io: CliIo, done: (code: number) => void): void {
  const manifest = program.command('manifest').description('work with the manifests `cablekit batch` writes')
  manifest
    .command('merge')
    .description('join OUT/manifest.shard-i-of-n.jsonl into OUT/manifest.jsonl and check that the shards cover the archive exactly once')
    .argument('<out>', 'the batch output folder')
    .option('--json', 'print the report as JSON on stdout')
    .option('--partial', 'write manifest.jsonl even when shards are missing or incomplete (the exit code is still 1)')
    .addHelpText(
      'after',
      '\nWith a shard missing or incomplete, nothing is written and the exit code is 1: run the shards it names (they resume), then merge again.',
    )
    .action(async (out: string, flags: MergeFlags) => {
      const { manifestMergeAction } = await import('./manifest-action.js')
      done(await manifestMergeAction(out, flags, io))
    })
}
