import type { Command } from 'commander'
import { InvalidArgumentError, Option } from 'commander'
import { addRedactionOptions } from '../redaction-options.js'
import type { RedactionFlags } from '../redaction-options.js'
import type { CliIo } from '../io.js'
import type { RenderFormat } from '../render-source.js'
import { formatsOption } from '../options.js'
import { addScanOptions } from '../scan-options.js'
import type { ScanFlags } from '../scan-options.js'
import { addRenderFlags } from '../render-flags.js'
import type { RenderFlags } from '../render-flags.js'

/** The options `cablekit batch` takes. */
export interface BatchFlags extends RedactionFlags, ScanFlags, RenderFlags {
  out: string
  to: RenderFormat[]
  exclude: string[]
  jobs?: number
  shard?: string
  shards?: number
  resume: boolean
  retryFailed?: boolean
  progress?: string
  timeout: number
  maxMemory: number
}

/**
 * `cablekit batch <dir|glob…> -o OUT`: render whole archives on every core,
 * one bad file never stopping the rest, resumable, shardable across machines.
 * See `docs/batch.md`. The batch's machinery loads when the command runs
 * (`batch-action.ts`).
 */
export function registerBatch(program: Command, io: CliIo, done: (code: number) => void): void {
  const command = program
    .command('batch')
    .description('render whole archives (folders, files, globs) into a mirrored tree, on all cores, resumable and shardable')
    .argument('<inputs...>', 'folders, files or globs of .md, .txt, .json sources, and .pdf, .png, .jpg, .tif scans')
    .requiredOption('-o, --out <dir>', 'output folder (mirrors the input tree; holds manifest.jsonl)')
    .option('--to <formats>', 'output formats, comma-separated: pdf, docx, html', formatsOption, ['pdf'] as RenderFormat[])
    .option('--exclude <glob>', 'leave out the files and folders this glob matches, relative to the input folder; repeatable', collect, [] as string[])
  addRenderFlags(command, { scope: 'batch' })
  command
    .option('-j, --jobs <n>', 'worker processes (default: the number of cores)', positiveInteger)
    .option('--shard <i/n>', 'render only shard i of n (1-based), chosen by hashing relative paths')
    .option(
      '--shards <n>',
      'shard count for array jobs (default CABLEKIT_SHARDS); needed for Kubernetes (JOB_COMPLETION_INDEX), and an error when it differs from SLURM_ARRAY_TASK_COUNT or AWS_BATCH_JOB_ARRAY_SIZE',
      positiveInteger,
    )
    .option('--no-resume', 'render everything again, ignoring the manifest of an earlier run')
    .option('--retry-failed', 'render again the inputs an earlier run failed on')
    .addOption(new Option('--progress <mode>', 'progress display (default: bar on a terminal, json otherwise)').choices(['bar', 'json', 'none']))
    .option('--timeout <seconds>', 'time limit per file; a worker past it is stopped', positiveNumber, 120)
    .option('--max-memory <MB>', 'heap limit per worker process', positiveInteger, 1024)
  // The key makes resume possible under redaction: the manifest then records an HMAC of the rules.
  addRedactionOptions(command, { key: true })
  addScanOptions(command)
  command.addHelpText('after', ARRAY_JOBS_HELP)
  command.action(async (inputs: string[], flags: BatchFlags) => {
    const { batchAction } = await import('./batch-action.js')
    done(await batchAction(inputs, flags, program.version() ?? '0.0.0', io))
  })
}

/**
 * The array-job variables of `batch/shard.ts` (`shardFromEnvironment`),
 * printed after the options of `batch --help`.
 */
const ARRAY_JOBS_HELP = `
Array jobs (when --shard is absent, the shard comes from the scheduler):
  JOB_COMPLETION_INDEX                 Kubernetes Indexed Jobs; starts at 0. Kubernetes gives no count:
                                       pass --shards N or set CABLEKIT_SHARDS.
  SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN, SLURM_ARRAY_TASK_MAX, SLURM_ARRAY_TASK_STEP, SLURM_ARRAY_TASK_COUNT
                                       Slurm job arrays; any first index (--array=1-8, 0-14:2), stepped ranges
                                       and evenly spaced lists (1,3,5); the shard is the task's rank in the
                                       array, the count SLURM_ARRAY_TASK_COUNT.
  AWS_BATCH_JOB_ARRAY_INDEX, AWS_BATCH_JOB_ARRAY_SIZE
                                       AWS Batch array jobs; the index starts at 0, the count is the size.
  CABLEKIT_SHARDS                      the shard count where the scheduler gives none (--shards wins);
                                       where it gives one, a different count is a usage error (exit 2).
  --shard i/n itself starts at 1.

Once every shard is done:
  cablekit manifest merge OUT          joins OUT/manifest.shard-i-of-n.jsonl into OUT/manifest.jsonl; with a
                                       shard missing or incomplete it writes nothing and exits 1
                                       (--partial writes what there is, still exiting 1).
`

function collect(value: string, previous: string[]): string[] {
  return [...previous, value]
}

function positiveInteger(value: string): number {
  const number = Number(value)
  if (!Number.isSafeInteger(number) || number < 1) throw new InvalidArgumentError('expected a whole number, 1 or more')
  return number
}

function positiveNumber(value: string): number {
  const number = Number(value)
  if (!Number.isFinite(number) || number <= 0) throw new InvalidArgumentError('expected a number of seconds above 0')
  return number
}
