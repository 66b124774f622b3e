import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createCanvas } from '@napi-rs/canvas'
import { describe, expect, it } from 'vitest'
import { fromMarkdown, fromWords, layoutWords } from '@cablekit/core'
import type { Cable } from '@cablekit/core'
import { toPdf } from '@cablekit/render'
import { ocrPages, readPdf } from '@cablekit/scan'
import { characterErrorRate, headerAgreement } from './helpers/header-fields.js'

// One real OCR run (two pages) in this file: the other checks of OCR'd text are made on recorded OCR
// output (tests/fixtures/words/*.ocr.json, tests/from-words-ocr.test.ts), and the CLI test reads a TIFF.
const root = join(import.meta.dirname, '..')
const cardiff: Cable = fromMarkdown(readFileSync(join(root, 'examples/maroc-otan-cardiff.md')), { path: 'cardiff.md' }).cables[0]!

/** A small greyscale PGM with one word printed on it: enough for tesseract, a fraction of a second. */
function wordImage(text: string): { number: number; image: Uint8Array; width: number; height: number; dpi: number } {
  const width = 420
  const height = 90
  const canvas = createCanvas(width, height)
  const context = canvas.getContext('2d')
  context.fillStyle = '#ffffff'
  context.fillRect(0, 0, width, height)
  context.fillStyle = '#000000'
  context.font = '48px serif'
  context.fillText(text, 20, 62)
  const rgba = context.getImageData(0, 0, width, height).data
  const header = new TextEncoder().encode(`P5\n${width} ${height}\n255\n`)
  const image = new Uint8Array(header.length + width * height)
  image.set(header)
  for (let pixel = 0; pixel < width * height; pixel++) image[header.length + pixel] = rgba[pixel * 4]!
  return { number: 1, image, width, height, dpi: 300 }
}

function blankPgm(width: number, height: number): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${width} ${height}\n255\n`)
  const image = new Uint8Array(header.length + width * height).fill(255)
  image.set(header)
  return image
}

describe('OCR of scans (tesseract.js, offline)', () => {
  it('--ocr rasterises PDF pages and spreads them over two workers: French and Arabic read, fields with boxes in points', async () => {
    const pdf = await toPdf(cardiff, { env: { SOURCE_DATE_EPOCH: '0' } })
    const progress: number[] = []
    const read = await readPdf(pdf, { ocr: true, workers: 2, lang: 'fra+ara', maxPages: 2, onProgress: ({ done, total }) => progress.push(done * 10 + total) })
    expect(read.ocred).toEqual([1, 2])
    expect(progress).toEqual([12, 22])
    expect(read.problems.map((problem) => problem.ruleId)).toEqual(['too-many-pages'])
    // OCR boxes come back in PDF points, like the text layer's.
    for (const page of read.pages) {
      expect(page.width).toBeCloseTo(595.28, 0)
      expect(Math.max(...page.words.map((word) => word.box.x1))).toBeLessThan(595.28)
    }
    const text = layoutWords(read.pages).text
    const reference = layoutWords((await readPdf(pdf, { maxPages: 2 })).pages).text
    expect(characterErrorRate(reference, text)).toBeLessThan(0.05)
    expect(text).toContain('المملكة المغربية')
    expect(text).not.toMatch(/[\u200E\u200F]/)
    const { cables, file } = fromWords(read.pages, { path: 'cardiff.pdf', format: 'pdf' })
    expect(file.messages.filter((message) => message.fatal).map(String)).toEqual([])
    const agreement = headerAgreement(cardiff, cables[0])
    expect(agreement.matched / agreement.total, agreement.missed.join(', ')).toBeGreaterThanOrEqual(0.8)
    const subject = cables[0]!.provenance?.fields?.['subject']
    expect(subject?.page).toBe(1)
    expect(subject!.box.x0).toBeLessThan(595.28 / 4)
  }, 240_000)

  it('keeps its workers for the next call: a second call starts no engine', async () => {
    // The first test left idle `fra+ara` workers: a one-word image is read by one of them at once, where
    // starting a new engine could never be done in a millisecond.
    const { pages, failures } = await ocrPages([wordImage('Bruxelles')], { lang: 'fra+ara', startTimeout: 1 })
    expect(failures).toEqual([])
    expect(pages[0]!.words.map((word) => word.text).join(' ')).toMatch(/Bruxelles/)
  }, 60_000)

  it('a blank page is not sent to OCR', async () => {
    // No engine could start in a millisecond: the page is found blank before any is needed.
    const { pages, failures } = await ocrPages([{ number: 3, image: blankPgm(2480, 3508), width: 2480, height: 3508, dpi: 300 }], {
      lang: 'eng',
      startTimeout: 1,
      reuseWorkers: false,
    })
    expect(failures).toEqual([])
    expect(pages).toEqual([{ number: 3, width: 2480, height: 3508, words: [] }])
  })

  it('a worker that does not start in time, or an unknown language, fails the pages instead of waiting', async () => {
    const image = wordImage('OTAN')
    const slow = await ocrPages([image], { lang: 'eng', startTimeout: 1, reuseWorkers: false })
    expect(slow.pages).toEqual([])
    expect(slow.failures[0]!.reason).toMatch(/starting the OCR engine took longer than/)
    const unknown = await ocrPages([image], { lang: 'xyz' })
    expect(unknown.failures).toEqual([{ page: 1, reason: expect.stringMatching(/unknown OCR language `xyz`/) }])
  })
})
