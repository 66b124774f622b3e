import { spawn } from 'node:child_process'
import { appendFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateArchive } from '../scripts/gen-archive-lib.js'

const TEMPORARY = '.cablekit-tmp-'
const entry = pathToFileURL(join(import.meta.dirname, '..', 'packages', 'cli', 'src', 'index.ts')).href
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href

/** Start `cablekit` from source in its own process group, as a shell or a job runner would. */
function startCli(args: string[]) {
  const script = `const { main } = await import(${JSON.stringify(entry)}); process.exitCode = await main(${JSON.stringify(args)})`
  const child = spawn(process.execPath, ['--conditions=source', '--import', tsx, '--input-type=module', '-e', script], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => (stdout += chunk))
  child.stderr.on('data', (chunk) => (stderr += chunk))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  )
  return { child, exited, output: () => stdout }
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((dirent) => dirent.isFile())
    .map((dirent) => relative(folder, join(dirent.parentPath, dirent.name)))
    .sort()
}

/** A final (non-temporary) output that is cut short: a PDF must end with %%EOF, a DOCX with a zip directory. */
function partialOutputs(folder: string): string[] {
  const partial: string[] = []
  for (const path of filesUnder(folder)) {
    if (path.includes(TEMPORARY)) continue
    let bytes: Buffer
    try {
      bytes = readFileSync(join(folder, path))
    } catch {
      continue // renamed or swept between listing and reading
    }
    if (path.endsWith('.pdf') && !bytes.subarray(-32).toString('latin1').includes('%%EOF')) partial.push(path)
    if (path.endsWith('.docx') && bytes.subarray(-22, -18).toString('latin1') !== 'PK\x05\x06') partial.push(path)
  }
  return partial
}

const outputs = (folder: string) => filesUnder(folder).filter((path) => /\.(pdf|docx)$/.test(path))

describe('a batch killed with SIGKILL mid-way', () => {
  let root: string
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'cablekit-crash-'))
    await generateArchive({ out: join(root, 'archive'), count: 90, malformed: 3, seed: 11, pages: [1, 3] })
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('never shows a partial file, and run again gives exactly the bytes of an uninterrupted run', async () => {
    const args = (out: string) => ['batch', join(root, 'archive'), '-o', out, '--to', 'pdf,docx', '--jobs', '2', '--progress', 'json']
    const reference = startCli(args(join(root, 'reference')))
    const referenceRun = await reference.exited
    expect(referenceRun.code, referenceRun.stderr).toBe(1)

    const killedOut = join(root, 'killed')
    const killed = startCli(args(killedOut))
    const partialSeen: string[] = []
    // Watch the output while it is written, then kill the whole process group once a third is done.
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 40))
      try {
        partialSeen.push(...partialOutputs(killedOut))
      } catch {
        continue // the folder does not exist yet
      }
      const done = killed
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{"event":"file"')).length
      if (done >= 30) break
    }
    process.kill(-killed.child.pid!, 'SIGKILL')
    const killedRun = await killed.exited
    expect(killedRun.signal).toBe('SIGKILL')
    partialSeen.push(...partialOutputs(killedOut))
    expect(partialSeen).toEqual([])
    expect(outputs(killedOut).length).toBeLessThan(outputs(join(root, 'reference')).length)

    // What a kill can leave: temporary files and a torn last manifest line. Make sure both are there.
    writeFileSync(join(killedOut, `.x.pdf${TEMPORARY}all-1-1`), '%PDF-1.7 half')
    appendFileSync(join(killedOut, 'manifest.jsonl'), '{"path":"2005/rab')

    const resumed = startCli(args(killedOut))
    const resumedRun = await resumed.exited
    expect(resumedRun.code, resumedRun.stderr).toBe(1)
    expect(resumedRun.stderr).toMatch(/removed \d+ temporary files? left by a killed run/)
    expect(resumedRun.stderr).toMatch(/cut a torn last line/)
    const end = JSON.parse(resumedRun.stdout.trim().split('\n').at(-1)!) as { resumed: number; rendered: number }
    expect(end.resumed).toBeGreaterThan(0)
    expect(end.rendered).toBeGreaterThan(0)

    expect(filesUnder(killedOut).filter((path) => path.includes(TEMPORARY))).toEqual([])
    const expected = outputs(join(root, 'reference'))
    expect(outputs(killedOut)).toEqual(expected)
    for (const path of expected) {
      expect(readFileSync(join(killedOut, path)).equals(readFileSync(join(root, 'reference', path))), path).toBe(true)
    }
    const lines = readFileSync(join(killedOut, 'manifest.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { path: string })
    expect(lines).toHaveLength(90)
    expect(new Set(lines.map((line) => line.path)).size).toBe(90)
  }, 180_000)
})
