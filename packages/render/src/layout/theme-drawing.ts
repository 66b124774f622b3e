import type { Attachment } from '@cablekit/core'
import type { Group } from './laid-out.js'
import type { LayoutKit } from './layout-kit.js'

/**
 * The drawing functions of a theme for PDF: small functions from the cable
 * (through a {@link LayoutKit}) to groups of rows. Everything else (body,
 * lists, tables, footnotes, pagination, page furniture) is shared.
 */
export interface ThemeDrawing {
  /** The first-page header: letterhead, references, stamps, addressees, subject. */
  header(kit: LayoutKit): Group[]
  /** What follows the body: the signature. */
  closing?(kit: LayoutKit): Group[]
  /** The heading of an attachment, which starts on a new page. */
  attachmentHeading?(kit: LayoutKit, attachment: Attachment, index: number): Group[]
  /** The page number as the family writes it (default `n/N`). */
  folio?(page: number, total: number, kit: LayoutKit): string
  /** The running header of pages 2 and after (default: `N° reference` in French, else the reference or id). */
  runningHeader?(kit: LayoutKit): string | undefined
  /** The classification as printed at the top and bottom of each page (default: the label as written). */
  classificationMark?(label: string, kit: LayoutKit): string
}
