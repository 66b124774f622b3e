import type { Readable } from 'node:stream'
import { createPdfDocument } from '../pdf/create-pdf-document.js'
import { assertValidDossier } from '../validate/assert-valid-dossier.js'
import type { Dossier, DossierOptions } from './dossier.js'
import { registerChromeFonts } from './dossier-chrome.js'
import { paintDossier } from './paint-dossier.js'
import { prepareDossier } from './prepare-dossier.js'

export { planDossier } from './plan-dossier.js'
export type { CablePlacement, DossierPlan } from './plan-dossier.js'

/**
 * Render a dossier as one PDF book: a cover, the introduction, a table of
 * contents whose page numbers are the pages where the cables really start,
 * every cable in its own facsimile theme with the dossier's folio in the
 * margin beside its own `n/N`, and an index of tags, places and senders. The
 * PDF has one outline entry per cable and per attachment, page labels (i,
 * ii… then 1, 2…), and contents lines that link to their pages. With
 * `redact`, every cable and the dossier's own texts are redacted on the
 * model first.
 *
 * @returns the PDF's bytes. For large books use {@link toDossierPdfStream}.
 * @example await writeFile('book.pdf', await toDossierPdf({ title: 'Maroc Leaks', cables }, { duplex: true }))
 */
export async function toDossierPdf(dossier: Dossier, options: DossierOptions = {}): Promise<Uint8Array> {
  const chunks: Buffer[] = []
  for await (const chunk of toDossierPdfStream(dossier, options)) chunks.push(chunk as Buffer)
  const buffer = Buffer.concat(chunks)
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}

/**
 * Render a dossier as a PDF stream. Pages flow out as they are painted, and
 * painting waits while the reader is behind, so memory stays bounded: each
 * cable is laid out once, painted and let go, and only a few numbers and
 * its index terms are kept of it. Fonts are embedded once for the book.
 *
 * @example toDossierPdfStream(dossier).pipe(createWriteStream('book.pdf'))
 */
export function toDossierPdfStream(dossier: Dossier, options: DossierOptions = {}): Readable {
  assertValidDossier(dossier, options)
  const prepared = prepareDossier(dossier, options)
  const doc = createPdfDocument(
    {
      title: prepared.title,
      ...(prepared.editor ? { author: prepared.editor } : {}),
      ...(prepared.subtitle ? { subject: prepared.subtitle } : {}),
      lang: prepared.lang,
      creationDate: prepared.creationDate,
    },
    { tagged: options.tagged === true || options.pdfa === true, pdfa: options.pdfa === true },
  )
  registerChromeFonts(doc)
  const stream = doc as unknown as Readable
  paintDossier(doc, prepared, options).catch((error: unknown) => stream.destroy(error as Error))
  return stream
}
