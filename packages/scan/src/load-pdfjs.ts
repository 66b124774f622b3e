/** pdf.js's legacy build, as `readPdf` uses it. */
export type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs')

let loading: Promise<PdfJs> | undefined
const WORKER: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs'

/**
 * Built-ins that pdf.js's legacy build replaces with core-js polyfills for the
 * whole process on Node 20 (V8 fails core-js's edge-case checks for them):
 * its `Array.prototype.push` is about six times slower than V8's, which slowed
 * every push in the process, layout and readers included, and its `JSON.parse`
 * is written in JavaScript. pdf.js uses none of the edge cases they add
 * (raw JSON, pushing past 2^53 elements), so the native ones are put back.
 */
const NATIVES: [object, PropertyKey][] = [
  [Array.prototype, 'push'],
  [JSON, 'parse'],
  [JSON, 'stringify'],
]

/**
 * Load pdf.js and its worker code once, in this thread (the legacy build runs
 * the worker's code in the main thread on Node), then put back the built-ins
 * its polyfills replaced. The worker module is loaded here, not lazily on the
 * first document, so that no polyfill is installed after the restore.
 */
export function loadPdfJs(): Promise<PdfJs> {
  loading ??= (async () => {
    const saved = NATIVES.map(([owner, key]) => [owner, key, Object.getOwnPropertyDescriptor(owner, key)] as const)
    try {
      const lib = await import('pdfjs-dist/legacy/build/pdf.mjs')
      // It sets `globalThis.pdfjsWorker`, which pdf.js's fake worker takes instead of importing it itself.
      // (The worker build ships no types: it is imported by a name TypeScript does not resolve.)
      await import(WORKER)
      return lib
    } finally {
      for (const [owner, key, descriptor] of saved) if (descriptor) Object.defineProperty(owner, key, descriptor)
    }
  })()
  return loading
}
