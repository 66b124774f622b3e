import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import pixelmatch from 'pixelmatch'
import { PNG } from 'pngjs'
import { parse } from '@cablekit/core'
import { toPdf } from '@cablekit/render'
import type { ThemeName } from '@cablekit/render'
import { rasterize } from './helpers/pdf.js'

/**
 * Visual baselines: the first page of each theme for the seed cables, and of
 * each family theme (`td`, `fco`, `note-verbale`) for a cable of its family,
 * rasterised by pdftoppm at 50 dpi in grey and compared with the committed PNG. A
 * layout change fails here and shows in review as a changed image; accept it
 * with `UPDATE=1 npx vitest run tests/visual-pdf.test.ts`. A failing run
 * writes the new image and a diff under tests/.output/visual/.
 */
const root = join(import.meta.dirname, '..')
const baselines = join(root, 'tests/fixtures/visual')
const output = join(root, 'tests/.output/visual')
/** Share of pixels allowed to differ (anti-aliasing across poppler versions), and the per-pixel colour threshold. */
const TOLERANCE = 0.004
const THRESHOLD = 0.2

const seeds = {
  french: 'tests/fixtures/pdf/three-pages.md',
  telegram: 'tests/fixtures/pdf/telegram.md',
}

/** One cable of each family added with its theme, rendered in its default theme (its `family`). */
const families = {
  td: 'tests/fixtures/themes/td-kigali-305.md',
  fco: 'tests/fixtures/themes/fco-ukmis-395.md',
  'note-verbale': 'tests/fixtures/themes/nv-oda-2017.md',
}

const cases: { seed: string; path: string; theme?: ThemeName }[] = [
  ...Object.entries(seeds).flatMap(([seed, path]) => (['ministere', 'telegramme', 'sobre'] as const).map((theme) => ({ seed, path, theme }))),
  ...Object.entries(families).map(([seed, path]) => ({ seed, path })),
]

describe('visual baselines of the first page', () => {
  for (const { seed, path, theme } of cases) {
    {
      it(`${seed} in ${theme ?? 'its family theme'}`, async () => {
        const [cable] = parse(readFileSync(join(root, path)), { path }).cables
        // Grey levels keep the committed baselines small.
        const png = PNG.sync.write(PNG.sync.read(await rasterize(await toPdf(cable!, theme ? { theme } : {}), 1, 50)), { colorType: 0 })
        const name = `pdf-${seed}-${theme ?? 'family'}.png`
        const baseline = join(baselines, name)
        if (process.env['UPDATE'] === '1' || !existsSync(baseline)) {
          mkdirSync(baselines, { recursive: true })
          writeFileSync(baseline, png)
          if (process.env['UPDATE'] !== '1') throw new Error(`no baseline ${name}: wrote it, review and commit it`)
          return
        }
        const expected = PNG.sync.read(readFileSync(baseline))
        const actual = PNG.sync.read(png)
        expect([actual.width, actual.height]).toEqual([expected.width, expected.height])
        const diff = new PNG({ width: expected.width, height: expected.height })
        const changed = pixelmatch(expected.data, actual.data, diff.data, expected.width, expected.height, { threshold: THRESHOLD })
        const ratio = changed / (expected.width * expected.height)
        if (ratio > TOLERANCE) {
          mkdirSync(output, { recursive: true })
          writeFileSync(join(output, name), png)
          writeFileSync(join(output, name.replace('.png', '.diff.png')), PNG.sync.write(diff))
        }
        expect(ratio, `${changed} pixels differ; see tests/.output/visual/${name}`).toBeLessThanOrEqual(TOLERANCE)
      })
    }
  }
})
