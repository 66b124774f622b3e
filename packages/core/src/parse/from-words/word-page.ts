/** A box on a page: left, top, right, bottom, measured from the page's top left corner. */
export interface WordBox {
  x0: number
  y0: number
  x1: number
  y1: number
}

/** One word as OCR or a PDF's text layer gives it. */
export interface Word {
  /** The word as read; bidi marks are stripped by the layout step. */
  text: string
  box: WordBox
  /** OCR confidence, 0–100; absent for a PDF's text layer, which is certain. */
  confidence?: number
  /** Rotation of the word's baseline in degrees (stamps are often set askew); absent or 0 for level text. */
  angle?: number
}

/** One page of words, in any order: the layout step finds the reading order. */
export interface WordPage {
  /** Page number, from 1. */
  number: number
  /** Page size, in the units of the boxes (PDF points, or pixels for an image). */
  width: number
  height: number
  words: Word[]
}

/** A word placed in the laid-out text. */
export interface PlacedWord extends Word {
  /** 1-based column of the word's first character in its laid-out line. */
  column: number
}

/** One line of the laid-out text, with where it came from. */
export interface LaidOutLine {
  text: string
  /** 1-based line number in the laid-out text. */
  line: number
  /** The page the line was read on. */
  page: number
  /** The union of its words' boxes. */
  box: WordBox
  words: PlacedWord[]
}

/** What {@link layoutWords} gives: the text the raw-text readers expect, and each line's source. */
export interface WordLayout {
  /** Lines joined by `\n`, paragraphs separated by a blank line. */
  text: string
  /** The non-blank lines of `text`, in order. */
  lines: LaidOutLine[]
  /** Running headers, footers and page numbers taken out, with their page and box. */
  furniture: { text: string; page: number; box: WordBox }[]
}
