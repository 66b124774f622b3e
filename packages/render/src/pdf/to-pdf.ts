import type { Readable } from 'node:stream'
import type { Cable } from '@cablekit/core'
import { layoutCable } from '../layout/layout-cable.js'
import { assertRenderable } from '../validate/assert-renderable.js'
import { createPdfDocument } from './create-pdf-document.js'
import { paintCable } from './paint-cable.js'
import type { PdfOptions } from './pdf-options.js'

/**
 * Render a cable as a facsimile PDF: the theme's look (default: the cable's
 * family), embedded subset fonts, the same bytes for the same input.
 *
 * @param cable a cable from `parse`, `fromMarkdown`, `fromJson` or `fromText`.
 * @param options theme, finish, tagging, PDF/A, creation date.
 * @returns the PDF file's bytes.
 * @throws CableValidationError (as a rejection) when the cable or an option is invalid, naming the field.
 * @example
 * const bytes = await toPdf(cable, { theme: 'ministere' })
 * await writeFile('cable.pdf', bytes)
 */
export async function toPdf(cable: Cable, options: PdfOptions = {}): Promise<Uint8Array> {
  const stream = toPdfStream(cable, options)
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  const buffer = Buffer.concat(chunks)
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}

/**
 * Render a cable as a PDF stream: layout and painting run now, and the bytes
 * flow as the consumer reads (pipe it to a file or an HTTP response).
 *
 * @example toPdfStream(cable).pipe(createWriteStream('cable.pdf'))
 */
export function toPdfStream(cable: Cable, options: PdfOptions = {}): Readable {
  assertRenderable(cable, options)
  const laidOut = layoutCable(cable, options)
  const tagged = options.tagged === true || options.pdfa === true
  const doc = createPdfDocument(laidOut.metadata, { tagged, pdfa: options.pdfa === true })
  paintCable(doc, laidOut, { tagged })
  doc.end()
  return doc as unknown as Readable
}
