import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fromMarkdown, layoutWords } from '@cablekit/core'
import type { Cable } from '@cablekit/core'
import { toPdf } from '@cablekit/render'
import { fromScan, ocrPages, readPdf } from '@cablekit/scan'
import { characterErrorRate, headerAgreement } from './helpers/header-fields.js'
import { scanOf } from './helpers/scans.js'

// Two real OCR runs, on the header of our facsimile of examples/maroc-otan-requete.md rasterised
// at 300 dpi (the top 38.5 %: letterhead to Réf., cut in a blank band so no line is halved).
const CROP = 0.385
const root = join(import.meta.dirname, '..')
const cable: Cable = fromMarkdown(readFileSync(join(root, 'examples/maroc-otan-requete.md')), { path: 'requete.md' }).cables[0]!

/** The same layout of the text layer's words inside the crop: what a perfect OCR would give. */
async function reference(pdf: Uint8Array): Promise<string> {
  const page = (await readPdf(pdf)).pages[0]!
  return layoutWords([{ ...page, words: page.words.filter((word) => word.box.y1 < CROP * page.height) }]).text
}

describe('OCR of scans (tesseract.js, offline)', () => {
  it('a clean 300 dpi scan: French and Arabic read, header fields given back, each with its box', async () => {
    const pdf = await toPdf(cable, { env: { SOURCE_DATE_EPOCH: '0' } })
    const scan = await scanOf(pdf, { crop: CROP })
    const { cables, file } = await fromScan(scan.png, { path: 'requete.png', lang: 'fra+ara' })
    expect(file.messages.filter((message) => message.fatal).map(String)).toEqual([])
    const text = String(file.value)
    expect(characterErrorRate(await reference(pdf), text)).toBeLessThan(0.05)
    expect(text).toContain('المملكة المغربية')
    expect(text).not.toMatch(/[\u200E\u200F]/)
    const agreement = headerAgreement(cable, cables[0])
    expect(agreement.matched / agreement.total).toBeGreaterThanOrEqual(9 / 11)
    expect(cables[0]!.provenance?.format).toBe('image')
    const subject = cables[0]!.provenance?.fields?.['subject']
    // Boxes are in the scan's pixels: the subject line is on the left, low in the crop.
    expect(subject?.page).toBe(1)
    expect(subject!.box.x0).toBeLessThan(scan.width / 4)
    expect(subject!.box.y0).toBeGreaterThan(scan.height * 0.8)
  })

  it('a tilted, noisy, blurred JPEG: still read, with low-confidence words reported by page and box', async () => {
    const pdf = await toPdf(cable, { env: { SOURCE_DATE_EPOCH: '0' } })
    const scan = await scanOf(pdf, { crop: CROP, degrade: { seed: 7, tilt: 0.5, noise: 0.003, blur: 0.5, jpeg: 70 } })
    const { cables, file } = await fromScan(scan.jpeg, { path: 'requete.jpg', lang: 'fra+ara' })
    expect(file.messages.filter((message) => message.fatal).map(String)).toEqual([])
    const cer = characterErrorRate(await reference(pdf), String(file.value))
    expect(cer).toBeLessThan(0.08)
    expect(cables[0]).toMatchObject({ date: '2014-08-14', place: 'Bruxelles', classification: { level: 'confidential' } })
    for (const message of file.messages.filter((item) => item.ruleId === 'ocr-low-confidence')) {
      expect(message.reason).toMatch(/page 1, box \d+,\d+–\d+,\d+/)
      expect(message.line).toBeGreaterThan(0)
    }
  })

  it('--ocr rasterises PDF pages and spreads them over two workers, telling progress', async () => {
    const cardiff = fromMarkdown(readFileSync(join(root, 'examples/maroc-otan-cardiff.md')), { path: 'cardiff.md' }).cables[0]!
    const pdf = await toPdf(cardiff, { env: { SOURCE_DATE_EPOCH: '0' } })
    const progress: number[] = []
    const read = await readPdf(pdf, { ocr: true, workers: 2, lang: 'fra', maxPages: 2, onProgress: ({ done, total }) => progress.push(done * 10 + total) })
    expect(read.ocred).toEqual([1, 2])
    expect(progress).toEqual([12, 22])
    expect(read.problems.map((problem) => problem.ruleId)).toEqual(['too-many-pages'])
    // OCR boxes come back in PDF points, like the text layer's.
    for (const page of read.pages) {
      expect(page.width).toBeCloseTo(595.28, 0)
      expect(Math.max(...page.words.map((word) => word.box.x1))).toBeLessThan(595.28)
    }
    expect(layoutWords(read.pages).text).toContain('Objet : Sommet de')
  })

  it('a worker that does not start in time, or an unknown language, fails the pages instead of waiting', async () => {
    const image = { number: 1, image: new Uint8Array([0x50, 0x35]), width: 1, height: 1 }
    const slow = await ocrPages([image], { lang: 'fra', startTimeout: 1 })
    expect(slow.pages).toEqual([])
    expect(slow.failures[0]!.reason).toMatch(/starting the OCR engine took longer than/)
    const unknown = await ocrPages([image], { lang: 'xyz' })
    expect(unknown.failures).toEqual([{ page: 1, reason: expect.stringMatching(/unknown OCR language `xyz`/) }])
  })
})
