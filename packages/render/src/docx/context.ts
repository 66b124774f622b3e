import type { FootnoteDefinition } from 'mdast'
import type { Paragraph } from 'docx'
import type { Cable } from '@cablekit/core'
import type { Labels, ThemeData } from '../themes/theme.js'
import type { DocxThemeExtras } from './themes.js'

/** Per-document state shared by the block and inline writers. */
export interface WriteContext {
  cable: Cable
  theme: ThemeData
  extras: DocxThemeExtras
  labels: Labels
  /** Apply French spacing to text (theme wants it and the cable is French). */
  french: boolean
  /** Width of the text column in twips, for tables. */
  textWidth: number
  /** Footnote definitions by normalized identifier. */
  definitions: Map<string, FootnoteDefinition>
  /** DOCX footnote id given to each identifier, in order of first reference. */
  footnoteIds: Map<string, number>
  /** The footnotes written so far, by DOCX id. */
  footnotes: Record<string, { children: Paragraph[] }>
  /** Counter giving each numbered list its own numbering instance, so each restarts. */
  listInstance: number
  /** Whether the text holds right-to-left script (decides embedding the Arabic font). */
  usesRtl: boolean
  /** Whether italic faces are used (decides embedding them). */
  usesItalic: boolean
  /** Write a footnote's content (blocks.ts provides it; inline.ts calls it). */
  writeNote: (definition: FootnoteDefinition) => Paragraph[]
}
