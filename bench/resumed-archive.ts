/**
 * The archive the benches resume to measure the parent's memory: `n` tiny
 * cables, each already rendered and in the manifest, so that the walk,
 * hashing, resume map, manifest compaction and progress events all run for
 * every input. Shared by `batch.bench.ts` and `cablegate.bench.ts`.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { contentHash } from '../packages/cli/src/batch/hashes.js'

/** An archive of `n` tiny cables, each already rendered and in the manifest, so a run resumes them all. */
export function prepareResumed(base: string, n: number, hash: string): void {
  const lines: string[] = []
  for (let i = 0; i < n; i++) {
    const folder = `d${String(i % 200).padStart(3, '0')}`
    const text = `---\nid: C${i}\n---\n\nCable ${i}.\n`
    mkdirSync(join(base, 'archive', folder), { recursive: true })
    mkdirSync(join(base, 'out', folder), { recursive: true })
    writeFileSync(join(base, 'archive', folder, `c${i}.md`), text)
    writeFileSync(join(base, 'out', folder, `c${i}.pdf`), 'x')
    lines.push(
      JSON.stringify({
        path: `${folder}/c${i}.md`,
        status: 'rendered',
        contentHash: contentHash(new TextEncoder().encode(text)),
        optionsHash: hash,
        outputs: [{ path: `${folder}/c${i}.pdf`, bytes: 1 }],
        diagnostics: [],
      }),
    )
  }
  writeFileSync(join(base, 'out', 'manifest.jsonl'), `${lines.join('\n')}\n`)
}
