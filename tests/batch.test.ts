import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateArchive } from '../scripts/gen-archive-lib.js'
import type { GeneratedArchive } from '../scripts/gen-archive-lib.js'
import { cli } from './helpers/cli.js'
import type { CliRun } from './helpers/cli.js'

interface Line {
  path: string
  status: string
  contentHash?: string
  optionsHash?: string
  outputs: { path: string; bytes: number }[]
  diagnostics: { severity: string; ruleId?: string; reason: string; line?: number; column?: number }[]
}

const readManifest = (path: string): Line[] =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((text) => JSON.parse(text) as Line)

describe('cablekit batch on a generated archive of 300 cables, 5 malformed', () => {
  let root: string
  let archive: GeneratedArchive
  let first: CliRun
  let events: Record<string, unknown>[]
  let manifest: Line[]

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'cablekit-batch-'))
    archive = await generateArchive({ out: join(root, 'archive'), count: 300, malformed: 5, seed: 7, pages: [1, 2], others: 2 })
    first = await cli(['batch', join(root, 'archive'), '-o', join(root, 'out'), '--to', 'pdf', '--jobs', '2', '--progress', 'json'], { env: { NO_COLOR: '1' } })
    events = first.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    manifest = readManifest(join(root, 'out', 'manifest.jsonl'))
  }, 240_000)

  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('renders 295, reports the 5 malformed ones and exits 1', () => {
    expect(first.code).toBe(1)
    const end = events.at(-1)!
    expect(end).toMatchObject({ event: 'end', total: 302, rendered: 295, failed: 5, skipped: 2, resumed: 0 })
    expect(first.stderr).toMatch(/295 rendered, 5 failed, 2 skipped/)
  })

  it('names each malformed file with the line and column of its error, and no other', () => {
    const failed = manifest
      .filter((line) => line.status === 'failed')
      .map((line) => line.path)
      .sort()
    expect(failed).toEqual([...archive.malformed].sort())
    for (const path of archive.malformed) {
      expect(first.stderr).toContain(path)
      const line = manifest.find((entry) => entry.path === path)!
      expect(line.diagnostics.some((diagnostic) => diagnostic.severity === 'error' && diagnostic.line! >= 1 && diagnostic.column! >= 1)).toBe(true)
    }
    expect(first.stderr).not.toMatch(/\bat .+\.ts:\d+/)
  })

  it('has one manifest line per input with hashes, outputs and sizes that match the files', () => {
    expect(manifest).toHaveLength(302)
    expect(new Set(manifest.map((line) => line.path)).size).toBe(302)
    for (const line of manifest.filter((entry) => entry.status === 'rendered')) {
      expect(line.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/)
      expect(line.optionsHash).toMatch(/^sha256:[0-9a-f]{64}$/)
      expect(line.outputs.length).toBeGreaterThan(0)
      for (const output of line.outputs) expect(statSync(join(root, 'out', output.path)).size).toBe(output.bytes)
    }
    expect(
      manifest
        .filter((line) => line.status === 'skipped')
        .map((line) => line.path)
        .sort(),
    ).toEqual([...archive.others].sort())
  })

  it('mirrors the input tree with the names `render` gives', () => {
    const md = archive.files.find((path) => path.endsWith('.md') && !archive.malformed.includes(path))!
    const txt = archive.files.find((path) => path.endsWith('.txt') && !archive.malformed.includes(path))!
    for (const path of [md, txt]) expect(existsSync(join(root, 'out', path.replace(/\.(md|txt)$/, '.pdf')))).toBe(true)
  })

  it('writes PDFs that qpdf accepts and whose text pdftotext reads', () => {
    const rendered = manifest.filter((line) => line.status === 'rendered')
    for (const line of rendered.filter((_, index) => index % 60 === 0)) {
      const pdf = join(root, 'out', line.outputs[0]!.path)
      execFileSync('qpdf', ['--check', pdf], { stdio: 'pipe' })
      const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })
      const source = readFileSync(join(root, 'archive', line.path), 'utf8')
      // The first words of the body (or of the subject for JSON) are on the page.
      const word = /\b([A-Za-zÀ-ÿ]{7,})\b/.exec(source.split('\n---\n')[1] ?? source.replace(/^[\s\S]*?"value": "/, ''))?.[1]
      expect(text.toLowerCase()).toContain(word!.toLowerCase())
    }
  })

  it('emits progress JSON events that parse and count up to the total', () => {
    expect(events[0]).toEqual({ event: 'start', total: 302, jobs: 2 })
    const files = events.filter((event) => event.event === 'file')
    expect(files).toHaveLength(302)
    expect(files.map((event) => event.done)).toEqual(Array.from({ length: 302 }, (_, i) => i + 1))
    expect(files.every((event) => event.total === 302)).toBe(true)
    expect(files.at(-1)!.failed).toBe(5)
    expect(new Set(files.map((event) => event.path)).size).toBe(302)
  })

  it('resumes: a second run renders nothing, leaves every output untouched and still exits 1', async () => {
    const sample = join(root, 'out', manifest.find((line) => line.status === 'rendered')!.outputs[0]!.path)
    const before = statSync(sample).mtimeMs
    const again = await cli(['batch', join(root, 'archive'), '-o', join(root, 'out'), '--to', 'pdf', '--jobs', '2', '--progress', 'json'])
    expect(again.code).toBe(1)
    expect(JSON.parse(again.stdout.trim().split('\n').at(-1)!)).toMatchObject({ event: 'end', rendered: 0, resumed: 295, failed: 5, skipped: 2 })
    expect(statSync(sample).mtimeMs).toBe(before)
    expect(readManifest(join(root, 'out', 'manifest.jsonl'))).toHaveLength(302)
  })

  it('renders a changed input again, and only it', async () => {
    const line = manifest.find((entry) => entry.status === 'rendered' && entry.path.endsWith('.md'))!
    const source = join(root, 'archive', line.path)
    const { writeFileSync } = await import('node:fs')
    writeFileSync(source, readFileSync(source, 'utf8').replace(/\n---\n\n/, '\n---\n\nAjouté. '))
    const again = await cli(['batch', join(root, 'archive'), '-o', join(root, 'out'), '--to', 'pdf', '--jobs', '1', '--progress', 'json'])
    const end = JSON.parse(again.stdout.trim().split('\n').at(-1)!)
    expect(end).toMatchObject({ rendered: 1, resumed: 294, failed: 5 })
    const lines = readManifest(join(root, 'out', 'manifest.jsonl'))
    expect(lines).toHaveLength(302)
    expect(lines.find((entry) => entry.path === line.path)!.contentHash).not.toBe(line.contentHash)
  })

  it('drops from the manifest an input that is no longer in the archive', async () => {
    const gone = manifest.filter((entry) => entry.status === 'rendered').at(-1)!
    const { rmSync } = await import('node:fs')
    rmSync(join(root, 'archive', gone.path))
    const again = await cli(['batch', join(root, 'archive'), '-o', join(root, 'out'), '--to', 'pdf', '--jobs', '1', '--progress', 'json'])
    expect(JSON.parse(again.stdout.trim().split('\n').at(-1)!)).toMatchObject({ rendered: 0, resumed: 294 })
    const lines = readManifest(join(root, 'out', 'manifest.jsonl'))
    expect(lines).toHaveLength(301)
    expect(lines.some((entry) => entry.path === gone.path)).toBe(false)
    expect(new Set(lines.map((entry) => entry.path)).size).toBe(301)
  })
})

describe('cablekit batch usage errors', () => {
  it('exits 2 on a bad --shard, an unknown theme or a missing input', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cablekit-batch-usage-'))
    try {
      const shard = await cli(['batch', 'examples', '-o', out, '--shard', '5/4'])
      expect(shard.code).toBe(2)
      expect(shard.stderr).toMatch(/--shard expects i\/n/)
      expect((await cli(['batch', 'examples', '-o', out, '--theme', 'nope'])).code).toBe(2)
      const missing = await cli(['batch', 'no-such-folder', '-o', out])
      expect(missing.code).toBe(2)
      expect(missing.stderr).toMatch(/no such file or folder: no-such-folder/)
      expect((await cli(['batch', 'examples', '-o', out, '--to', 'rtf'])).code).toBe(2)
      const index = await cli(['batch', 'examples', '-o', out], { env: { JOB_COMPLETION_INDEX: '0' } })
      expect(index.code).toBe(2)
      expect(index.stderr).toMatch(/--shards N or set CABLEKIT_SHARDS/)
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  })
})
