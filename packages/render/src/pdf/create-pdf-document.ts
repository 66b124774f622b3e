import PDFDocument from 'pdfkit'
import type { LaidOutCable } from '../layout/laid-out.js'
import type { PdfDocument } from './pdf-document.js'

/** Options of {@link createPdfDocument}. */
export interface PdfDocumentOptions {
  tagged?: boolean
  pdfa?: boolean
}

/**
 * A pdfkit document set up for cablekit: no first page (painters add theirs),
 * no default font (so no standard-14 font can slip in), fixed dates and
 * metadata (Title, Author, Subject, Keywords, Lang, CreationDate) so the same
 * input gives the same bytes, optionally tagged and PDF/A-3b.
 */
export function createPdfDocument(metadata: LaidOutCable['metadata'], options: PdfDocumentOptions = {}): PdfDocument {
  const info: Record<string, string | Date> = {
    Creator: 'cablekit',
    Producer: 'cablekit (pdfkit)',
    CreationDate: metadata.creationDate,
    ModDate: metadata.creationDate,
  }
  if (metadata.title) info['Title'] = metadata.title
  if (metadata.author) info['Author'] = metadata.author
  if (metadata.subject) info['Subject'] = metadata.subject
  if (metadata.keywords) info['Keywords'] = metadata.keywords
  const settings = {
    autoFirstPage: false,
    // `null`, not undefined: pdfkit would otherwise load Helvetica as the default font.
    font: null,
    compress: true,
    pdfVersion: '1.7',
    lang: metadata.lang,
    displayTitle: true,
    info,
    ...(options.tagged || options.pdfa ? { tagged: true } : {}),
    ...(options.pdfa ? { subset: 'PDF/A-3b' } : {}),
  }
  return new PDFDocument(settings as unknown as PDFKit.PDFDocumentOptions)
}
