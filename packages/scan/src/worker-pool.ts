import type Tesseract from 'tesseract.js'

/** How long an idle OCR worker is kept for the next file before it is ended (it holds about 160 MB). */
export const IDLE_WORKER_TIMEOUT = 20_000

/** Most idle workers kept, all languages together. */
const MAX_IDLE = 4

interface Idle {
  worker: Tesseract.Worker
  key: string
  timer: ReturnType<typeof setTimeout>
}

const idle: Idle[] = []

/**
 * The worker thread under a tesseract.js worker. tesseract.js exposes it (untyped) as `worker`;
 * an idle worker's thread is unref'd so that it never keeps the process alive.
 */
function thread(worker: Tesseract.Worker): { ref?: () => void; unref?: () => void } | undefined {
  return (worker as unknown as { worker?: { ref?: () => void; unref?: () => void } }).worker
}

/**
 * An idle worker started for `key` (the languages), taken out of the pool,
 * or `undefined`. Starting a worker (loading the models) costs about a
 * second; a `parse` of many scans would pay it for every file otherwise.
 */
export function takeIdleWorker(key: string): Tesseract.Worker | undefined {
  const index = idle.findIndex((item) => item.key === key)
  if (index < 0) return undefined
  const [item] = idle.splice(index, 1)
  clearTimeout(item!.timer)
  thread(item!.worker)?.ref?.()
  return item!.worker
}

/**
 * Give a worker that finished its pages back to the pool for the next file.
 * Its thread is unref'd (the process may exit while it idles), and it is
 * ended after {@link IDLE_WORKER_TIMEOUT} or when the pool is full.
 */
export function releaseWorker(key: string, worker: Tesseract.Worker): void {
  if (idle.length >= MAX_IDLE) {
    const oldest = idle.shift()!
    clearTimeout(oldest.timer)
    void oldest.worker.terminate().catch(() => {})
  }
  const timer = setTimeout(() => {
    const index = idle.findIndex((item) => item.worker === worker)
    if (index >= 0) idle.splice(index, 1)
    void worker.terminate().catch(() => {})
  }, IDLE_WORKER_TIMEOUT)
  timer.unref?.()
  thread(worker)?.unref?.()
  idle.push({ worker, key, timer })
}

/**
 * End every idle OCR worker now: for a long-running program that is done with
 * scans and wants the memory back. Workers end by themselves after
 * {@link IDLE_WORKER_TIMEOUT}, and never keep the process alive.
 *
 * @example await closeOcrWorkers()
 */
export async function closeOcrWorkers(): Promise<void> {
  const all = idle.splice(0)
  for (const item of all) clearTimeout(item.timer)
  await Promise.all(all.map((item) => item.worker.terminate().catch(() => {})))
}
