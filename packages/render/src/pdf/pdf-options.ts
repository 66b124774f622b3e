import type { LayoutOptions } from '../layout/layout-options.js'

/** Options of {@link toPdf}, {@link toPdfStream} and `layoutCable`. */
export interface PdfOptions extends LayoutOptions {
  /** Write a tagged (structured, accessible) PDF. */
  tagged?: boolean
  /** Write PDF/A-3b (implies embedded fonts, XMP metadata and an output intent). */
  pdfa?: boolean
}
