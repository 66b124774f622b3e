import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { CliError, EXIT } from '../errors.js'
import { KeyMap } from './key-set.js'
import { readManifest, rewriteManifest } from './manifest.js'
import { shardOf } from './shard.js'

/** What {@link mergeManifests} found and wrote. */
export interface MergeReport {
  /** The shard count `n` of the manifests merged. */
  shards: number
  /** Shard indices (1-based) whose manifest is present. */
  present: number[]
  /** Shard indices with no manifest: their share of the archive is missing. */
  missing: number[]
  /** Shards whose manifest has fewer lines than their run counted inputs (killed before the end), or no summary. */
  incomplete: { shard: number; recorded: number; expected?: number }[]
  /** Paths found in more than one shard (the first shard's line is kept); at most 20 listed. */
  overlaps: { count: number; paths: string[] }
  /** Paths recorded by a shard that does not own them (another `n`, or a renamed file). */
  misplaced: number
  /**
   * Whether `manifest.jsonl` was written. A merge with a shard missing or
   * incomplete writes nothing (unless asked for a partial merge): a merged
   * manifest that looks whole but is not would tell a resumed run, or a
   * reader of the archive, that inputs are done when nobody rendered them.
   */
  written: boolean
  /** Lines in the merged manifest (or that it would hold), and their statuses. */
  entries: number
  rendered: number
  failed: number
  skipped: number
}

/** Options of {@link mergeManifests}. */
export interface MergeOptions {
  /** Write `manifest.jsonl` even when shards are missing or incomplete (the report still says so). */
  partial?: boolean
}

const SHARD_MANIFEST = /^manifest\.shard-(\d+)-of-(\d+)\.jsonl$/

/**
 * Join the shard manifests in `out` (`manifest.shard-i-of-n.jsonl`) into
 * `manifest.jsonl`, one line per input, and check that the shards cover the
 * archive exactly once: every shard present and complete, no path in two
 * shards. Streaming, with 32 bytes of memory per input.
 *
 * @returns the report; the command exits 1 when `missing`, `incomplete` or `overlaps` are not empty,
 *   and nothing is written when `missing` or `incomplete` are not (unless `options.partial`).
 * @throws {CliError} when `out` holds no shard manifest, or manifests of different shard counts.
 */
export async function mergeManifests(out: string, options: MergeOptions = {}): Promise<MergeReport> {
  let names: string[]
  try {
    names = await readdir(out)
  } catch {
    throw new CliError(`no such folder: ${out}`, EXIT.usage)
  }
  const shards = names.flatMap((name) => {
    const match = SHARD_MANIFEST.exec(name)
    return match ? [{ name, index: Number(match[1]), count: Number(match[2]) }] : []
  })
  if (shards.length === 0) throw new CliError(`${out} holds no shard manifest (manifest.shard-i-of-n.jsonl)`, EXIT.usage)
  const counts = [...new Set(shards.map((shard) => shard.count))].sort((a, b) => a - b)
  if (counts.length > 1) {
    throw new CliError(`${out} holds manifests of runs split in ${counts.join(' and ')} shards: remove the stale ones, then merge again`, EXIT.failed)
  }
  const count = counts[0]!
  shards.sort((a, b) => a.index - b.index)
  const present = shards.map((shard) => shard.index)
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !present.includes(index))

  const owner = new KeyMap()
  const lastLine = new KeyMap()
  const overlaps = { count: 0, paths: [] as string[] }
  const incomplete: MergeReport['incomplete'] = []
  let misplaced = 0
  for (const shard of shards) {
    let recorded = 0
    for await (const { line, entry } of readManifest(join(out, shard.name))) {
      if (!entry) continue
      const first = owner.get(entry.path)
      if (first === undefined) {
        recorded++
        owner.set(entry.path, shard.index)
        lastLine.set(entry.path, line)
        if (shardOf(entry.path, count) !== shard.index) misplaced++
      } else if (first === shard.index) {
        // A killed shard run may have written a path twice; its last line wins.
        lastLine.set(entry.path, line)
      } else {
        overlaps.count++
        if (overlaps.paths.length < 20) overlaps.paths.push(entry.path)
      }
    }
    const expected = await summaryTotal(join(out, `batch-summary.shard-${shard.index}-of-${count}.json`))
    if (expected === undefined || expected !== recorded) incomplete.push({ shard: shard.index, recorded, ...(expected !== undefined ? { expected } : {}) })
  }

  const statuses = { rendered: 0, failed: 0, skipped: 0 }
  if ((missing.length > 0 || incomplete.length > 0) && options.partial !== true) {
    // Count what a merge would hold, but leave the folder as it was.
    let entries = 0
    for (const shard of shards) {
      for await (const { line, entry } of readManifest(join(out, shard.name))) {
        if (!entry || owner.get(entry.path) !== shard.index || lastLine.get(entry.path) !== line) continue
        entries++
        statuses[entry.status]++
      }
    }
    return { shards: count, present, missing, incomplete, overlaps, misplaced, written: false, entries, ...statuses }
  }
  const sources = shards.map((shard) => join(out, shard.name))
  const entries = await rewriteManifest(
    sources,
    join(out, 'manifest.jsonl'),
    ({ line, entry }, source) => {
      const index = shards[sources.indexOf(source)]!.index
      const keep = owner.get(entry!.path) === index && lastLine.get(entry!.path) === line
      if (keep) statuses[entry!.status]++
      return keep
    },
    'merge',
  )
  return { shards: count, present, missing, incomplete, overlaps, misplaced, written: true, entries, ...statuses }
}

async function summaryTotal(path: string): Promise<number | undefined> {
  try {
    const summary = JSON.parse(await readFile(path, 'utf8')) as { total?: unknown; complete?: unknown }
    return summary.complete === true && typeof summary.total === 'number' ? summary.total : undefined
  } catch {
    return undefined
  }
}
