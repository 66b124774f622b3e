import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkShardCount, parseShard, shardFromEnvironment, shardOf, slurmArrayRank } from '../packages/cli/src/batch/shard.js'
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
  const usage = expect.objectContaining({ exitCode: 2 })
  const slurm = (id: number, min: number, max: number, step: number, count: number): NodeJS.ProcessEnv => ({
    SLURM_ARRAY_TASK_ID: String(id),
    SLURM_ARRAY_TASK_MIN: String(min),
    SLURM_ARRAY_TASK_MAX: String(max),
    SLURM_ARRAY_TASK_STEP: String(step),
    SLURM_ARRAY_TASK_COUNT: String(count),
  })

  it('reads Kubernetes Indexed Jobs (0-based) with the count from --shards or CABLEKIT_SHARDS', () => {
    expect(shardFromEnvironment({ JOB_COMPLETION_INDEX: '0' }, 4)).toEqual({ index: 1, count: 4 })
    expect(shardFromEnvironment({ JOB_COMPLETION_INDEX: '3', CABLEKIT_SHARDS: '4' })).toEqual({ index: 4, count: 4 })
    // The flag is the more specific of the two.
    expect(shardFromEnvironment({ JOB_COMPLETION_INDEX: '4', CABLEKIT_SHARDS: '4' }, 8)).toEqual({ index: 5, count: 8 })
    expect(() => shardFromEnvironment({ JOB_COMPLETION_INDEX: '3' })).toThrow(/--shards N/)
    expect(() => shardFromEnvironment({ JOB_COMPLETION_INDEX: '4' }, 4)).toThrow(/gives shard 5 of 4, which does not exist/)
    expect(() => shardFromEnvironment({ JOB_COMPLETION_INDEX: '0', CABLEKIT_SHARDS: '0' })).toThrow(usage)
  })

  // The variables below are what Slurm 22.05 set in each task, as printed by a real array job
  // (tests/slurm-array.test.ts runs the same arrays through sbatch).
  it('reads Slurm ranges whether they start at 0 or 1', () => {
    expect(shardFromEnvironment(slurm(1, 1, 4, 1, 4))).toEqual({ index: 1, count: 4 })
    expect(shardFromEnvironment(slurm(0, 0, 3, 1, 4))).toEqual({ index: 1, count: 4 })
    expect(shardFromEnvironment(slurm(4, 1, 4, 1, 4))).toEqual({ index: 4, count: 4 })
    expect(shardFromEnvironment(slurm(3, 0, 3, 1, 4))).toEqual({ index: 4, count: 4 })
    // --array=2-5%2: the throttle changes nothing.
    expect([2, 3, 4, 5].map((id) => shardFromEnvironment(slurm(id, 2, 5, 1, 4))!.index)).toEqual([1, 2, 3, 4])
  })

  it('reads a stepped Slurm range (--array=0-6:2) as shards 1 to 4', () => {
    expect([0, 2, 4, 6].map((id) => shardFromEnvironment(slurm(id, 0, 6, 2, 4)))).toEqual([1, 2, 3, 4].map((index) => ({ index, count: 4 })))
    expect([1, 4, 7].map((id) => shardFromEnvironment(slurm(id, 1, 7, 3, 3))!.index)).toEqual([1, 2, 3])
  })

  it('reads an evenly spaced Slurm list (--array=1,3,5, where Slurm says STEP=1) by rank', () => {
    expect([1, 3, 5].map((id) => shardFromEnvironment(slurm(id, 1, 5, 1, 3)))).toEqual([1, 2, 3].map((index) => ({ index, count: 3 })))
    expect([0, 10, 20].map((id) => shardFromEnvironment(slurm(id, 0, 20, 1, 3))!.index)).toEqual([1, 2, 3])
    // A contiguous list is a range.
    expect([4, 5, 6].map((id) => shardFromEnvironment(slurm(id, 4, 6, 1, 3))!.index)).toEqual([1, 2, 3])
    // A one-task array.
    expect(shardFromEnvironment(slurm(7, 7, 7, 1, 1))).toEqual({ index: 1, count: 1 })
  })

  it('refuses a Slurm task whose rank the variables cannot give', () => {
    // --array=3,10-12: MIN 3, MAX 12, COUNT 4, STEP 1. The assumed spacing 3 puts 10 and 11 off the progression.
    for (const id of [10, 11])
      expect(() => shardFromEnvironment(slurm(id, 3, 12, 1, 4))).toThrow(/not on an evenly spaced array of 4 tasks from 3 to 12.*--shard i\/n/)
    expect(() => shardFromEnvironment(slurm(10, 3, 12, 1, 4))).toThrow(usage)
    // --array=1,2,4: the spacing would not be whole.
    expect(() => shardFromEnvironment(slurm(2, 1, 4, 1, 3))).toThrow(usage)
    // An id outside MIN..MAX.
    expect(() => shardFromEnvironment(slurm(9, 0, 3, 1, 4))).toThrow(usage)
  })

  it('takes the Slurm count, and refuses a --shards or CABLEKIT_SHARDS that disagrees with it', () => {
    expect(shardFromEnvironment(slurm(2, 0, 6, 2, 4), 4)).toEqual({ index: 2, count: 4 })
    expect(shardFromEnvironment({ ...slurm(2, 0, 6, 2, 4), CABLEKIT_SHARDS: '4' })).toEqual({ index: 2, count: 4 })
    expect(() => shardFromEnvironment(slurm(2, 0, 6, 2, 4), 8)).toThrow(/--shards 8 disagrees with SLURM_ARRAY_TASK_COUNT=4/)
    expect(() => shardFromEnvironment({ ...slurm(2, 0, 6, 2, 4), CABLEKIT_SHARDS: '3' })).toThrow(/CABLEKIT_SHARDS=3 disagrees with SLURM_ARRAY_TASK_COUNT=4/)
    expect(() => shardFromEnvironment(slurm(2, 0, 6, 2, 4), 8)).toThrow(usage)
    // Without a count from Slurm, the declared one is used; without either, it is an error.
    expect(shardFromEnvironment({ SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_MIN: '1' }, 4)).toEqual({ index: 3, count: 4 })
    expect(() => shardFromEnvironment({ SLURM_ARRAY_TASK_ID: '3' })).toThrow(/--shards N/)
  })

  it('reads AWS Batch array jobs (0-based) with AWS_BATCH_JOB_ARRAY_SIZE as the count', () => {
    expect(shardFromEnvironment({ AWS_BATCH_JOB_ARRAY_INDEX: '0', AWS_BATCH_JOB_ARRAY_SIZE: '3' })).toEqual({ index: 1, count: 3 })
    expect(shardFromEnvironment({ AWS_BATCH_JOB_ARRAY_INDEX: '2', AWS_BATCH_JOB_ARRAY_SIZE: '3' })).toEqual({ index: 3, count: 3 })
    expect(shardFromEnvironment({ AWS_BATCH_JOB_ARRAY_INDEX: '2', AWS_BATCH_JOB_ARRAY_SIZE: '3' }, 3)).toEqual({ index: 3, count: 3 })
    expect(() => shardFromEnvironment({ AWS_BATCH_JOB_ARRAY_INDEX: '2', AWS_BATCH_JOB_ARRAY_SIZE: '3' }, 4)).toThrow(
      /--shards 4 disagrees with AWS_BATCH_JOB_ARRAY_SIZE=3/,
    )
    expect(() => shardFromEnvironment({ AWS_BATCH_JOB_ARRAY_INDEX: '3', AWS_BATCH_JOB_ARRAY_SIZE: '3' })).toThrow(/shard 4 of 3, which does not exist/)
    // Without the size variable, the count must be declared.
    expect(shardFromEnvironment({ AWS_BATCH_JOB_ARRAY_INDEX: '2', CABLEKIT_SHARDS: '3' })).toEqual({ index: 3, count: 3 })
    expect(() => shardFromEnvironment({ AWS_BATCH_JOB_ARRAY_INDEX: '2' })).toThrow(/--shards N/)
  })

  it('gives nothing when no array job is running, and refuses a non-number', () => {
    expect(shardFromEnvironment({})).toBeUndefined()
    expect(shardFromEnvironment({ CABLEKIT_SHARDS: '4' })).toBeUndefined()
    expect(() => shardFromEnvironment({ JOB_COMPLETION_INDEX: 'x' }, 2)).toThrow(/whole number/)
    expect(() => shardFromEnvironment({ ...slurm(1, 1, 4, 1, 4), SLURM_ARRAY_TASK_STEP: '2.5' })).toThrow(/SLURM_ARRAY_TASK_STEP must be a whole number/)
  })
})

describe('slurmArrayRank', () => {
  it('gives every task of any range or evenly spaced list a distinct rank from 0 to COUNT - 1', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 9 }),
        fc.boolean(),
        (min, count, step, listed) => {
          const ids = Array.from({ length: count }, (_, i) => min + i * step)
          const max = ids[ids.length - 1]!
          // A list reports STEP=1, a stepped range its step.
          const ranks = ids.map((id) => slurmArrayRank({ id, count, min, max, step: listed ? 1 : step }))
          expect(ranks).toEqual(ids.map((_, i) => i))
        },
      ),
    )
  })
})

describe('checkShardCount', () => {
  it('lets --shard i/n and --shards agree or refuses them', () => {
    expect(checkShardCount({ index: 2, count: 4 }, undefined)).toEqual({ index: 2, count: 4 })
    expect(checkShardCount({ index: 2, count: 4 }, 4)).toEqual({ index: 2, count: 4 })
    expect(() => checkShardCount({ index: 2, count: 4 }, 5)).toThrow(expect.objectContaining({ exitCode: 2 }))
  })
})

describe('batch with a count that disagrees with the scheduler', () => {
  it('exits 2 with the reason, before rendering anything', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cablekit-shards-'))
    try {
      const run = await cli(['batch', root, '-o', join(root, 'out'), '--shards', '8', '--progress', 'none'], {
        env: {
          NO_COLOR: '1',
          SLURM_ARRAY_TASK_ID: '2',
          SLURM_ARRAY_TASK_MIN: '0',
          SLURM_ARRAY_TASK_MAX: '6',
          SLURM_ARRAY_TASK_STEP: '2',
          SLURM_ARRAY_TASK_COUNT: '4',
        },
      })
      expect(run.code).toBe(2)
      expect(run.stderr).toMatch(/--shards 8 disagrees with SLURM_ARRAY_TASK_COUNT=4/)
      const flags = await cli(['batch', root, '-o', join(root, 'out'), '--shard', '1/4', '--shards', '8', '--progress', 'none'])
      expect(flags.code).toBe(2)
      expect(flags.stderr).toMatch(/--shard 1\/4 and --shards 8 disagree/)
      expect(existsSync(join(root, 'out'))).toBe(false)
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
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
      // Shards 1 and 2 by flag, 3 by a Kubernetes index, 4 by the last task of a stepped Slurm array (--array=1-7:2), as they would run on a cluster.
      const env: NodeJS.ProcessEnv =
        index === 3
          ? { JOB_COMPLETION_INDEX: '2', CABLEKIT_SHARDS: '4' }
          : index === 4
            ? { SLURM_ARRAY_TASK_ID: '7', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '7', SLURM_ARRAY_TASK_STEP: '2', SLURM_ARRAY_TASK_COUNT: '4' }
            : {}
      const args = ['batch', join(root, 'archive'), '-o', out, '--jobs', '1', '--progress', 'json', ...(index <= 2 ? ['--shard', `${index}/4`] : [])]
      const run = await cli(args, { env: { NO_COLOR: '1', ...env } })
      const events = run.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { event: string; path?: string; shard?: string })
      expect(events[0]).toMatchObject({ event: 'start', shard: `${index}/4` })
      const paths = events.filter((event) => event.event === 'file').map((event) => event.path!)
      for (const path of paths) expect(shardOf(path, 4)).toBe(index)
      seen.push(...paths)
    }
    const all = [...archive.files, ...archive.others].sort()
    expect([...seen].sort()).toEqual(all)

    const merge = await cli(['manifest', 'merge', out, '--json'])
    expect(merge.code, merge.stderr).toBe(0)
    expect(JSON.parse(merge.stdout)).toMatchObject({
      shards: 4,
      missing: [],
      incomplete: [],
      overlaps: { count: 0 },
      misplaced: 0,
      entries: 81,
      rendered: 78,
      failed: 2,
      skipped: 1,
    })
    const merged = readFileSync(join(out, 'manifest.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { path: string }).path)
    expect([...merged].sort()).toEqual(all)

    // A missing shard is a gap the merge reports, with the command that fills it.
    // It writes nothing: a manifest that looks whole would claim inputs nobody rendered.
    unlinkSync(join(out, 'manifest.shard-3-of-4.jsonl'))
    unlinkSync(join(out, 'manifest.jsonl'))
    const gap = await cli(['manifest', 'merge', out])
    expect(gap.code).toBe(1)
    expect(gap.stderr).toMatch(/missing shard 3 of 4: run --shard 3\/4/)
    expect(gap.stderr).toMatch(/nothing written/)
    expect(existsSync(join(out, 'manifest.jsonl'))).toBe(false)
    expect(readdirSync(out).filter((name) => name.startsWith('.manifest') || name.includes('.tmp'))).toEqual([])
    // --partial writes what the present shards hold, and still exits 1.
    const partial = await cli(['manifest', 'merge', out, '--partial', '--json'])
    expect(partial.code).toBe(1)
    const written = readFileSync(join(out, 'manifest.jsonl'), 'utf8').trim().split('\n')
    expect(JSON.parse(partial.stdout)).toMatchObject({ written: true, missing: [3], entries: written.length })
    expect(written.length).toBeLessThan(all.length)
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
