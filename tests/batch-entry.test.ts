import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..')

/**
 * The code the parent of `cablekit batch` can run: `batch-main.js`, the build
 * chunks it imports, and those the commands import when they run (the build
 * splits the CLI into chunks, and each command's action is one). Imports of
 * packages are followed no further: only how each is imported matters here.
 */
function parentCode(): string {
  const dist = join(root, 'packages/cli/dist')
  const seen = new Set<string>()
  const texts: string[] = []
  const visit = (name: string) => {
    if (seen.has(name)) return
    seen.add(name)
    const text = readFileSync(join(dist, name), 'utf8')
    texts.push(text)
    for (const match of text.matchAll(/(?:from\s+|import\s*\(?\s*)['"]\.\/([^'"]+\.js)['"]/g)) visit(match[1]!)
  }
  visit('batch-main.js')
  return texts.join('\n')
}

// `npm test` builds first, as `npm ci` does through `prepare`.
describe('the built `cablekit batch` entry', () => {
  it('never loads the renderers in the parent process', () => {
    const entry = parentCode()
    expect(entry).not.toMatch(/from ['"]@cablekit\/render['"]/)
    expect(entry).not.toMatch(/from ['"](pdfkit|fontkit|docx)['"]/)
    expect(entry).toMatch(/from ['"]@cablekit\/render\/themes['"]/)
    // Nor the parsers: the whole of @cablekit/core only comes, by a dynamic import, when the batch redacts.
    expect(entry).not.toMatch(/from ['"]@cablekit\/core['"]/)
    expect(entry).toMatch(/from ['"]@cablekit\/core\/diagnostics['"]/)
    expect(entry).toMatch(/import\(['"]@cablekit\/core['"]\)/)
  })

  it('renders an archive through the bin, with its forked workers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cablekit-batch-entry-'))
    mkdirSync(join(dir, 'in', 'sub'), { recursive: true })
    writeFileSync(join(dir, 'in', 'a.md'), '---\nlang: fr\nsubject: Un.\n---\n\nTexte.\n')
    writeFileSync(join(dir, 'in', 'sub', 'b.md'), '---\nlang: en\nsubject: TWO\n---\n\n1\\. (U) Text.\n')
    const run = spawnSync(
      process.execPath,
      [join(root, 'packages/cli/bin/cablekit.js'), 'batch', 'in', '-o', 'out', '--jobs', '1', '--progress', 'none', '--to', 'pdf,docx'],
      { cwd: dir, encoding: 'utf8' },
    )
    expect(run.stderr).toContain('2 rendered, 0 failed')
    expect(run.status).toBe(0)
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['a.docx', 'a.pdf', 'batch-summary.json', 'manifest.jsonl', 'sub'])
    expect(readdirSync(join(dir, 'out', 'sub')).sort()).toEqual(['b.docx', 'b.pdf'])
  })
})
