import { readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { checkShardCount, parseShard, shardFromEnvironment } from '../batch/shard.js'
import { runBatch } from '../batch/run-batch.js'
import { progressMode } from '../batch/progress.js'
import { contentHash } from '../batch/hashes.js'
import { EXIT } from '../errors.js'
import type { CliIo } from '../io.js'
import { redactOptionsFrom } from '../redaction-options.js'
import { scanFlagsFrom } from '../scan-options.js'
// Light: the flags, and the theme resolved to a name or a module path the workers import.
import { renderFlagsFrom } from '../render-flags.js'
import type { BatchFlags } from './batch.js'

/** Run `cablekit batch` (see `registerBatch`) with the program's `version` and resolve to the exit code. */
export async function batchAction(inputs: string[], flags: BatchFlags, version: string, io: CliIo): Promise<number> {
  const { theme, ...rendering } = renderFlagsFrom(flags, io.cwd, 'batch')
  const redact = await redactOptionsFrom(flags, io.cwd)
  const shard = flags.shard !== undefined ? checkShardCount(parseShard(flags.shard), flags.shards) : shardFromEnvironment(io.env, flags.shards)
  const summary = await runBatch(
    {
      inputs,
      out: flags.out,
      to: flags.to,
      ...(theme && 'name' in theme ? { theme: theme.name } : {}),
      // The workers import the module; its hash makes a changed theme render again on resume.
      ...(theme && 'module' in theme ? { themeModule: { path: theme.module, hash: contentHash(readFileSync(theme.module)) } } : {}),
      ...rendering,
      ...(flags.exclude.length > 0 ? { exclude: flags.exclude } : {}),
      jobs: flags.jobs ?? availableParallelism(),
      ...(shard ? { shard } : {}),
      resume: flags.resume,
      retryFailed: flags.retryFailed === true,
      timeoutMs: Math.round(flags.timeout * 1000),
      maxMemoryMb: flags.maxMemory,
      progress: progressMode(flags.progress, io),
      version,
      ...(redact ? { redact } : {}),
      ...(Object.keys(scanFlagsFrom(flags)).length > 0 ? { scan: scanFlagsFrom(flags) } : {}),
    },
    io,
  )
  return summary.failed > 0 ? EXIT.failed : EXIT.ok
}
