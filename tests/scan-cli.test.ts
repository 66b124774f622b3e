import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fromMarkdown } from '@cablekit/core'
import type { Cable } from '@cablekit/core'
import { toPdf } from '@cablekit/render'
import { cli } from './helpers/cli.js'
import { headerAgreement } from './helpers/header-fields.js'
import { scanOf, tiffOf } from './helpers/scans.js'

const root = join(import.meta.dirname, '..')
let dir: string
let cable: Cable

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cablekit-scan-cli-'))
  cable = fromMarkdown(readFileSync(join(root, 'examples/maroc-otan-requete.md')), { path: 'requete.md' }).cables[0]!
  const pdf = await toPdf(cable, { env: { SOURCE_DATE_EPOCH: '0' } })
  writeFileSync(join(dir, 'requete.pdf'), pdf)
  writeFileSync(join(dir, 'truncated.pdf'), pdf.subarray(0, Math.floor(pdf.length / 40)))
  // The page scanned as two sheets of one TIFF, cut in a blank band under the reference (no line is halved):
  // one real OCR run of one page in all, the only one of this file.
  const top = await scanOf(pdf, { crop: 0.385 })
  writeFileSync(join(dir, 'requete.tif'), tiffOf([top, await scanOf(pdf, { from: 0.385 })]))
  // The bottom margin: blank, so decoded and found blank without OCR.
  const blank = await scanOf(pdf, { from: 0.985 })
  writeFileSync(join(dir, 'blank.png'), blank.png)
  writeFileSync(join(dir, 'blank.jpg'), blank.jpeg)
  writeFileSync(join(dir, 'bad.png'), top.png.subarray(0, 2000))
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

  it('parse reads every page of a multi-page TIFF through OCR, French and Arabic, each field with its page', async () => {
    const result = await cli(['parse', 'requete.tif', '--lang', 'fra+ara'], { cwd: dir })
    expect(result.code).toBe(0)
    const cables = JSON.parse(result.stdout) as Cable[]
    expect(cables).toHaveLength(1)
    const read = cables[0]!
    expect(read).toMatchObject({ place: 'Bruxelles', date: '2014-08-14', subject: cable.subject, provenance: { format: 'image' } })
    expect(read.issuer?.localized?.['ar']?.state).toBe('المملكة المغربية')
    // The round trip through a 300 dpi scan: the printed header fields come back, but for the framed stamps
    // (precedence, classification): a TIFF goes to leptonica as it is, without the frames erased (`eraseRules`).
    const agreement = headerAgreement(cable, read)
    expect(agreement.matched / agreement.total, agreement.missed.join(', ')).toBeGreaterThanOrEqual(9 / 11)
    // The header is on the first sheet; the body's last paragraphs are only on the second.
    expect(read.provenance?.fields?.['subject']?.page).toBe(1)
    expect(JSON.stringify(read.body)).toMatch(/toujours en attente/)
  }, 240_000)

  it('a blank PNG and JPEG are decoded and found blank, with no OCR', async () => {
    const result = await cli(['parse', 'blank.png', 'blank.jpg', '--lang', 'fra'], { cwd: dir })
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/blank\.png\n\s*1:1\s+error\s+no text was found: the page is blank/)
    expect(result.stderr).toMatch(/blank\.jpg\n\s*1:1\s+error\s+no text was found: the page is blank/)
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
    const result = await cli(['parse', 'blank.png', '--lang', 'fra+xyz'], { cwd: dir })
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
