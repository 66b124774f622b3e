import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { afterAll, describe, expect, it } from 'vitest'
import { run } from '../packages/cli/src/program.js'
import { cli } from './helpers/cli.js'
import { listFiles } from './helpers/files.js'

const cable = (n: number, extra = '') =>
  `---\nid: T-${n}\nlang: fr\nsubject: Note ${n}\n---\n\nJ’ai l’honneur de vous rendre compte de l’entretien numéro ${n}.${extra}\n`

function archive(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'cablekit-batch-safety-'))
  mkdirSync(join(dir, 'archive'))
  for (let n = 1; n <= count; n++) writeFileSync(join(dir, 'archive', `c${String(n).padStart(3, '0')}.md`), cable(n))
  return dir
}

/** Every manifest line parses, and the file ends on a whole line. */
function manifestLines(path: string): { path: string; status: string; diagnostics: { ruleId?: string; reason: string }[] }[] {
  const text = readFileSync(path, 'utf8')
  if (text !== '') expect(text.endsWith('\n')).toBe(true)
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { path: string; status: string; diagnostics: { ruleId?: string; reason: string }[] })
}

const mounts: string[] = []
afterAll(() => {
  for (const mount of mounts) spawnSync('umount', [mount])
})

describe('a full disk (finding 3)', () => {
  it('stops at the first ENOSPC with a clear message, records no input as failed for it, and resumes to completion', async () => {
    const dir = archive(24)
    const out = join(dir, 'out')
    mkdirSync(out)
    // A real small file system, so the error comes from the kernel, not from a mock.
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=160k', 'tmpfs', out], { encoding: 'utf8' })
    if (mounted.status !== 0) throw new Error(`this test mounts a small tmpfs and needs root: ${mounted.stderr}`)
    mounts.push(out)

    const first = await cli(['batch', 'archive', '-o', 'out', '--jobs', '1', '--to', 'pdf'], { cwd: dir })
    expect(first.code).toBe(1)
    expect(first.stderr).toMatch(/no space left on the device \(ENOSPC\)/)
    expect(first.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/)
    const lines = manifestLines(join(out, 'manifest.jsonl'))
    expect(lines.length).toBeLessThan(24)
    expect(lines.filter((line) => line.status === 'failed')).toEqual([])
    expect(listFiles(out).filter((name) => name.includes('.cablekit-tmp-'))).toEqual([])

    // Room again: the next run renders what is missing, and every input ends rendered once.
    execFileSync('mount', ['-o', 'remount,size=64m', out])
    const second = await cli(['batch', 'archive', '-o', 'out', '--jobs', '1', '--to', 'pdf'], { cwd: dir })
    expect(second.code, second.stderr).toBe(0)
    const all = manifestLines(join(out, 'manifest.jsonl'))
    expect(all.map((line) => line.path).sort()).toEqual(Array.from({ length: 24 }, (_, i) => `c${String(i + 1).padStart(3, '0')}.md`))
    expect(all.every((line) => line.status === 'rendered')).toBe(true)
  })
})

describe('one run per output folder (finding 4)', () => {
  it('refuses a second run while the first holds the lock, naming who holds it', async () => {
    const dir = archive(2)
    mkdirSync(join(dir, 'out'))
    // A live process of this machine holds it: this test's own.
    writeFileSync(join(dir, 'out', '.manifest.jsonl.lock'), JSON.stringify({ pid: process.pid, host: hostname(), started: '2026-01-01T00:00:00.000Z' }))
    const refused = await cli(['batch', 'archive', '-o', 'out', '--jobs', '1'], { cwd: dir })
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain(`another batch (process ${process.pid} on ${hostname()}`)
    expect(existsSync(join(dir, 'out', 'manifest.jsonl'))).toBe(false)
  })

  it('takes over the lock of a run that died, and removes its own when done', async () => {
    const dir = archive(2)
    mkdirSync(join(dir, 'out'))
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' })
    const pid = Number(dead.stdout.trim())
    writeFileSync(join(dir, 'out', '.manifest.jsonl.lock'), JSON.stringify({ pid, host: hostname(), started: '2026-01-01T00:00:00.000Z' }))
    const result = await cli(['batch', 'archive', '-o', 'out', '--jobs', '1'], { cwd: dir })
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toContain(`took over the lock of process ${pid}`)
    expect(existsSync(join(dir, 'out', '.manifest.jsonl.lock'))).toBe(false)
    expect(manifestLines(join(dir, 'out', 'manifest.jsonl'))).toHaveLength(2)
  })

  it('lets two shards share one output folder', async () => {
    const dir = archive(6)
    const runs = await Promise.all([1, 2].map((index) => cli(['batch', 'archive', '-o', 'out', '--jobs', '1', '--shard', `${index}/2`], { cwd: dir })))
    for (const result of runs) expect(result.code, result.stderr).toBe(0)
  })
})

describe('inputs that are not regular files (finding 16)', () => {
  it('records FIFOs, link loops, dangling links and links to folders with a manifest line and a count, and never blocks', async () => {
    const dir = archive(2)
    execFileSync('mkfifo', [join(dir, 'archive', 'pipe.md')])
    symlinkSync('loop.md', join(dir, 'archive', 'loop.md'))
    symlinkSync('nowhere.md', join(dir, 'archive', 'dangling.md'))
    mkdirSync(join(dir, 'elsewhere'))
    symlinkSync(join(dir, 'elsewhere'), join(dir, 'archive', 'linked'))
    const result = await cli(['batch', 'archive', '-o', 'out', '--jobs', '1'], { cwd: dir })
    expect(result.code).toBe(1)
    const lines = manifestLines(join(dir, 'out', 'manifest.jsonl'))
    const byPath = Object.fromEntries(lines.map((line) => [line.path, line]))
    expect(byPath['pipe.md']).toMatchObject({ status: 'skipped' })
    expect(byPath['pipe.md']!.diagnostics[0]!.reason).toContain('FIFO')
    expect(byPath['loop.md']).toMatchObject({ status: 'failed' })
    expect(byPath['loop.md']!.diagnostics[0]!.reason).toContain('ELOOP')
    expect(byPath['dangling.md']).toMatchObject({ status: 'failed' })
    expect(byPath['linked']).toMatchObject({ status: 'skipped' })
    expect(lines).toHaveLength(6)
    expect(result.stderr).toMatch(/2 rendered, 2 failed, 2 skipped/)
  })

  it('gives a FIFO named to parse, convert or render an error, not a hang', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cablekit-fifo-'))
    execFileSync('mkfifo', [join(dir, 'pipe.txt')])
    for (const argv of [
      ['parse', 'pipe.txt'],
      ['render', 'pipe.txt', '-o', 'out'],
      ['convert', 'pipe.txt', '--to', 'md'],
    ]) {
      const result = await cli(argv, { cwd: dir })
      expect(result.code, argv.join(' ')).toBe(1)
      expect(result.stderr).toMatch(/pipe\.txt\s+1:1\s+error\s+not a regular file \(a FIFO\)/)
    }
  })
})

describe('batch leftovers (finding 17)', () => {
  it('leaves no temporary file behind a worker killed past its time limit', async () => {
    const dir = archive(3)
    writeFileSync(join(dir, 'archive', 'c002.md'), cable(2, ' CABLEKIT-TEST-POISON:hang'))
    const result = await cli(['batch', 'archive', '-o', 'out', '--jobs', '1', '--timeout', '3', '--to', 'pdf,docx'], {
      cwd: dir,
      env: { NO_COLOR: '1', CABLEKIT_TEST_POISON: '1' },
    })
    expect(result.code).toBe(1)
    expect(listFiles(join(dir, 'out')).filter((name) => name.includes('.cablekit-tmp-'))).toEqual([])
    const lines = manifestLines(join(dir, 'out', 'manifest.jsonl'))
    expect(lines.find((line) => line.path === 'c002.md')).toMatchObject({ status: 'failed' })
    expect(lines.filter((line) => line.status === 'rendered')).toHaveLength(2)
  })

  it('names a file whose name is not UTF-8 instead of failing it as ENOENT', async () => {
    const dir = archive(1)
    writeFileSync(Buffer.concat([Buffer.from(join(dir, 'archive', 'caf')), Buffer.from([0xe9]), Buffer.from('.md')]), cable(9))
    const result = await cli(['batch', 'archive', '-o', 'out', '--jobs', '1'], { cwd: dir })
    const lines = manifestLines(join(dir, 'out', 'manifest.jsonl'))
    const bad = lines.find((line) => line.path.startsWith('caf'))
    expect(bad?.status).toBe('failed')
    expect(bad?.diagnostics[0]?.reason).toContain('not valid UTF-8')
    expect(result.stderr).not.toContain('ENOENT')
  })

  it('writes nothing through a symbolic link inside the output folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cablekit-outlink-'))
    mkdirSync(join(dir, 'archive', 'sub'), { recursive: true })
    writeFileSync(join(dir, 'archive', 'sub', 'x.md'), cable(1))
    mkdirSync(join(dir, 'out'))
    mkdirSync(join(dir, 'outside'))
    symlinkSync(join(dir, 'outside'), join(dir, 'out', 'sub'))
    const result = await cli(['batch', 'archive', '-o', 'out', '--jobs', '1'], { cwd: dir })
    expect(result.code).toBe(1)
    expect(readdirSync(join(dir, 'outside'))).toEqual([])
    const [line] = manifestLines(join(dir, 'out', 'manifest.jsonl'))
    expect(line!.diagnostics.some((d) => d.ruleId === 'unsafe-output')).toBe(true)
  })

  it('counts a file deleted during the run in the summary', async () => {
    const dir = archive(30)
    let deleted = false
    const watcher = () =>
      new (class extends Writable {
        text = ''
        isTTY = false
        override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void) {
          this.text += chunk.toString()
          // At the first file's event the walk is still far from the last file: take it away.
          if (!deleted && this.text.includes('"event":"file"')) {
            unlinkSync(join(dir, 'archive', 'c030.md'))
            deleted = true
          }
          callback()
        }
      })()
    const stdout = watcher()
    const stderr = watcher()
    const code = await run(['batch', 'archive', '-o', 'out', '--jobs', '1', '--progress', 'json'], { stdout, stderr, cwd: dir, env: { NO_COLOR: '1' } })
    expect(deleted).toBe(true)
    expect(code, stderr.text.slice(-2000)).toBe(0)
    const summary = JSON.parse(readFileSync(join(dir, 'out', 'batch-summary.json'), 'utf8')) as { total: number; rendered: number; vanished?: number }
    expect(summary.total).toBe(30)
    expect(summary.rendered + (summary.vanished ?? 0)).toBe(30)
    expect(summary.vanished).toBe(1)
    rmSync(dir, { recursive: true, force: true })
  })
})
