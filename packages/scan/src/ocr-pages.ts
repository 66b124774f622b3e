import Tesseract from 'tesseract.js'
import type { Word, WordPage } from '@cablekit/core'
import { DEFAULT_OCR_LANG, languageData } from './languages.js'
import type { LanguageData } from './languages.js'
import { withTimeLimit } from './time-limit.js'
import { releaseWorker, takeIdleWorker } from './worker-pool.js'

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
  /**
   * Keep the workers for the next call, and take idle ones from the last (default true): starting a
   * worker costs about a second. Idle workers never keep the process alive and end after 20 s idle.
   */
  reuseWorkers?: boolean
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
 * `workers` above 1, that many workers take the pages in turn. Workers are
 * kept for the next call (idle, they end after 20 s); blank pages are not
 * sent to OCR. Never throws: a page that fails is listed in `failures`.
 *
 * @example
 * const { pages, failures } = await ocrPages([{ number: 1, image: png, width: 2480, height: 3508 }], { lang: 'fra+ara' })
 */
export async function ocrPages(images: readonly OcrImage[], options: OcrOptions = {}): Promise<{ pages: WordPage[]; failures: OcrFailure[] }> {
  const failures: OcrFailure[] = []
  if (images.length === 0) return { pages: [], failures }
  let data: LanguageData
  try {
    data = languageData(options.lang ?? DEFAULT_OCR_LANG)
  } catch (error) {
    return { pages: [], failures: images.map((image) => ({ page: image.number, reason: (error as Error).message })) }
  }
  const key = data.codes.join('+')
  const reuse = options.reuseWorkers ?? true
  const pages: WordPage[] = []
  let done = 0
  const progress = (page: number) => {
    done++
    options.onProgress?.({ done, total: images.length, page })
  }
  // A blank page (a verso, a separator) has no word to find: tesseract would still spend a second on it.
  const todo: OcrImage[] = []
  for (const image of images) {
    if (isBlankPgm(image.image)) {
      pages.push({ number: image.number, width: image.width, height: image.height, words: [] })
      progress(image.number)
    } else todo.push(image)
  }
  const count = Math.max(1, Math.min(options.workers ?? 1, todo.length, 16))
  const startTimeout = options.startTimeout ?? 60_000
  // Rasterised pages are all 300 dpi: saying so spares tesseract its guess, which small text gets wrong. A
  // worker from the pool may have been told another resolution: it is told each time (0 lets tesseract guess).
  const dpi = todo[0]?.dpi && todo.every((image) => image.dpi === todo[0]!.dpi) ? todo[0]!.dpi : 0
  const start = async (): Promise<Tesseract.Worker> => {
    let worker = reuse ? takeIdleWorker(key) : undefined
    if (!worker) {
      let late = false
      const creating = Tesseract.createWorker(data.codes, Tesseract.OEM.LSTM_ONLY, {
        langPath: data.langPath,
        cacheMethod: 'none',
        gzip: true,
        // Without it a bad image kills the process; the job's promise still rejects and is handled below.
        errorHandler: () => {},
      })
      // A worker that starts after the limit is still ended, not left running.
      creating.then(
        (started) => void (late && started.terminate().catch(() => {})),
        () => {},
      )
      try {
        worker = await withTimeLimit(creating, startTimeout, 'starting the OCR engine')
      } catch (error) {
        late = true
        throw error
      }
    }
    try {
      await worker.setParameters({ user_defined_dpi: String(dpi) })
    } catch (error) {
      await worker.terminate().catch(() => {})
      throw error
    }
    return worker
  }
  let next = 0
  let startError: unknown
  const run = async () => {
    let worker: Tesseract.Worker | undefined
    while (next < todo.length) {
      if (!worker) {
        try {
          worker = await start()
        } catch (error) {
          startError ??= error
          return
        }
      }
      const image = todo[next++]!
      try {
        const job = worker.recognize(Buffer.from(image.image.buffer, image.image.byteOffset, image.image.byteLength), {}, { blocks: true, text: false })
        const result = await withTimeLimit(job, options.pageTimeout ?? 120_000, `OCR of page ${image.number}`)
        pages.push({ number: image.number, width: image.width, height: image.height, words: wordsOf(result.data) })
      } catch (error) {
        failures.push({ page: image.number, reason: `OCR failed: ${(error as Error).message ?? String(error)}` })
        // A worker that failed or is still busy with a page past its limit is not trusted with the next one.
        void worker.terminate().catch(() => {})
        worker = undefined
      }
      progress(image.number)
    }
    if (worker) {
      if (reuse) releaseWorker(key, worker)
      else await worker.terminate().catch(() => {})
    }
  }
  try {
    await Promise.all(Array.from({ length: count }, run))
  } finally {
    data.dispose()
  }
  // Pages no worker was left to read: every start failed.
  const reason = `OCR failed: ${startError instanceof Error ? startError.message : String(startError ?? 'no OCR worker could start')}`
  for (const image of todo.slice(next)) failures.push({ page: image.number, reason })
  if (next < todo.length) for (let index = next; index < todo.length; index++) progress(todo[index]!.number)
  pages.sort((a, b) => a.number - b.number)
  failures.sort((a, b) => a.page - b.page)
  return { pages, failures }
}

/**
 * Whether a greyscale PGM (what cablekit hands to OCR) holds no ink: no 8×8
 * cell of it is a quarter dark. Scanner noise and specks are single pixels and
 * never fill a cell; a stroke of typed text (3–4 pixels at 300 dpi) does.
 * Other encodings are never taken for blank.
 */
export function isBlankPgm(image: Uint8Array): boolean {
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(new TextDecoder('latin1').decode(image.subarray(0, 40)))
  if (!header) return false
  const width = Number(header[1])
  const height = Number(header[2])
  const offset = header[0].length
  if (image.length < offset + width * height) return false
  const cell = 8
  const counts = new Uint16Array(Math.ceil(width / cell))
  let inked = 0
  for (let y = 0; y < height; y++) {
    const row = offset + y * width
    for (let x = 0; x < width; x++) if (image[row + x]! < 140) counts[(x / cell) | 0]!++
    if (y % cell === cell - 1 || y === height - 1) {
      for (const value of counts) if (value >= (cell * cell) / 4) inked++
      // Two inked cells make a mark: a dot on an i is one.
      if (inked >= 2) return false
      counts.fill(0)
    }
  }
  return true
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
