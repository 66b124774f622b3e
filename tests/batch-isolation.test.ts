import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli } from './helpers/cli.js'

const examples = join(import.meta.dirname, '..', 'examples')
const poison = (kind: string) =>
  `---\nid: POISON-${kind.toUpperCase()}\nlang: en\nsubject: POISON ${kind.toUpperCase()}\n---\n\nThis text carries CABLEKIT-TEST-POISON:${kind} for the test hook.\n`

interface Line {
  path: string
  status: string
  contentHash?: string
  diagnostics: { ruleId?: string; reason: string }[]
}

describe('poison files fail alone (test hook CABLEKIT_TEST_POISON=1)', () => {
  let root: string
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'cablekit-poison-'))
    mkdirSync(join(root, 'archive', 'poison'), { recursive: true })
    for (const kind of ['abort', 'hang', 'oom']) writeFileSync(join(root, 'archive', 'poison', `${kind}.md`), poison(kind))
    for (const name of ['09RABAT412.md', 'maroc-otan-requete.md']) copyFileSync(join(examples, name), join(root, 'archive', name))
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('records the abort, the hang and the heap exhaustion each on its own file, replaces the workers and renders the rest', async () => {
    const out = join(root, 'out')
    // 15 s, not less: on a loaded machine the heap-exhausting file must reach its memory limit before its time limit.
    const run = await cli(['batch', join(root, 'archive'), '-o', out, '--jobs', '2', '--timeout', '15', '--max-memory', '160', '--progress', 'none'], {
      env: { NO_COLOR: '1', CABLEKIT_TEST_POISON: '1' },
    })
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/2 rendered, 3 failed/)
    const lines = readFileSync(join(out, 'manifest.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((text) => JSON.parse(text) as Line)
    const byPath = new Map(lines.map((line) => [line.path, line]))
    expect(byPath.get('poison/abort.md')).toMatchObject({ status: 'failed', diagnostics: [{ ruleId: 'aborted' }] })
    expect(byPath.get('poison/hang.md')).toMatchObject({ status: 'failed', diagnostics: [{ ruleId: 'timeout' }] })
    expect(byPath.get('poison/oom.md')).toMatchObject({ status: 'failed', diagnostics: [{ ruleId: 'out-of-memory' }] })
    expect(byPath.get('09RABAT412.md')?.status).toBe('rendered')
    expect(byPath.get('maroc-otan-requete.md')?.status).toBe('rendered')
    for (const path of ['poison/abort.md', 'poison/hang.md', 'poison/oom.md']) {
      expect(run.stderr).toContain(path)
      // The parent hashes what a dead worker read, so resume knows the failure.
      expect(byPath.get(path)!.contentHash).toMatch(/^sha256:/)
    }
    expect(run.stderr).toMatch(/15 s limit per file/)
    expect(run.stderr).toMatch(/160 MB limit/)

    // Run again: the failures stand (same bytes, same options) without waiting for the hang again.
    const again = await cli(['batch', join(root, 'archive'), '-o', out, '--jobs', '2', '--timeout', '15', '--max-memory', '160', '--progress', 'none'], {
      env: { NO_COLOR: '1', CABLEKIT_TEST_POISON: '1' },
    })
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(/0 rendered, 3 failed, 0 skipped, 2 already done/)
    expect(again.stderr).toMatch(/3 of the failures are unchanged since an earlier run/)
  }, 120_000)

  it('leaves the marker inert without the variable: the same files render', async () => {
    const out = join(root, 'inert')
    const run = await cli(['batch', join(root, 'archive', 'poison'), '-o', out, '--jobs', '1', '--timeout', '20', '--progress', 'none'], {
      env: { NO_COLOR: '1' },
    })
    expect(run.stderr).toMatch(/3 rendered, 0 failed/)
    expect(run.code).toBe(0)
  }, 120_000)
})
