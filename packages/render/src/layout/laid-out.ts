import type { FontFace } from '../fonts/font-face.js'
import type { ShapedText } from '../fonts/shape-text.js'
import type { ThemeData } from '../themes/theme.js'

/**
 * The resolved page tree that layout produces and the painter walks: every
 * box has its final position in points, from the top-left corner of the page
 * (y grows downwards; the painter flips to PDF space).
 */

/** A run of glyphs in one face, size and colour, at `x` on its line. */
export interface GlyphRunBox {
  face: FontFace
  size: number
  color: string
  /** Offset from the start of the text box, in points. */
  x: number
  /** Shift of the baseline (superscripts), in points, upwards positive. */
  rise: number
  shaped: ShapedText
  /** The text as written, in logical order (for tagging and search). */
  text: string
  /** Right-to-left run (glyphs are already in visual order). */
  rtl: boolean
}

/** Text on one baseline. */
export interface TextBox {
  type: 'text'
  x: number
  /** Baseline. */
  y: number
  runs: GlyphRunBox[]
  /** Structure role for tagged PDF (`P`, `H1`, `Artifact`…). */
  role?: string
  /** Index of the group the text belongs to: lines of one paragraph share one structure element. */
  group?: number
}

/** A filled and/or stroked rectangle. */
export interface RectBox {
  type: 'rect'
  x: number
  y: number
  width: number
  height: number
  fill?: string
  stroke?: string
  lineWidth?: number
}

/** A straight rule. */
export interface RuleBox {
  type: 'rule'
  x1: number
  y1: number
  x2: number
  y2: number
  color: string
  lineWidth: number
}

/** A clickable area linking to a URL already checked by `safeLink`. */
export interface LinkBox {
  type: 'link'
  x: number
  y: number
  width: number
  height: number
  url: string
}

/**
 * A black bar standing for redacted text, with its reason printed in white:
 * its width depends only on the reason, clamped to the width of the line it
 * sits on (a narrow table cell), where the reason wraps on the bar.
 */
export interface RedactionBox {
  type: 'redaction'
  x: number
  y: number
  width: number
  height: number
  color: string
  /** The reason, one text box per line on the bar (none without a reason, or on a bar too narrow for it). */
  labels: TextBox[]
}

/** Boxes drawn together, rotated about (`originX`, `originY`) (stamps, the scanned finish). */
export interface GroupBox {
  type: 'group'
  rotate: number
  originX: number
  originY: number
  opacity?: number
  boxes: Box[]
}

/** Anything the painter draws. */
export type Box = TextBox | RectBox | RuleBox | LinkBox | RedactionBox | GroupBox

/** One horizontal slice of content: the unit pagination moves between pages. */
export interface Row {
  height: number
  /** Boxes with `y` relative to the top of the row. */
  boxes: Box[]
  /** Footnote rows to place at the bottom of the page that holds this row. */
  footnotes?: Row[]
}

/** Rows that belong together, with the rules that keep them readable across pages. */
export interface Group {
  rows: Row[]
  spaceBefore: number
  spaceAfter: number
  /** Never leave this group last on a page (headings, labels). */
  keepWithNext?: boolean
  /** Rows kept together at the top and bottom of a split (orphans and widows); 1 lets the group split anywhere. */
  minSplit?: number
  /** Start on a new page (attachments). */
  breakBefore?: boolean
  /** Structure role of the group for tagged PDF. */
  role?: string
}

/** What is printed on every page besides the content. */
export interface PageFurniture {
  /** Classification at the top and bottom, in the document's wording. */
  classification?: string
  /** Running header from page 2 (the reference). */
  runningHeader?: string
}

/** A laid-out page: boxes at final positions. */
export interface LaidOutPage {
  /** The content. */
  boxes: Box[]
  /** Classification marks, running header and folio (drawn as artifacts). */
  furniture: Box[]
}

/** A cable laid out for a theme: page size, pages, and what to print on each. */
export interface LaidOutCable {
  theme: ThemeData
  width: number
  height: number
  pages: LaidOutPage[]
  /**
   * Where each attachment starts: `index` in `cable.attachments`, `page` the
   * 0-based page of this cable that opens with it (each starts a new page).
   * A dossier numbers its outline and contents from these.
   */
  attachments: { index: number; page: number }[]
  furniture: PageFurniture
  /** Metadata for the PDF info dictionary, already sanitised. */
  metadata: { title?: string; author?: string; subject?: string; keywords?: string; lang: string; creationDate: Date }
  finish: 'clean' | 'scan'
  /** Seed for the scanned finish's grain, from the cable's identity (never random). */
  seed: number
  /** The folio this cable prints on page `page` (1-based) of `total` (`1/3`, `PAGE 01 OF 03`). */
  folio(page: number, total: number): string
  /** The furniture of page `index` (0-based) with `folio` as its page number: for documents that number pages themselves. */
  furnitureFor(index: number, folio: string): Box[]
}
