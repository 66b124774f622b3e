import type { FootnoteDefinition } from 'mdast'
import type { Cable } from '@cablekit/core'
import type { Labels, ThemeData } from '../themes/theme.js'
import type { ListNumbering } from './list-numbering.js'
import type { Relationships } from './relationships.js'
import type { DocxThemeExtras } from './themes.js'

/** Per-document state shared by the XML writers of blocks, inlines, header and footnotes. */
export interface XmlContext {
  cable: Cable
  theme: ThemeData
  /**
   * The theme whose header and closing the cable being written takes, when it
   * is not `theme`: a dossier writes each cable in its family's theme under
   * the styles of one document theme.
   */
  cableTheme?: ThemeData
  extras: DocxThemeExtras
  labels: Labels
  /** Apply French spacing to text (theme wants it and the cable is French). */
  french: boolean
  /** Width of the text column in twips, for tables. */
  textWidth: number
  /**
   * The folio's total as field XML, when it is not the document's
   * `NUMPAGES`: a dossier counts a cable's pages within the cable (a
   * `PAGEREF` to a bookmark on its last page, page numbers restarting at its first).
   */
  pageTotalXml?: string
  /** Footnote definitions by normalized identifier. */
  definitions: Map<string, FootnoteDefinition>
  /** DOCX footnote id given to each identifier, in order of first reference. */
  footnoteIds: Map<string, number>
  /** `w:footnote` elements written so far, at index id - 1. */
  footnotes: string[]
  /** Relationships of the footnotes part (hyperlinks inside notes). */
  footnoteLinks: Relationships
  /** Where hyperlinks being written are registered: the document's or the footnotes' relationships. */
  links: Relationships
  /** List numbering instances of the document. */
  numbering: ListNumbering
  /** Whether the text holds right-to-left script (decides embedding the Arabic font). */
  usesRtl: boolean
  /** Whether italic faces are used (decides embedding them). */
  usesItalic: boolean
  /** The block XML of a footnote's content (the block writer provides it; inline content calls it). */
  writeNote: (definition: FootnoteDefinition) => string[]
}

/** What a new {@link XmlContext} starts from: the cable, theme and language data, and the document's relationships. */
export type XmlContextInit = Pick<XmlContext, 'cable' | 'theme' | 'extras' | 'labels' | 'french' | 'textWidth' | 'links'>
