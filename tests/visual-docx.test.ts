import { execFile } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import pixelmatch from 'pixelmatch'
import { PNG } from 'pngjs'
import { fromMarkdown } from '@cablekit/core'
import { toDocx } from '@cablekit/render'
import { libreOfficeToPdf, tempDir } from './helpers/docx.js'

const exec = promisify(execFile)

/**
 * Visual baselines: LibreOffice's rendering of the first page of the seed
 * cable and of one cable of each family theme (`td`, `fco`, `note-verbale`,
 * each in its family's default theme), rasterised at 60 dpi, against
 * committed PNGs. The fonts are embedded in the DOCX, so the rendering does
 * not depend on the fonts installed. Regenerate after an intended change with
 * `UPDATE=1 npx vitest run tests/visual-docx.test.ts` and look at the new
 * PNGs before committing them.
 */
const CASES = [
  { source: 'tests/fixtures/docx/seed-requete.md', baseline: 'tests/fixtures/visual/docx-seed-requete.png' },
  { source: 'tests/fixtures/themes/td-kigali-305.md', baseline: 'tests/fixtures/visual/docx-td-family.png' },
  { source: 'tests/fixtures/themes/fco-ukmis-395.md', baseline: 'tests/fixtures/visual/docx-fco-family.png' },
  { source: 'tests/fixtures/themes/nv-oda-2017.md', baseline: 'tests/fixtures/visual/docx-note-verbale-family.png' },
]
/** Share of pixels allowed to differ (anti-aliasing and LibreOffice version drift), and the per-pixel colour threshold. */
const MAX_DIFF_RATIO = 0.01
const PIXEL_THRESHOLD = 0.2

describe('DOCX visual baselines', () => {
  const dir = tempDir('docx-visual')
  const pages = new Map<string, string>()
  // One LibreOffice process for every document: starting it is most of the cost.
  beforeAll(async () => {
    const paths = await Promise.all(
      CASES.map(async ({ source }, index) => {
        const { cables } = fromMarkdown(readFileSync(source, 'utf8'), { path: source })
        const docx = join(dir, `case-${index}.docx`)
        writeFileSync(docx, await toDocx(cables[0]!, { sourceDateEpoch: 0 }))
        return docx
      }),
    )
    const pdfs = await libreOfficeToPdf(paths, dir)
    for (const [index, pdf] of pdfs.entries()) {
      await exec('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, join(dir, `page-${index}`)])
      pages.set(CASES[index]!.source, join(dir, `page-${index}.png`))
    }
  })

  it.each(CASES)('LibreOffice renders the first page of $source as the committed PNG', ({ source, baseline }) => {
    const actualBytes = readFileSync(pages.get(source)!)
    if (process.env['UPDATE'] === '1' || !existsSync(baseline)) {
      if (process.env['UPDATE'] !== '1') throw new Error(`no baseline at ${baseline}: run with UPDATE=1 and check the image`)
      writeFileSync(baseline, actualBytes)
    }
    const actual = PNG.sync.read(actualBytes)
    const expected = PNG.sync.read(readFileSync(baseline))
    expect([actual.width, actual.height]).toEqual([expected.width, expected.height])
    const diff = new PNG({ width: actual.width, height: actual.height })
    const differing = pixelmatch(actual.data, expected.data, diff.data, actual.width, actual.height, { threshold: PIXEL_THRESHOLD })
    const diffPath = join(dir, `diff-${CASES.findIndex((c) => c.source === source)}.png`)
    if (differing / (actual.width * actual.height) > MAX_DIFF_RATIO) writeFileSync(diffPath, PNG.sync.write(diff))
    expect(differing / (actual.width * actual.height), `see ${diffPath}`).toBeLessThanOrEqual(MAX_DIFF_RATIO)
    // The page is not blank: LibreOffice loaded the document and drew text.
    const dark = actual.data.filter((_, i) => i % 4 === 0 && actual.data[i]! < 128).length
    expect(dark).toBeGreaterThan(1000)
  })
})
