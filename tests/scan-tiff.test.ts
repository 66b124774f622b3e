import { describe, expect, it } from 'vitest'
import { fromScan } from '@cablekit/scan'
import { isBlankPgm } from '../packages/scan/src/ocr-pages.js'
import { tiffInfo, tiffPageBytes } from '../packages/scan/src/tiff-info.js'
import type { Scan } from './helpers/scans.js'
import { tiffOf } from './helpers/scans.js'

/** A page of `width`×`height` grey pixels (RGBA), paper white with a dark bar where `ink` says. */
function page(width: number, height: number, ink?: { x: number; y: number; w: number; h: number }): Scan {
  const rgba = new Uint8ClampedArray(width * height * 4).fill(255)
  if (ink) for (let y = ink.y; y < ink.y + ink.h; y++) for (let x = ink.x; x < ink.x + ink.w; x++) rgba.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3)
  return { png: new Uint8Array(), jpeg: new Uint8Array(), tiff: new Uint8Array(), width, height, rgba }
}

function pgm(scan: Scan): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${scan.width} ${scan.height}\n255\n`)
  const out = new Uint8Array(header.length + scan.width * scan.height)
  out.set(header)
  for (let pixel = 0; pixel < scan.width * scan.height; pixel++) out[header.length + pixel] = scan.rgba[pixel * 4]!
  return out
}

describe('multi-page TIFF', () => {
  const tiff = tiffOf([page(40, 30), page(50, 20), page(60, 10)])

  it('lists every page with its size, and hands each over as a file whose first image it is', () => {
    const info = tiffInfo(tiff)
    expect(typeof info).toBe('object')
    if (typeof info === 'string') return
    expect(info.pages.map(({ width, height }) => [width, height])).toEqual([
      [40, 30],
      [50, 20],
      [60, 10],
    ])
    for (const [index, item] of info.pages.entries()) {
      const single = tiffInfo(tiffPageBytes(tiff, item))
      if (typeof single === 'string') throw new Error(single)
      // The copy reads as one page, that page, and the original bytes are untouched.
      expect(single.pages).toEqual([{ ...info.pages[index], directory: item.directory }])
    }
    expect(tiffInfo(tiff)).toEqual(info)
  })

  it('stops at the page limit with a note, and refuses a directory chain that loops or a page cut off', () => {
    expect(tiffInfo(tiff, 2)).toMatchObject({ pages: [{ width: 40 }, { width: 50 }], moreThan: 2 })
    const looping = new Uint8Array(tiff)
    const view = new DataView(looping.buffer)
    const info = tiffInfo(tiff)
    if (typeof info === 'string') throw new Error(info)
    // Page 3's directory points back at page 1's.
    const last = info.pages[2]!.directory
    view.setUint32(last + 2 + view.getUint16(last, true) * 12, info.pages[0]!.directory, true)
    expect(tiffInfo(looping)).toMatch(/directory of page 4 points back at an earlier one/)
    // Cut inside page 3's pixels: named.
    expect(tiffInfo(tiff.subarray(0, tiff.length - 5))).toMatch(/image data of page 3 ends at byte \d+, past the end of the file/)
  })

  it('a TIFF of blank pages gives one positioned error saying so', async () => {
    const { cables, file } = await fromScan(tiffOf([page(64, 64), page(64, 64)]), { path: 'blank.tif', lang: 'fra' })
    expect(cables).toEqual([])
    // TIFF pages go to leptonica as they are, so only a PGM is checked for blankness: these tiny pages are OCR'd and give no word.
    expect(file.messages.map((message) => [message.line, message.column, message.ruleId])).toEqual([[1, 1, 'no-text']])
    expect(file.messages[0]!.reason).toBe('no text was found: the 2 pages are blank (or nothing on them could be read)')
  }, 60_000)
})

describe('blank pages', () => {
  it('paper with scanner noise is blank; a short mark of ink is not', () => {
    const noisy = page(400, 300)
    // One dark pixel in a hundred, scattered: noise, never a quarter of a cell.
    for (let pixel = 0; pixel < 400 * 300; pixel += 97) noisy.rgba.fill(0, pixel * 4, pixel * 4 + 3)
    expect(isBlankPgm(pgm(noisy))).toBe(true)
    // A stroke 4 pixels thick and 20 long: the smallest letter at 300 dpi.
    expect(isBlankPgm(pgm(page(400, 300, { x: 100, y: 100, w: 20, h: 4 })))).toBe(false)
    // Not a PGM: never taken for blank.
    expect(isBlankPgm(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBe(false)
  })
})
