import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { canonicalJson, optionsHash } from '../packages/cli/src/batch/hashes.js'
import { KeyMap } from '../packages/cli/src/batch/key-set.js'
import { ManifestWriter, readManifest, repairManifest } from '../packages/cli/src/batch/manifest.js'
import { planWalk, walkInputs } from '../packages/cli/src/batch/walk-inputs.js'
import { sweepTemporaries, writeOutput } from '../packages/cli/src/batch/write-output.js'

const roots: string[] = []
const temp = () => {
  const root = mkdtempSync(join(tmpdir(), 'cablekit-internals-'))
  roots.push(root)
  return root
}
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })))

const touch = (path: string, text = 'x') => {
  mkdirSync(join(path, '..'), { recursive: true })
  writeFileSync(path, text)
}

async function walk(specs: string[], cwd: string, exclude: string[] = []) {
  const entries = []
  for await (const entry of walkInputs(await planWalk(specs, cwd, exclude))) entries.push(`${entry.kind}:${entry.relative}`)
  return entries
}

describe('walkInputs', () => {
  it('walks in code-point order per folder, skips hidden entries and the output folder, and classifies by extension', async () => {
    const root = temp()
    for (const path of ['b/2.md', 'b/10.txt', 'a.JSON', 'B.md', 'notes.html', '.git/x.md', 'b/.hidden.md', 'out/old.md']) touch(join(root, 'archive', path))
    expect(await walk(['archive'], root, [join(root, 'archive', 'out')])).toEqual([
      'input:B.md',
      'input:a.JSON',
      'input:b/10.txt',
      'input:b/2.md',
      'skipped:notes.html',
    ])
  })

  it('takes paths from the common folder of several roots, and the static base of a glob', async () => {
    const root = temp()
    for (const path of ['x/2009/a.md', 'x/2010/b.txt', 'x/2010/c.md']) touch(join(root, path))
    expect(await walk(['x/2009', 'x/2010/b.txt'], root)).toEqual(['input:2009/a.md', 'input:2010/b.txt'])
    expect(await walk(['x/**/*.md'], root)).toEqual(['input:2009/a.md', 'input:2010/c.md'])
  })

  it('follows links to files, not to folders', async () => {
    const root = temp()
    touch(join(root, 'src', 'a.md'))
    mkdirSync(join(root, 'archive'))
    symlinkSync(join(root, 'src', 'a.md'), join(root, 'archive', 'link.md'))
    symlinkSync(join(root, 'archive'), join(root, 'archive', 'loop'))
    // A link to a folder is not entered, but it is counted: a skipped entry of its own.
    expect(await walk(['archive'], root)).toEqual(['input:link.md', 'skipped:loop'])
  })

  it('refuses a path that does not exist, as a usage error', async () => {
    await expect(planWalk(['nope'], temp())).rejects.toMatchObject({ exitCode: 2 })
  })
})

describe('manifest files', () => {
  it('cuts a torn last line and keeps whole ones', async () => {
    const path = join(temp(), 'manifest.jsonl')
    writeFileSync(path, '{"path":"a.md","status":"rendered","outputs":[],"diagnostics":[]}\n{"path":"b.m')
    expect(await repairManifest(path)).toBe(12)
    expect(readFileSync(path, 'utf8')).toBe('{"path":"a.md","status":"rendered","outputs":[],"diagnostics":[]}\n')
    expect(await repairManifest(path)).toBe(0)
    expect(await repairManifest(join(temp(), 'absent.jsonl'))).toBe(0)
  })

  it('appends lines that read back, and marks a line that is not an entry', async () => {
    const path = join(temp(), 'manifest.jsonl')
    const writer = await ManifestWriter.open(path)
    await writer.append({
      path: 'a.md',
      status: 'failed',
      outputs: [],
      diagnostics: [{ severity: 'error', ruleId: 'bad-yaml', reason: 'bad', line: 2, column: 3 }],
    })
    await writer.close()
    writeFileSync(path, `${readFileSync(path, 'utf8')}{"status":"rendered"}\n`)
    const lines = []
    for await (const line of readManifest(path)) lines.push(line)
    expect(lines.map((line) => line.entry?.path)).toEqual(['a.md', undefined])
    expect(lines[0]!.entry!.diagnostics[0]).toEqual({ severity: 'error', ruleId: 'bad-yaml', reason: 'bad', line: 2, column: 3 })
  })
})

describe('atomic outputs', () => {
  it('writes through a temporary name that the next run of the same shard sweeps', async () => {
    const root = temp()
    await writeOutput(join(root, 'a', 'x.pdf'), 'pdf', 'all')
    expect(readFileSync(join(root, 'a', 'x.pdf'), 'utf8')).toBe('pdf')
    touch(join(root, 'a', '.y.pdf.cablekit-tmp-shard-1-of-2-12-3'))
    touch(join(root, 'b', '.z.pdf.cablekit-tmp-shard-2-of-2-12-4'))
    expect(await sweepTemporaries(root, 'shard-1-of-2')).toBe(1)
    expect(existsSync(join(root, 'b', '.z.pdf.cablekit-tmp-shard-2-of-2-12-4'))).toBe(true)
    expect(await sweepTemporaries(root, 'all')).toBe(1)
    expect(existsSync(join(root, 'a', 'x.pdf'))).toBe(true)
  })
})

describe('KeyMap and hashes', () => {
  it('stores, replaces and finds keys across growth', () => {
    const map = new KeyMap(2)
    for (let i = 0; i < 5000; i++) map.set(`path/${i}.md`, i)
    map.set('path/7.md', 70)
    expect(map.size).toBe(5000)
    expect(map.get('path/7.md')).toBe(70)
    expect(map.get('path/4999.md')).toBe(4999)
    expect(map.has('path/5000.md')).toBe(false)
  })

  it('hashes options canonically: key order does not matter, values do', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: undefined }] })).toBe('{"a":[1,{"d":2}],"b":1}')
    expect(optionsHash({ to: ['pdf'], theme: null })).toBe(optionsHash({ theme: null, to: ['pdf'] }))
    expect(optionsHash({ to: ['pdf'] })).not.toBe(optionsHash({ to: ['docx'] }))
  })
})
