import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from './helpers/cli.js'
import { findLeaks } from './helpers/leaks.js'

/** CLI regressions of the hostile review (issue 15): inputs never overwritten, diagnostics scrubbed on every route. */

const JSON_CABLE = JSON.stringify({
  id: 'note',
  lang: 'fr',
  subject: 'Entretien avec Jean Dupont',
  body: [{ type: 'paragraph', children: [{ type: 'text', value: 'Jean Dupont est venu.' }] }],
  attachments: [],
})

describe('an input is never overwritten (finding 2)', () => {
  it('render SRC.json -o SAMEDIR --json-too refuses to write over its source', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cablekit-clobber-'))
    writeFileSync(join(dir, 'note.json'), JSON_CABLE)
    const result = await cli(['render', 'note.json', '-o', '.', '--json-too', '--match', 'Jean Dupont'], { cwd: dir })
    expect(result.code).toBe(1)
    expect(readFileSync(join(dir, 'note.json'), 'utf8')).toBe(JSON_CABLE)
    expect(result.stderr).toContain('would-overwrite-input')
    // The other outputs are still written.
    expect(readFileSync(join(dir, 'note.pdf')).subarray(0, 5).toString()).toBe('%PDF-')
  })

  it('redact refuses to write over the original when the cable’s id is its file name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cablekit-clobber-'))
    const original = '---\nid: X1\nlang: fr\nsubject: Note\n---\n\nJean Dupont est venu.\n'
    writeFileSync(join(dir, 'X1.md'), original)
    const result = await cli(['redact', 'X1.md', '-o', '.', '--match', 'Jean Dupont', '--log', join(dir, '..', `log-${process.pid}.json`)], { cwd: dir })
    expect(result.code).toBe(1)
    expect(readFileSync(join(dir, 'X1.md'), 'utf8')).toBe(original)
    expect(result.stderr).toContain('would be written over an input')
  })

  it('convert refuses a hard link to its input as the output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cablekit-clobber-'))
    writeFileSync(join(dir, 'a.md'), '---\nid: A\n---\n\nTexte.\n')
    const result = await cli(['convert', 'a.md', '--to', 'md', '-o', 'a.md'], { cwd: dir })
    expect(result.code).not.toBe(0)
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe('---\nid: A\n---\n\nTexte.\n')
  })
})

describe('diagnostics carry no secret, whatever the command (finding 10)', () => {
  // The reader's own OCR warning quotes the word and its fix: both spell the secret.
  const TEXT = 'MINISTERE DES AFFAIRES ETRANGERES\n\nRabat, le 3 mars 2014\n\nObjet : entretien\n\nJ’ai rencontré M. Qarq0ubi hier à Rabat.\n\nSigné : X\n'

  it('batch --progress json, redact and dossier print no secret on stdout or stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cablekit-scrub-'))
    mkdirSync(join(dir, 'archive'))
    writeFileSync(join(dir, 'archive', 'note.txt'), TEXT)
    const secret = 'Qarqoubi'
    const runs = {
      batch: await cli(['batch', 'archive', '-o', 'out', '--jobs', '1', '--progress', 'json', '--match', secret], { cwd: dir }),
      redact: await cli(['redact', 'archive/note.txt', '-o', 'red', '--match', secret], { cwd: dir }),
      dossier: await cli(['dossier', 'archive/note.txt', '--title', 'Dossier', '-o', 'book.pdf', '--match', secret], { cwd: dir }),
      render: await cli(['render', 'archive/note.txt', '-o', 'rendered', '--match', secret], { cwd: dir }),
    }
    for (const [name, result] of Object.entries(runs)) {
      expect(result.code, `${name}: ${result.stderr}`).toBe(0)
      expect(result.stderr + result.stdout, name).toMatch(/ocr-suspect|redacted/)
      expect(findLeaks({ stdout: result.stdout, stderr: result.stderr }, [secret, 'Qarq0ubi']), name).toEqual([])
    }
    expect(findLeaks({ manifest: readFileSync(join(dir, 'out', 'manifest.jsonl'), 'utf8') }, [secret])).toEqual([])
  })

  it('prints diagnostic places as points, never ranges, when redacting', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cablekit-scrub-'))
    writeFileSync(join(dir, 'a.md'), '---\nid: A\nsubjet: Jean Dupont\n---\n\nTexte.\n')
    const plain = await cli(['render', 'a.md', '-o', 'out'], { cwd: dir })
    expect(plain.stderr).toMatch(/\d+:\d+-\d+:\d+/)
    const redacted = await cli(['render', 'a.md', '-o', 'out2', '--match', 'Jean Dupont'], { cwd: dir })
    expect(redacted.stderr).toContain('unknown-key')
    expect(redacted.stderr).not.toMatch(/\d+:\d+-\d+:\d+/)
  })
})
