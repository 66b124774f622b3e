import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fromMarkdown } from '@cablekit/core'
import type { Cable } from '@cablekit/core'
import { toDocx, toPdf } from '@cablekit/render'
import { fromScan } from '@cablekit/scan'
import { headerAgreement } from './helpers/header-fields.js'

const exec = promisify(execFile)
const root = join(import.meta.dirname, '..')
const names = ['maroc-otan-requete', 'maroc-otan-cardiff', '09RABAT412']
const sources: Record<string, Cable> = Object.fromEntries(
  names.map((name) => [name, fromMarkdown(readFileSync(join(root, 'examples', `${name}.md`)), { path: `${name}.md` }).cables[0]!]),
)
const env = { SOURCE_DATE_EPOCH: '0' }
let dir: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cablekit-roundtrip-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Share of printed header fields read back, over all examples. */
async function share(read: (name: string) => Promise<Cable | undefined>): Promise<{ share: number; missed: Record<string, string[]> }> {
  let total = 0
  let matched = 0
  const missed: Record<string, string[]> = {}
  for (const name of names) {
    const agreement = headerAgreement(sources[name]!, await read(name))
    total += agreement.total
    matched += agreement.matched
    missed[name] = agreement.missed
  }
  return { share: matched / total, missed }
}

// The field still missed is the raw-text reader's, not the reading of the page: `RABAT 000412` in the banner
// is not taken as the reference (the reader keeps it as the post and serial the id is made of).
const KNOWN = { 'maroc-otan-cardiff': [], '09RABAT412': ['reference'] }

describe('round trip: every facsimile parses back to the header of its source', () => {
  it('the PDF, through its text layer', async () => {
    const result = await share(async (name) => (await fromScan(await toPdf(sources[name]!, { env }), { path: `${name}.pdf` })).cables[0])
    expect(result.missed).toEqual({ 'maroc-otan-requete': [], ...KNOWN })
    expect(result.share).toBeGreaterThanOrEqual(0.95)
  })

  it('the DOCX, through the PDF LibreOffice makes of it', async () => {
    for (const name of names) writeFileSync(join(dir, `${name}.docx`), await toDocx(sources[name]!, { sourceDateEpoch: 0 }))
    // Its own profile, so a concurrent LibreOffice (another test, the user's) does not lock this one out.
    await exec(
      'soffice',
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        ...names.map((name) => join(dir, `${name}.docx`)),
      ],
      { timeout: 180_000 },
    )
    for (const name of names) expect(existsSync(join(dir, `${name}.pdf`)), name).toBe(true)
    const result = await share(async (name) => (await fromScan(readFileSync(join(dir, `${name}.pdf`)), { path: `${name}.pdf` })).cables[0])
    // LibreOffice draws Arabic letters that differ by their dots with one base glyph, the letter only in the span's
    // /ActualText: read without it, the localized letterhead came back as ورارة for وزارة.
    expect(result.missed).toEqual({ 'maroc-otan-requete': [], ...KNOWN })
    expect(result.share).toBeGreaterThanOrEqual(0.95)
  }, 240_000)
  // The round trip through a scan is checked by tests/scan-cli.test.ts (a two-sheet TIFF, the one OCR run there).
})
