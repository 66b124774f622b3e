import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from './helpers/cli.js'
import { listFiles } from './helpers/files.js'
import { findLeaks, pdfEvidence } from './helpers/leaks.js'

const SECRET = 'Jean Dupont'

describe('cablekit batch with redaction rules', () => {
  it('publishes no secret: outputs, names, manifest, progress and diagnostics', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cablekit-batch-redact-'))
    mkdirSync(join(dir, 'archive', 'dupont'), { recursive: true })
    const cable = (subject: string, body: string) => `---\nlang: fr\nsubject: ${subject}\nsubjet: coquille\n---\n\n${body}\n`
    writeFileSync(join(dir, 'archive', 'dupont', 'lettre-dupont.md'), cable('Entretien avec Jean Dupont', 'J’ai reçu M. Jean Dupont ce jour.'))
    writeFileSync(join(dir, 'archive', 'dupont', 'lettre-durand.md'), cable('Entretien', 'Rien à signaler.'))
    writeFileSync(join(dir, 'archive', 'jean-dupont.md'), cable('Note', 'JEAN-DUPONT a rappelé.'))
    writeFileSync(join(dir, 'archive', 'dupont.md'), cable('Autre note', 'Jean *Dupont* encore.'))

    const result = await cli(['batch', 'archive', '-o', 'out', '--jobs', '1', '--progress', 'json', '--match', SECRET, '--reason', 'vie privée'], { cwd: dir })
    expect(result.code).toBe(0)
    const files = listFiles(join(dir, 'out'))
    const pdfs = files.filter((name) => name.endsWith('.pdf'))
    expect(pdfs).toHaveLength(4)
    for (const name of files) expect(name.toLowerCase()).not.toMatch(/dupont|jean/)
    const manifest = readFileSync(join(dir, 'out', 'manifest.jsonl'), 'utf8')
    expect(manifest.trim().split('\n')).toHaveLength(4)
    expect(manifest).toContain('unknown-key')
    expect(findLeaks({ manifest, stdout: result.stdout, stderr: result.stderr }, [SECRET, 'dupont'])).toEqual([])
    for (const pdf of pdfs) expect(findLeaks(pdfEvidence(join(dir, 'out', pdf)), [SECRET]), pdf).toEqual([])
  })
})
