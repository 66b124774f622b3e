import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from './helpers/cli.js'
import { findLeaks } from './helpers/leaks.js'

const ROOT = join(import.meta.dirname, '..')

describe('--to html on render and batch', () => {
  it('render writes one self-contained page per cable beside the PDF, redacted like it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cablekit-html-cli-'))
    const result = await cli([
      'render',
      join(ROOT, 'examples', 'maroc-otan-requete.md'),
      '-o',
      dir,
      '--to',
      'pdf,html',
      '--match',
      'Thrasyvoulos Terry Stamatopoulos',
      '--match',
      'Stamatopoulos',
    ])
    expect(result.code, result.stderr).toBe(0)
    const html = readFileSync(join(dir, 'maroc-otan-requete.html'), 'utf8')
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(html).toMatch(/@page/)
    expect(html).not.toMatch(/<(script|link|img)\b/i)
    // The inlined fonts are base64: random letters, left out of the search.
    expect(findLeaks({ html: html.replace(/data:[^)"']+/g, '') }, ['Thrasyvoulos Terry Stamatopoulos'])).toEqual([])
    expect(readFileSync(join(dir, 'maroc-otan-requete.pdf')).subarray(0, 5).toString()).toBe('%PDF-')
  })

  it('batch writes .html outputs and records them in the manifest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cablekit-html-batch-'))
    mkdirSync(join(dir, 'archive'))
    writeFileSync(join(dir, 'archive', 'a.md'), readFileSync(join(ROOT, 'examples', '09RABAT412.md')))
    const result = await cli(['batch', 'archive', '-o', 'out', '--jobs', '1', '--to', 'html'], { cwd: dir })
    expect(result.code, result.stderr).toBe(0)
    const line = JSON.parse(readFileSync(join(dir, 'out', 'manifest.jsonl'), 'utf8').trim()) as { outputs: { path: string; bytes: number }[] }
    expect(line.outputs.map((output) => output.path)).toEqual(['a.html'])
    expect(readFileSync(join(dir, 'out', 'a.html'), 'utf8')).toContain('lang="en"')
  })

  it('refuses an unknown format as a usage error naming the known ones', async () => {
    const result = await cli(['render', join(ROOT, 'examples', '09RABAT412.md'), '-o', mkdtempSync(join(tmpdir(), 'x-')), '--to', 'odt'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('expected pdf, docx, html')
  })
})
