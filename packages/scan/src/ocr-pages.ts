import Tesseract from 'tesseract.js'
import type { Word, WordPage } from '@cablekit/core'
import { DEFAULT_OCR_LANG, languageData } from './languages.js'
import { withTimeLimit } from './time-limit.js'

/** One image to OCR: an encoded image tesseract.js decodes (PNG, JPEG, TIFF, or greyscale PGM), and its size. */
export interface OcrImage {
  /** The page number the words are given under. */
  number: number
  image: Uint8Array
  width: number
  height: number
  /** Resolution of the image, when known (300 for rasterised PDF pages): tesseract guesses otherwise. */
  dpi?: number
}

/** Progress of a long OCR run: pages done out of the total. */
export interface OcrProgress {
  done: number
  total: number
  /** The page just finished. */
  page: number
}

/** Options of {@link ocrPages}. */
export interface OcrOptions {
  /** Languages, tesseract codes joined by `+` (default `fra+eng`). */
  lang?: string
  /** OCR workers run side by side over the pages (default 1; each takes about 160 MB). */
  workers?: number
  /** Called after each page. */
  onProgress?: (progress: OcrProgress) => void
  /** Longest a worker may take to start (default 60 s): a broken model makes tesseract.js wait for ever. */
  startTimeout?: number
  /** Longest one page may take (default 120 s). */
  pageTimeout?: number
}

/** A page OCR could not read, and why. */
export interface OcrFailure {
  page: number
  reason: string
}

/**
 * OCR images with tesseract.js, fully offline: the models come from the
 * `@tesseract.js-data/*` packages (`best_int`), nothing is cached on disk
 * (`cacheMethod: 'none'`), worker start-up and each page are time-limited, and
 * errors are caught by an `errorHandler` instead of killing the process. With
 * `workers` above 1, a scheduler spreads the pages over that many workers.
 * Never throws: a page that fails is listed in `failures`.
 *
 * @example
 * const { pages, failures } = await ocrPages([{ number: 1, image: png, width: 2480, height: 3508 }], { lang: 'fra+ara' })
 */
export async function ocrPages(images: readonly OcrImage[], options: OcrOptions = {}): Promise<{ pages: WordPage[]; failures: OcrFailure[] }> {
  const failures: OcrFailure[] = []
  if (images.length === 0) return { pages: [], failures }
  let data
  try {
    data = languageData(options.lang ?? DEFAULT_OCR_LANG)
  } catch (error) {
    return { pages: [], failures: images.map((image) => ({ page: image.number, reason: (error as Error).message })) }
  }
  const count = Math.max(1, Math.min(options.workers ?? 1, images.length, 16))
  const scheduler = Tesseract.createScheduler()
  const started: Tesseract.Worker[] = []
  const pages: WordPage[] = []
  try {
    const startTimeout = options.startTimeout ?? 60_000
    for (let index = 0; index < count; index++) {
      const creating = Tesseract.createWorker(data.codes, Tesseract.OEM.LSTM_ONLY, {
        langPath: data.langPath,
        cacheMethod: 'none',
        gzip: true,
        // Without it a bad image kills the process; the job's promise still rejects and is handled below.
        errorHandler: () => {},
      })
      // A worker that starts after the limit is still terminated, not left running.
      creating.then(
        (worker) => started.push(worker),
        () => {},
      )
      const worker = await withTimeLimit(creating, startTimeout, 'starting the OCR engine')
      // Rasterised pages are all 300 dpi: saying so spares tesseract its guess, which small text gets wrong.
      const dpi = images[0]!.dpi
      if (dpi && images.every((image) => image.dpi === dpi)) await worker.setParameters({ user_defined_dpi: String(dpi) })
      scheduler.addWorker(worker)
    }
    let done = 0
    await Promise.all(
      images.map(async (image) => {
        try {
          const job = scheduler.addJob(
            'recognize',
            Buffer.from(image.image.buffer, image.image.byteOffset, image.image.byteLength),
            {},
            { blocks: true, text: false },
          )
          const result = await withTimeLimit(job, options.pageTimeout ?? 120_000, `OCR of page ${image.number}`)
          pages.push({ number: image.number, width: image.width, height: image.height, words: wordsOf(result.data) })
        } catch (error) {
          failures.push({ page: image.number, reason: `OCR failed: ${(error as Error).message ?? String(error)}` })
        }
        done++
        options.onProgress?.({ done, total: images.length, page: image.number })
      }),
    )
  } catch (error) {
    const reason = (error as Error).message ?? String(error)
    for (const image of images) if (!pages.some((page) => page.number === image.number)) failures.push({ page: image.number, reason: `OCR failed: ${reason}` })
  } finally {
    await scheduler.terminate().catch(() => {})
    await Promise.all(started.map((worker) => worker.terminate().catch(() => {})))
    data.dispose()
  }
  pages.sort((a, b) => a.number - b.number)
  failures.sort((a, b) => a.page - b.page)
  return { pages, failures }
}

function wordsOf(page: Tesseract.Page): Word[] {
  const words: Word[] = []
  const slopes: number[] = []
  for (const block of page.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const { x0, y0, x1, y1 } = line.baseline
        if (x1 - x0 > 200) slopes.push(Math.atan2(y1 - y0, x1 - x0))
        for (const word of line.words) {
          if (word.text.trim() === '') continue
          words.push({
            text: word.text,
            box: { x0: word.bbox.x0, y0: word.bbox.y0, x1: word.bbox.x1, y1: word.bbox.y1 },
            confidence: Math.round(word.confidence),
          })
        }
      }
    }
  }
  return deskew(words, median(slopes))
}

/**
 * Turn word boxes back by the page's skew (the median slope of its long
 * baselines), so the words of one line of a tilted scan share a row again.
 * Boxes keep their size; their centres move.
 */
function deskew(words: Word[], angle: number): Word[] {
  if (Math.abs(angle) < 0.001) return words
  const cos = Math.cos(angle)
  const sin = Math.sin(angle)
  return words.map((word) => {
    const { x0, y0, x1, y1 } = word.box
    const cx = (x0 + x1) / 2
    const cy = (y0 + y1) / 2
    const x = cx * cos + cy * sin
    const y = -cx * sin + cy * cos
    const w = (x1 - x0) / 2
    const h = (y1 - y0) / 2
    return { ...word, box: { x0: Math.round(x - w), y0: Math.round(y - h), x1: Math.round(x + w), y1: Math.round(y + h) } }
  })
}

function median(values: number[]): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[sorted.length >> 1]!
}
