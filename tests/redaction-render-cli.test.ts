import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from './helpers/cli.js'
import { listFiles } from './helpers/files.js'
import { docxEvidence, findLeaks, pdfEvidence } from './helpers/leaks.js'

const SECRET = 'Jean Dupont'

describe('cablekit render with redaction rules', () => {
  it('leaves the secret in no output byte, file or folder name, nor diagnostic', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cablekit-render-redact-'))
    mkdirSync(join(dir, 'in', 'dupont'), { recursive: true })
    writeFileSync(
      join(dir, 'in', 'dupont', 'lettre-jean-dupont.md'),
      `---\nsubject: Entretien avec Jean Dupont\nlang: fr\nsubjct: typo\n---\n\nJ'ai reçu M. *Jean* Dupont, puis JEAN-DUPONT a rappelé.\n`,
    )
    const result = await cli(['render', 'in', '-o', 'out', '--to', 'pdf,docx', '--match', SECRET, '--reason', 'vie privée'], { cwd: dir })
    expect(result.code).toBe(0)
    const files = listFiles(join(dir, 'out'))
    expect(files).toHaveLength(2)
    for (const name of files) expect(name.toLowerCase()).not.toMatch(/dupont|jean/)
    expect(findLeaks({ stdout: result.stdout, stderr: result.stderr }, [SECRET, 'dupont'])).toEqual([])
    expect(result.stderr).toContain('unknown-key')
    const pdf = files.find((name) => name.endsWith('.pdf'))!
    const docx = files.find((name) => name.endsWith('.docx'))!
    expect(findLeaks(pdfEvidence(join(dir, 'out', pdf)), [SECRET])).toEqual([])
    const { evidence } = await docxEvidence(readFileSync(join(dir, 'out', docx)))
    expect(findLeaks(evidence, [SECRET])).toEqual([])
    expect(Object.values(evidence).join('\n')).toContain('vie privée')
  })

  it('refuses an empty rule as a usage error before reading any input', async () => {
    const result = await cli(['render', 'nowhere.md', '-o', 'out', '--match', ''])
    expect(result.code).toBe(2)
  })
})
