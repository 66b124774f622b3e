import type PDFKitDocument from 'pdfkit'

/**
 * A pdfkit document, as `createPdfDocument` makes it and `paintCable` draws
 * on it. Named through the `pdfkit` module rather than the global `PDFKit`
 * namespace, so that the published declarations load pdfkit's types.
 */
export type PdfDocument = typeof PDFKitDocument
