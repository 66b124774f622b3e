import { availableParallelism } from 'node:os'
import type { Command } from 'commander'
import { InvalidArgumentError, Option } from 'commander'
// The light subpath: the batch's parent process must not load the renderers.
import { THEME_NAMES } from '@cablekit/render/themes'
import { checkShardCount, parseShard, shardFromEnvironment } from '../batch/shard.js'
import { runBatch } from '../batch/run-batch.js'
import { progressMode } from '../batch/progress.js'
import { EXIT } from '../errors.js'
import { addRedactionOptions, redactOptionsFrom } from '../redaction-options.js'
import type { RedactionFlags } from '../redaction-options.js'
import type { CliIo } from '../io.js'
import type { RenderFormat } from '../render-source.js'
import { formatsOption } from '../options.js'

interface BatchFlags extends RedactionFlags {
  out: string
  to: RenderFormat[]
  theme?: string
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
 * See `docs/batch.md`.
 */
export function registerBatch(program: Command, io: CliIo, done: (code: number) => void): void {
  const command = program
    .command('batch')
    .description('render whole archives (folders, files, globs) into a mirrored tree, on all cores, resumable and shardable')
    .argument('<inputs...>', 'folders, files or globs of .md, .txt and .json sources')
    .requiredOption('-o, --out <dir>', 'output folder (mirrors the input tree; holds manifest.jsonl)')
    .option('--to <formats>', 'output formats, comma-separated: pdf, docx, html', formatsOption, ['pdf'] as RenderFormat[])
    .addOption(new Option('--theme <name>', 'theme for every cable (default: each cable\'s family)').choices([...THEME_NAMES]))
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
  command.action(async (inputs: string[], flags: BatchFlags) => {
      const redact = await redactOptionsFrom(flags, io.cwd)
      const shard = flags.shard !== undefined ? checkShardCount(parseShard(flags.shard), flags.shards) : shardFromEnvironment(io.env, flags.shards)
      const summary = await runBatch(
        {
          inputs,
          out: flags.out,
          to: flags.to,
          ...(flags.theme ? { theme: flags.theme } : {}),
          jobs: flags.jobs ?? availableParallelism(),
          ...(shard ? { shard } : {}),
          resume: flags.resume,
          retryFailed: flags.retryFailed === true,
          timeoutMs: Math.round(flags.timeout * 1000),
          maxMemoryMb: flags.maxMemory,
          progress: progressMode(flags.progress, io),
          version: program.version() ?? '0.0.0',
          ...(redact ? { redact } : {}),
        },
        io,
      )
      done(summary.failed > 0 ? EXIT.failed : EXIT.ok)
    })
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
