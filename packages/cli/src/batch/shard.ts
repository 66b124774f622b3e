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
 * The shard an array job's environment names, when `--shard` is absent.
 *
 * - Kubernetes Indexed Jobs: `JOB_COMPLETION_INDEX` (0-based). Kubernetes
 *   gives no count, so it comes from `--shards` or `CABLEKIT_SHARDS`.
 * - Slurm job arrays: the shard is the task's rank among the array's task
 *   ids, found from `SLURM_ARRAY_TASK_ID`, `_MIN`, `_MAX`, `_STEP` and
 *   `_COUNT` (see {@link slurmArrayRank}); the count is `SLURM_ARRAY_TASK_COUNT`.
 * - AWS Batch array jobs: `AWS_BATCH_JOB_ARRAY_INDEX` (0-based), count
 *   `AWS_BATCH_JOB_ARRAY_SIZE`.
 *
 * `--shards` takes precedence over `CABLEKIT_SHARDS`. When the scheduler gives
 * a count, a declared count that differs is refused rather than overridden:
 * it means the job was submitted with another size than the script expects,
 * and one of the two would leave part of the archive unrendered.
 *
 * @param env the environment to read.
 * @param shards the `--shards` option, if given.
 * @returns the shard, or `undefined` when no array job variable is set.
 * @throws {CliError} with the usage exit code when an index is set without a count, the
 *   counts disagree, or the index names no shard.
 */
export function shardFromEnvironment(env: NodeJS.ProcessEnv, shards?: number): Shard | undefined {
  const declared = declaredCount(env, shards)
  const kubernetes = optionalInteger(env, 'JOB_COMPLETION_INDEX')
  if (kubernetes !== undefined) return zeroBased(kubernetes, declared?.count, 'JOB_COMPLETION_INDEX')
  const slurm = optionalInteger(env, 'SLURM_ARRAY_TASK_ID')
  if (slurm !== undefined) {
    const count = schedulerCount(optionalInteger(env, 'SLURM_ARRAY_TASK_COUNT'), 'SLURM_ARRAY_TASK_COUNT', declared)
    if (count === undefined) return zeroBased(slurm - (optionalInteger(env, 'SLURM_ARRAY_TASK_MIN') ?? 0), undefined, 'SLURM_ARRAY_TASK_ID')
    const rank = slurmArrayRank({
      id: slurm,
      count,
      min: optionalInteger(env, 'SLURM_ARRAY_TASK_MIN'),
      max: optionalInteger(env, 'SLURM_ARRAY_TASK_MAX'),
      step: optionalInteger(env, 'SLURM_ARRAY_TASK_STEP'),
    })
    return zeroBased(rank, count, 'SLURM_ARRAY_TASK_ID')
  }
  const aws = optionalInteger(env, 'AWS_BATCH_JOB_ARRAY_INDEX')
  if (aws !== undefined) {
    const count = schedulerCount(optionalInteger(env, 'AWS_BATCH_JOB_ARRAY_SIZE'), 'AWS_BATCH_JOB_ARRAY_SIZE', declared)
    return zeroBased(aws, count, 'AWS_BATCH_JOB_ARRAY_INDEX')
  }
  return undefined
}

/**
 * Check `--shard i/n` against `--shards`: both name the count, so they must agree.
 *
 * @throws {CliError} with the usage exit code when they differ.
 */
export function checkShardCount(shard: Shard, shards: number | undefined): Shard {
  if (shards !== undefined && shards !== shard.count) {
    throw new CliError(`--shard ${shard.index}/${shard.count} and --shards ${shards} disagree on the number of shards`, EXIT.usage)
  }
  return shard
}

/** What Slurm tells an array task about its array. */
export interface SlurmArrayVariables {
  /** `SLURM_ARRAY_TASK_ID`. */
  id: number
  /** `SLURM_ARRAY_TASK_COUNT`: how many tasks the array has. */
  count: number
  /** `SLURM_ARRAY_TASK_MIN`, `_MAX` and `_STEP`, when set. */
  min?: number | undefined
  max?: number | undefined
  step?: number | undefined
}

/**
 * The 0-based rank of a Slurm array task among the array's task ids, which
 * is its shard index minus one.
 *
 * Slurm does not give a task the list of ids, only their minimum, maximum,
 * step and count (measured on Slurm 22.05): `--array=0-6:2` sets
 * MIN 0, MAX 6, STEP 2, COUNT 4, but the list `--array=1,3,5` sets MIN 1,
 * MAX 5, STEP 1, COUNT 3. So:
 *
 * 1. When MIN, STEP and COUNT span exactly MIN..MAX, the ids are that
 *    progression (every range, stepped or not, and every contiguous list):
 *    the rank is `(ID − MIN) / STEP`.
 * 2. Otherwise the array was a list, and it is assumed evenly spaced from MIN
 *    to MAX (`1,3,5`, `0,10,20`): the step is `(MAX − MIN) / (COUNT − 1)`.
 * 3. An id off that progression proves the assumption wrong (`3,10-12`): the
 *    task is refused. A list of COUNT distinct ids between MIN and MAX that
 *    all fit the progression *is* the progression, so a wrong assumption can
 *    only fail tasks, never give two tasks one shard.
 *
 * @throws {CliError} with the usage exit code when the rank cannot be known.
 */
export function slurmArrayRank(array: SlurmArrayVariables): number {
  const { id, count } = array
  const min = array.min ?? 0
  // Without a maximum (a Slurm older than 15.08), only a contiguous array can be assumed.
  const max = array.max ?? min + (count - 1) * (array.step ?? 1)
  const step = array.step ?? 1
  const irregular = new CliError(
    `SLURM_ARRAY_TASK_ID ${id} is not on an evenly spaced array of ${count} tasks from ${min} to ${max}: ` +
      `cablekit cannot tell its rank from Slurm's variables. Submit a range (--array=0-${count - 1}, or a-b:step) ` +
      'or an evenly spaced list, or pass --shard i/n yourself',
    EXIT.usage,
  )
  if (count < 1 || id < min || id > max) throw irregular
  if (count === 1) {
    if (id !== min) throw irregular
    return 0
  }
  const spacing = step > 0 && max - min === (count - 1) * step ? step : (max - min) / (count - 1)
  const rank = (id - min) / spacing
  if (!Number.isSafeInteger(spacing) || spacing < 1 || !Number.isSafeInteger(rank)) throw irregular
  return rank
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

interface DeclaredCount {
  count: number
  /** How the user spelt it, for messages. */
  source: string
}

function declaredCount(env: NodeJS.ProcessEnv, shards: number | undefined): DeclaredCount | undefined {
  if (shards !== undefined) return { count: shards, source: `--shards ${shards}` }
  const variable = optionalInteger(env, 'CABLEKIT_SHARDS')
  if (variable === undefined) return undefined
  if (variable < 1) throw new CliError(`CABLEKIT_SHARDS must be 1 or more, not ${variable}`, EXIT.usage)
  return { count: variable, source: `CABLEKIT_SHARDS=${variable}` }
}

// The scheduler's count is the truth about how many tasks run; a declared count may only repeat it.
function schedulerCount(scheduler: number | undefined, variable: string, declared: DeclaredCount | undefined): number | undefined {
  if (scheduler === undefined) return declared?.count
  if (declared !== undefined && declared.count !== scheduler) {
    throw new CliError(
      `${declared.source} disagrees with ${variable}=${scheduler}: the array job runs ${scheduler} tasks. ` +
        'Drop the declared count, or submit the array with as many tasks as shards',
      EXIT.usage,
    )
  }
  return scheduler
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
