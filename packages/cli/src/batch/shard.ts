import { createHash } from 'node:crypto'
import { CliError, EXIT } from '../errors.js'

/** One share of an archive: shard `index` (1-based) of `count`. */
export interface Shard {
  index: number
  count: number
}

/**
 * Parse `--shard i/n` (1-based, as in vitest and Playwright).
 *
 * @throws {CliError} with the usage exit code when the value is not `i/n` with 1 ≤ i ≤ n.
 * @example parseShard('2/4') // { index: 2, count: 4 }
 */
export function parseShard(value: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value)
  const index = Number(match?.[1])
  const count = Number(match?.[2])
  if (!match || !Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) {
    throw new CliError(`--shard expects i/n with 1 ≤ i ≤ n (for example 2/4), not \`${value}\``, EXIT.usage)
  }
  return { index, count }
}

/**
 * The shard an array job's environment names, when `--shard` is absent:
 * Kubernetes Indexed Jobs (`JOB_COMPLETION_INDEX`, 0-based, with the count from
 * `--shards` or `CABLEKIT_SHARDS`), Slurm job arrays (`SLURM_ARRAY_TASK_ID`
 * normalised by `SLURM_ARRAY_TASK_MIN`, count `SLURM_ARRAY_TASK_COUNT`) and AWS
 * Batch array jobs (`AWS_BATCH_JOB_ARRAY_INDEX`, 0-based, count from `--shards`
 * or `CABLEKIT_SHARDS`). Returns `undefined` when none is set.
 *
 * @param env the environment to read.
 * @param shards the `--shards` option, if given.
 * @throws {CliError} with the usage exit code when an index is set but no count, or they disagree.
 */
export function shardFromEnvironment(env: NodeJS.ProcessEnv, shards?: number): Shard | undefined {
  const declared = shards ?? optionalInteger(env, 'CABLEKIT_SHARDS')
  const kubernetes = optionalInteger(env, 'JOB_COMPLETION_INDEX')
  if (kubernetes !== undefined) return zeroBased(kubernetes, declared, 'JOB_COMPLETION_INDEX')
  const slurm = optionalInteger(env, 'SLURM_ARRAY_TASK_ID')
  if (slurm !== undefined) {
    const count = optionalInteger(env, 'SLURM_ARRAY_TASK_COUNT') ?? declared
    // Arrays may start at 0 (`--array=0-3`) or 1 (`--array=1-4`): the minimum says which.
    const minimum = optionalInteger(env, 'SLURM_ARRAY_TASK_MIN') ?? 0
    return zeroBased(slurm - minimum, count, 'SLURM_ARRAY_TASK_ID')
  }
  const aws = optionalInteger(env, 'AWS_BATCH_JOB_ARRAY_INDEX')
  if (aws !== undefined) return zeroBased(aws, declared, 'AWS_BATCH_JOB_ARRAY_INDEX')
  return undefined
}

/**
 * Which shard (1-based) of `count` a relative path belongs to: the first 32
 * bits of the SHA-256 of its POSIX spelling, modulo `count`. Stable across
 * machines, runs and walk orders, so `count` shards cover an archive exactly once.
 *
 * @example shardOf('2009/09RABAT412.txt', 4) // 1, 2, 3 or 4
 */
export function shardOf(relativePath: string, count: number): number {
  const hash = createHash('sha256').update(relativePath).digest().readUInt32BE(0)
  return (hash % count) + 1
}

/** The `shard-i-of-n` tag used in the names of a shard's manifest and summary. */
export function shardTag(shard: Shard | undefined): string {
  return shard ? `shard-${shard.index}-of-${shard.count}` : ''
}

function zeroBased(index: number, count: number | undefined, variable: string): Shard {
  if (count === undefined) {
    throw new CliError(`${variable} is set but not the number of shards: pass --shards N or set CABLEKIT_SHARDS`, EXIT.usage)
  }
  if (count < 1 || index < 0 || index >= count) {
    throw new CliError(`${variable} gives shard ${index + 1} of ${count}, which does not exist`, EXIT.usage)
  }
  return { index: index + 1, count }
}

function optionalInteger(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const text = env[name]
  if (text === undefined || text.trim() === '') return undefined
  const value = Number(text)
  if (!Number.isSafeInteger(value)) throw new CliError(`${name} must be a whole number, not \`${text}\``, EXIT.usage)
  return value
}
