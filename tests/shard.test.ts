import { mkdtempSync, readFileSync, rmSync, unlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseShard, shardFromEnvironment, shardOf } from '../packages/cli/src/batch/shard.js'
import { generateArchive } from '../scripts/gen-archive-lib.js'
import type { GeneratedArchive } from '../scripts/gen-archive-lib.js'
import { cli } from './helpers/cli.js'

describe('parseShard', () => {
  it('reads i/n, 1-based', () => {
    expect(parseShard('1/4')).toEqual({ index: 1, count: 4 })
    expect(parseShard(' 4 / 4 ')).toEqual({ index: 4, count: 4 })
  })
  it.each(['0/4', '5/4', '1/0', '1', 'a/b', '-1/2', '1.5/3'])('refuses %s as a usage error', (value) => {
    expect(() => parseShard(value)).toThrow(expect.objectContaining({ exitCode: 2 }))
  })
})

describe('shardFromEnvironment', () => {
  it('reads Kubernetes Indexed Jobs (0-based) with the count from --shards or CABLEKIT_SHARDS', () => {
    expect(shardFromEnvironment({ JOB_COMPLETION_INDEX: '0' }, 4)).toEqual({ index: 1, count: 4 })
    expect(shardFromEnvironment({ JOB_COMPLETION_INDEX: '3', CABLEKIT_SHARDS: '4' })).toEqual({ index: 4, count: 4 })
    expect(() => shardFromEnvironment({ JOB_COMPLETION_INDEX: '3' })).toThrow(/--shards N/)
    expect(() => shardFromEnvironment({ JOB_COMPLETION_INDEX: '4' }, 4)).toThrow(/does not exist/)
  })
  it('reads Slurm arrays whether they start at 0 or 1', () => {
    expect(shardFromEnvironment({ SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '4' })).toEqual({ index: 1, count: 4 })
    expect(shardFromEnvironment({ SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_COUNT: '4' })).toEqual({ index: 1, count: 4 })
    expect(shardFromEnvironment({ SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '4' })).toEqual({ index: 4, count: 4 })
  })
  it('reads AWS Batch array jobs (0-based)', () => {
    expect(shardFromEnvironment({ AWS_BATCH_JOB_ARRAY_INDEX: '2', CABLEKIT_SHARDS: '3' })).toEqual({ index: 3, count: 3 })
  })
  it('gives nothing when no array job is running, and refuses a non-number', () => {
    expect(shardFromEnvironment({})).toBeUndefined()
    expect(() => shardFromEnvironment({ JOB_COMPLETION_INDEX: 'x' }, 2)).toThrow(/whole number/)
  })
})

describe('shardOf', () => {
  it('puts every path in exactly one shard, the same one every time', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.integer({ min: 1, max: 64 }), (path, count) => {
        const shard = shardOf(path, count)
        expect(shard).toBeGreaterThanOrEqual(1)
        expect(shard).toBeLessThanOrEqual(count)
        expect(shardOf(path, count)).toBe(shard)
      }),
    )
  })
  it('spreads paths evenly', () => {
    const sizes = [0, 0, 0, 0]
    for (let i = 0; i < 4000; i++) sizes[shardOf(`${2000 + (i % 11)}/post/${i}.txt`, 4) - 1]!++
    for (const size of sizes) expect(size).toBeGreaterThan(850)
  })
})

describe('4 shards then a merge', () => {
  let root: string
  let archive: GeneratedArchive
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'cablekit-shard-'))
    archive = await generateArchive({ out: join(root, 'archive'), count: 80, malformed: 2, seed: 3, pages: [1, 1], others: 1 })
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('cover every input exactly once', async () => {
    const out = join(root, 'out')
    const seen: string[] = []
    for (let index = 1; index <= 4; index++) {
      // Shards 1 and 2 by flag, 3 by a Kubernetes index, 4 by a Slurm array, as they would run on a cluster.
      const env: NodeJS.ProcessEnv = index === 3 ? { JOB_COMPLETION_INDEX: '2', CABLEKIT_SHARDS: '4' } : index === 4 ? { SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '4' } : {}
      const args = ['batch', join(root, 'archive'), '-o', out, '--jobs', '1', '--progress', 'json', ...(index <= 2 ? ['--shard', `${index}/4`] : [])]
      const run = await cli(args, { env: { NO_COLOR: '1', ...env } })
      const events = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { event: string; path?: string; shard?: string })
      expect(events[0]).toMatchObject({ event: 'start', shard: `${index}/4` })
      const paths = events.filter((event) => event.event === 'file').map((event) => event.path!)
      for (const path of paths) expect(shardOf(path, 4)).toBe(index)
      seen.push(...paths)
    }
    const all = [...archive.files, ...archive.others].sort()
    expect([...seen].sort()).toEqual(all)

    const merge = await cli(['manifest', 'merge', out, '--json'])
    expect(merge.code, merge.stderr).toBe(0)
    expect(JSON.parse(merge.stdout)).toMatchObject({ shards: 4, missing: [], incomplete: [], overlaps: { count: 0 }, misplaced: 0, entries: 81, rendered: 78, failed: 2, skipped: 1 })
    const merged = readFileSync(join(out, 'manifest.jsonl'), 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { path: string }).path)
    expect([...merged].sort()).toEqual(all)

    // A missing shard is a gap the merge reports, with the command that fills it.
    unlinkSync(join(out, 'manifest.shard-3-of-4.jsonl'))
    const gap = await cli(['manifest', 'merge', out])
    expect(gap.code).toBe(1)
    expect(gap.stderr).toMatch(/missing shard 3 of 4: run --shard 3\/4/)
  }, 180_000)

  it('reports a folder without shard manifests as a usage error', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'cablekit-merge-'))
    try {
      const run = await cli(['manifest', 'merge', empty])
      expect(run.code).toBe(2)
      expect(run.stderr).toMatch(/holds no shard manifest/)
    } finally {
      rmSync(empty, { recursive: true, force: true })
    }
  })
})
