import { execFile } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import pixelmatch from 'pixelmatch'
import { PNG } from 'pngjs'
import { fromMarkdown } from '@cablekit/core'
import { toDocx } from '@cablekit/render'
import { libreOfficeToPdf, tempDir } from './helpers/docx.js'

const exec = promisify(execFile)

/**
 * Visual baseline: LibreOffice's rendering of the seed cable's first page,
 * rasterised at 60 dpi, against a committed PNG. The fonts are embedded in the
 * DOCX, so the rendering does not depend on the fonts installed. Regenerate
 * after an intended change with `UPDATE=1 npx vitest run tests/visual-docx.test.ts`
 * and look at the new PNG before committing it.
 */
const SOURCE = 'tests/fixtures/docx/seed-requete.md'
const BASELINE = 'tests/fixtures/visual/docx-seed-requete.png'
/** Share of pixels allowed to differ (anti-aliasing and LibreOffice version drift), and the per-pixel colour threshold. */
const MAX_DIFF_RATIO = 0.01
const PIXEL_THRESHOLD = 0.2

describe('DOCX visual baseline', () => {
  it('LibreOffice renders the seed cable’s first page as the committed PNG', async () => {
    const dir = tempDir('docx-visual')
    const { cables } = fromMarkdown(readFileSync(SOURCE, 'utf8'), { path: SOURCE })
    const docx = join(dir, 'seed.docx')
    writeFileSync(docx, await toDocx(cables[0]!, { sourceDateEpoch: 0 }))
    const [pdf] = await libreOfficeToPdf([docx], dir)
    await exec('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf!, join(dir, 'page')])
    const actualBytes = readFileSync(join(dir, 'page.png'))
    if (process.env['UPDATE'] === '1' || !existsSync(BASELINE)) {
      if (process.env['UPDATE'] !== '1') throw new Error(`no baseline at ${BASELINE}: run with UPDATE=1 and check the image`)
      writeFileSync(BASELINE, actualBytes)
    }
    const actual = PNG.sync.read(actualBytes)
    const expected = PNG.sync.read(readFileSync(BASELINE))
    expect([actual.width, actual.height]).toEqual([expected.width, expected.height])
    const diff = new PNG({ width: actual.width, height: actual.height })
    const differing = pixelmatch(actual.data, expected.data, diff.data, actual.width, actual.height, { threshold: PIXEL_THRESHOLD })
    if (differing / (actual.width * actual.height) > MAX_DIFF_RATIO) writeFileSync(join(dir, 'diff.png'), PNG.sync.write(diff))
    expect(differing / (actual.width * actual.height), `see ${join(dir, 'diff.png')}`).toBeLessThanOrEqual(MAX_DIFF_RATIO)
    // The page is not blank: LibreOffice loaded the document and drew text.
    const dark = actual.data.filter((_, i) => i % 4 === 0 && actual.data[i]! < 128).length
    expect(dark).toBeGreaterThan(1000)
  })
})
