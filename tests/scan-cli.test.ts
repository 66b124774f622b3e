import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fromMarkdown } from '@cablekit/core'
import type { Cable } from '@cablekit/core'
import { toPdf } from '@cablekit/render'
import { cli } from './helpers/cli.js'
import { scanOf } from './helpers/scans.js'

const root = join(import.meta.dirname, '..')
let dir: string
let cable: Cable

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cablekit-scan-cli-'))
  cable = fromMarkdown(readFileSync(join(root, 'examples/maroc-otan-requete.md')), { path: 'requete.md' }).cables[0]!
  const pdf = await toPdf(cable, { env: { SOURCE_DATE_EPOCH: '0' } })
  writeFileSync(join(dir, 'requete.pdf'), pdf)
  writeFileSync(join(dir, 'truncated.pdf'), pdf.subarray(0, Math.floor(pdf.length / 40)))
  // The letterhead, place, date and stamps only (top 20 % of the page): three small OCR runs.
  const scan = await scanOf(pdf, { crop: 0.2 })
  writeFileSync(join(dir, 'letterhead.png'), scan.png)
  writeFileSync(join(dir, 'letterhead.jpg'), scan.jpeg)
  writeFileSync(join(dir, 'letterhead.tif'), scan.tiff)
  writeFileSync(join(dir, 'bad.png'), scan.png.subarray(0, 2000))
  copyFileSync(join(root, 'examples/09RABAT412.md'), join(dir, '09RABAT412.md'))
}, 120_000)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('cablekit on scans and PDFs', () => {
  it("parse reads a text-layer PDF, with each field's page and box", async () => {
    const result = await cli(['parse', 'requete.pdf'], { cwd: dir })
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const [read] = JSON.parse(result.stdout) as Cable[]
    expect(read).toMatchObject({ subject: cable.subject, date: cable.date, transmission: cable.transmission, provenance: { format: 'pdf' } })
    expect(read!.provenance?.fields?.['subject']?.page).toBe(1)
  })

  it('parse reads PNG, JPEG and TIFF scans through OCR', async () => {
    const result = await cli(['parse', 'letterhead.png', 'letterhead.jpg', 'letterhead.tif', '--lang', 'fra'], { cwd: dir })
    expect(result.code).toBe(0)
    const cables = JSON.parse(result.stdout) as Cable[]
    expect(cables).toHaveLength(3)
    for (const read of cables) expect(read).toMatchObject({ place: 'Bruxelles', date: '2014-08-14', provenance: { format: 'image' } })
  })

  it('a truncated PDF and a bad PNG give positioned errors and exit 1; the good files are still printed', async () => {
    const result = await cli(['parse', 'truncated.pdf', 'bad.png', 'requete.pdf'], { cwd: dir })
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout)).toHaveLength(1)
    expect(result.stderr).toMatch(/truncated\.pdf\n(?:.*\n)*?\s*1:1\s+error\s+not a readable PDF/)
    expect(result.stderr).toMatch(/bad\.png\n\s*1:1\s+error\s+the PNG is truncated: it has no IEND chunk\s+bad-image/)
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })

  it('render takes a PDF as its source', async () => {
    const result = await cli(['render', 'requete.pdf', '-o', 'out-render'], { cwd: dir })
    expect(result.code).toBe(0)
    expect(result.stdout.trim()).toBe('out-render/requete.pdf')
    expect(readFileSync(join(dir, 'out-render/requete.pdf')).subarray(0, 5).toString()).toBe('%PDF-')
  })

  it('rejects an unknown OCR language as a usage error', async () => {
    const result = await cli(['parse', 'letterhead.png', '--lang', 'fra+xyz'], { cwd: dir })
    expect(result.code).not.toBe(0)
    expect(result.stderr).toContain('unknown OCR language "xyz"')
  })

  it('batch renders the good files while a truncated PDF and a bad PNG fail with positioned errors', async () => {
    const inputs = ['09RABAT412.md', 'requete.pdf', 'truncated.pdf', 'bad.png']
    const result = await cli(['batch', ...inputs, '-o', 'out-batch', '--jobs', '2', '--progress', 'none'], { cwd: dir })
    expect(result.code).toBe(1)
    const lines = readFileSync(join(dir, 'out-batch/manifest.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { path: string; status: string; diagnostics: { severity: string; line?: number; column?: number }[] })
    const status = Object.fromEntries(lines.map((line) => [line.path, line.status]))
    expect(status).toEqual({ '09RABAT412.md': 'rendered', 'requete.pdf': 'rendered', 'truncated.pdf': 'failed', 'bad.png': 'failed' })
    for (const line of lines.filter((item) => item.status === 'failed')) {
      const error = line.diagnostics.find((diagnostic) => diagnostic.severity === 'error')!
      expect([error.line, error.column], line.path).toEqual([1, 1])
    }
    expect(existsSync(join(dir, 'out-batch/requete.pdf'))).toBe(true)
    expect(existsSync(join(dir, 'out-batch/09RABAT412.pdf'))).toBe(true)
  })
})
