import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse, toJson } from '@cablekit/core'
import { planWalk, walkInputs } from '../packages/cli/src/batch/walk-inputs.js'
import { cli } from './helpers/cli.js'
import type { CliRun } from './helpers/cli.js'

interface Line {
  path: string
  status: string
  outputs: { path: string; bytes: number }[]
  diagnostics: { severity: string; ruleId?: string; reason: string; line?: number; column?: number }[]
}

const cable = (id: string, subject: string) =>
  `---\nid: ${id}\nlang: en\nclassification: UNCLASSIFIED\nsubject: ${subject}\n---\n\n1\\. (U) ${subject} in the body.\n`

describe('cablekit batch with two inputs that would write the same outputs', () => {
  let root: string
  let run: CliRun
  let manifest: Map<string, Line>
  let pdftotext: (path: string) => Promise<string>

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'cablekit-batch-duplicates-'))
    const folder = join(root, 'archive', '2009')
    mkdirSync(folder, { recursive: true })
    // `x.md` and `x.txt` both make x.pdf; `y.json` holds two cables, y-1.pdf and y-2.pdf, and y-1.md makes y-1.pdf.
    writeFileSync(join(folder, 'x.md'), cable('09FIRST1', 'FIRST SOURCE'))
    writeFileSync(join(folder, 'x.txt'), cable('09SECOND1', 'SECOND SOURCE'))
    writeFileSync(join(folder, 'y-1.md'), cable('09SINGLE1', 'SINGLE CABLE'))
    const pair = [cable('09PAIRA1', 'PAIR A'), cable('09PAIRB1', 'PAIR B')].map((text) => parse(text, { path: 'pair.md' }).cables[0]!)
    writeFileSync(join(folder, 'y.json'), toJson(pair))
    writeFileSync(join(folder, 'z.md'), cable('09ALONE1', 'ALONE'))
    run = await cli(['batch', join(root, 'archive'), '-o', join(root, 'out'), '--to', 'pdf', '--jobs', '2', '--progress', 'none'], { env: { NO_COLOR: '1' } })
    manifest = new Map(
      readFileSync(join(root, 'out', 'manifest.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((text) => JSON.parse(text) as Line)
        .map((line) => [line.path, line]),
    )
    const { execFileSync } = await import('node:child_process')
    pdftotext = async (path) => execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' })
  }, 120_000)

  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('fails the later input of the folder with a diagnostic naming both, and exits 1', () => {
    expect(run.code).toBe(1)
    const later = manifest.get('2009/x.txt')!
    expect(later).toMatchObject({ status: 'failed', outputs: [] })
    expect(later.diagnostics).toEqual([expect.objectContaining({ severity: 'error', ruleId: 'duplicate-output', line: 1, column: 1 })])
    expect(later.diagnostics[0]!.reason).toContain('`2009/x.md`')
    expect(later.diagnostics[0]!.reason).toContain('x.pdf')
    expect(run.stderr).toContain('2009/x.txt')
    expect(run.stderr).toContain('duplicate-output')
  })

  it('keeps the earlier input’s output: x.pdf holds the first source, not the second', async () => {
    expect(manifest.get('2009/x.md')).toMatchObject({ status: 'rendered', outputs: [{ path: '2009/x.pdf' }] })
    const text = await pdftotext(join(root, 'out', '2009', 'x.pdf'))
    expect(text).toContain('FIRST SOURCE')
    expect(text).not.toContain('SECOND SOURCE')
  })

  it('fails a file of several cables whose numbered names a sibling owns, and keeps the sibling’s PDF', async () => {
    const several = manifest.get('2009/y.json')!
    expect(several).toMatchObject({ status: 'failed', outputs: [] })
    expect(several.diagnostics).toEqual([expect.objectContaining({ ruleId: 'duplicate-output', line: 1, column: 1 })])
    expect(several.diagnostics[0]!.reason).toContain('`2009/y-1.md`')
    expect(manifest.get('2009/y-1.md')).toMatchObject({ status: 'rendered', outputs: [{ path: '2009/y-1.pdf' }] })
    expect(await pdftotext(join(root, 'out', '2009', 'y-1.pdf'))).toContain('SINGLE CABLE')
  })

  it('renders the inputs that collide with nothing', () => {
    expect(manifest.get('2009/z.md')).toMatchObject({ status: 'rendered', outputs: [{ path: '2009/z.pdf' }] })
    expect(manifest.size).toBe(5)
  })

  it('gives the same verdicts on a second run (decided from the sorted listing, not from which worker finished first)', async () => {
    const again = await cli(['batch', join(root, 'archive'), '-o', join(root, 'out'), '--to', 'pdf', '--jobs', '2', '--progress', 'none'], {
      env: { NO_COLOR: '1' },
    })
    expect(again.code).toBe(1)
    const lines = new Map(
      readFileSync(join(root, 'out', 'manifest.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((text) => JSON.parse(text) as Line)
        .map((line) => [line.path, line.status]),
    )
    expect(Object.fromEntries(lines)).toEqual({
      '2009/x.md': 'rendered',
      '2009/x.txt': 'failed',
      '2009/y-1.md': 'rendered',
      '2009/y.json': 'failed',
      '2009/z.md': 'rendered',
    })
  })
})

describe('walkInputs and output names', () => {
  const roots: string[] = []
  afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })))

  async function walk(specs: string[], cwd: string) {
    const entries = []
    for await (const entry of walkInputs(await planWalk(specs, cwd))) entries.push(entry)
    return entries
  }

  it('marks the later of two inputs with the same stem in a folder, whatever their extensions, and leaves other folders alone', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cablekit-walk-duplicates-'))
    roots.push(root)
    for (const path of ['a/c.txt', 'a/c.JSON', 'a/c.md', 'b/c.md', 'a/c.html']) {
      mkdirSync(join(root, path, '..'), { recursive: true })
      writeFileSync(join(root, path), 'x')
    }
    const entries = await walk(['.'], root)
    expect(entries.map((entry) => `${entry.kind}:${entry.relative}${entry.duplicateOf ? `<${entry.duplicateOf}` : ''}`)).toEqual([
      'input:a/c.JSON',
      'skipped:a/c.html',
      'duplicate:a/c.md<a/c.JSON',
      'duplicate:a/c.txt<a/c.JSON',
      'input:b/c.md',
    ])
  })

  it('tells an input which numbered names its siblings own, and catches the same stem among files named on the command line', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cablekit-walk-duplicates-'))
    roots.push(root)
    for (const name of ['r.json', 'r-1.md', 'r-12.txt', 'r-x.md', 's.md', 's.txt']) writeFileSync(join(root, name), 'x')
    const entries = await walk(['.'], root)
    expect(entries.find((entry) => entry.relative === 'r.json')?.claimed).toEqual([
      { name: 'r-1', path: 'r-1.md' },
      { name: 'r-12', path: 'r-12.txt' },
    ])
    expect(entries.find((entry) => entry.relative === 'r-1.md')?.claimed).toBeUndefined()
    const named = await walk(['s.md', 's.txt', 's.md'], root)
    expect(named.map((entry) => `${entry.kind}:${entry.relative}`)).toEqual(['input:s.md', 'duplicate:s.txt'])
  })
})
