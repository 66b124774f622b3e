// The renderer joins pdfkit's chunks with `Buffer.concat`, as in Node; the
// browser gets the `buffer` package's Buffer. Imported first by main.ts.
import { Buffer } from 'buffer'

const scope = globalThis as { Buffer?: unknown }
scope.Buffer ??= Buffer
