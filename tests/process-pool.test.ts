import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ProcessPool } from '../packages/cli/src/batch/process-pool.js'
import type { PoolOutcome } from '../packages/cli/src/batch/process-pool.js'

const worker = { script: join(import.meta.dirname, 'helpers', 'scripted-worker.mjs'), execArgv: [] }
const setup = { to: ['pdf' as const], out: '/nonexistent', tag: 'all' }
const pool = (size: number, timeoutMs = 10_000) => new ProcessPool({ size, setup, timeoutMs, maxMemoryMb: 256, env: process.env, worker })
const job = (id: number, relative: string) => ({ id, absolute: `/in/${relative}`, relative })

describe('the batch process pool', () => {
  it('gives a worker its next file while the last one is being written', async () => {
    const workers = pool(1)
    const outcomes = await Promise.all([1, 2, 3].map((id) => workers.run(job(id, `slow-${id}`))))
    await workers.close()
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rendered', 'rendered', 'rendered'])
    // Each file came while the ones before it were still being written (600 ms each).
    expect(outcomes.map((outcome) => outcome.diagnostics[0]!.reason)).toEqual(['writing 0', 'writing 1', 'writing 2'])
  })

  it('blames a crash on the file being rendered, and gives the files it was writing to another worker', async () => {
    const workers = pool(1)
    const slow = workers.run(job(1, 'slow-a'))
    const abort = workers.run(job(2, 'abort-b'))
    const after = workers.run(job(3, 'c'))
    const [first, second, third] = (await Promise.all([slow, abort, after])) as PoolOutcome[]
    await workers.close()
    expect(second).toMatchObject({ status: 'failed', crash: 'aborted', diagnostics: [{ ruleId: 'aborted' }] })
    expect(first).toMatchObject({ status: 'rendered' })
    expect(first!.crash).toBeUndefined()
    expect(third).toMatchObject({ status: 'rendered' })
    // The slow file was written again by the replacement worker, not the one that died.
    expect(first!.outputs[0]!.bytes).toBe(third!.outputs[0]!.bytes)
  })

  it('blames a hang on the file being rendered, not on the writes it holds up', async () => {
    const workers = pool(1, 1000)
    const [slow, hang, after] = await Promise.all([workers.run(job(1, 'slow-a')), workers.run(job(2, 'hang-b')), workers.run(job(3, 'c'))])
    await workers.close()
    expect(hang).toMatchObject({ status: 'failed', crash: 'timeout' })
    expect(slow).toMatchObject({ status: 'rendered' })
    expect(after).toMatchObject({ status: 'rendered' })
  })

  it('fails the files a worker was writing when it dies with nothing else to blame, and goes on', async () => {
    const workers = pool(1)
    const dies = await workers.run(job(1, 'dies-writing-a'))
    const next = await workers.run(job(2, 'b'))
    await workers.close()
    expect(dies).toMatchObject({ status: 'failed', crash: 'crashed' })
    expect(dies.diagnostics[0]!.reason).toMatch(/code 3/)
    expect(next.status).toBe('rendered')
  })
})
