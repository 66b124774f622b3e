import type { Cable } from '@cablekit/core'
import type { Labels } from './theme.js'

/**
 * A family's header described once, without a format: ordered blocks of
 * wording with their alignment and emphasis. The PDF layout, the DOCX writer
 * and the HTML writer each render any list of blocks, so a theme words its
 * header in one place (`themes/<name>/header.ts`) and the three outputs print
 * the same lines. Types only: this file sits below every writer.
 *
 * @example
 * [{ type: 'line', text: 'NOTE VERBALE', align: 'center', bold: true, size: 'heading' },
 *  { type: 'line', text: 'No. 123/2006' }]
 */
export type HeaderBlock = HeaderLine | HeaderHanging | HeaderFields | HeaderColumns | HeaderLocalized | HeaderSpace | HeaderRule | HeaderSignature

/**
 * Relative sizes, resolved against the theme's sizes by each writer (`reduced`: a point under the body; `title`: four over the heading;
 * `letterhead-state`: a point over the letterhead; `routing`: half a point over `small`, for distribution lines).
 */
export type HeaderSize = 'body' | 'reduced' | 'small' | 'letterhead' | 'letterhead-state' | 'routing' | 'heading' | 'title'

/** Emphasis of a block's text. */
export interface HeaderEmphasis {
  bold?: boolean
  /** Default `body`. */
  size?: HeaderSize
  /** The theme's muted colour. */
  muted?: boolean
  /** In capitals: the PDF and HTML print the text so, a DOCX line in a named style keeps the words as written for the style to capitalize. */
  caps?: boolean
}

/** Part of a line; `spoken` is what a screen reader says instead (a spaced banner is read as its word). */
export interface HeaderSpan {
  text: string
  spoken?: string
}

/** One line (it wraps when long). */
export interface HeaderLine extends HeaderEmphasis {
  type: 'line'
  text: string | readonly HeaderSpan[]
  /** Default `left`. */
  align?: 'left' | 'center' | 'right'
  /** The line is the document's title (the HTML `<h1>`, the PDF's H1). */
  title?: boolean
  /** Left indent in points. */
  indent?: number
  /** Set solid: no leading beyond the fonts' own line height, as letterheads are. */
  solid?: boolean
  /** Each span is a boxed stamp (precedence, classification), set side by side. */
  boxed?: boolean
  /** A DOCX paragraph style (its id, e.g. `CableSender`): when given, the style carries the look in Word, so no direct formatting is written. */
  docxStyle?: string
  /** An HTML class: when given, the line is a `<p>` of that class, which carries its look (the theme's `html.css`). */
  htmlClass?: string
}

/** `TO A` with the next values hanging under the first (`B`, `C`), as telegrams type addressees. */
export interface HeaderHanging extends HeaderEmphasis {
  type: 'hanging'
  label: string
  values: readonly string[]
  /** The first value is the document's title (the subject). */
  title?: boolean
}

/** One label-and-value entry of {@link HeaderFields}; an empty label continues the previous entry. */
export interface HeaderField {
  label: string
  value: string
  /** The value is the document's title. */
  title?: boolean
  /** A DOCX paragraph style for this entry, in place of the block's. */
  docxStyle?: string
}

/** Label-and-value lines, labels in bold and values aligned after the widest label (`Objet :`, `Réf. :`). */
export interface HeaderFields {
  type: 'fields'
  entries: readonly HeaderField[]
  label?: HeaderEmphasis
  value?: HeaderEmphasis
  /** A DOCX paragraph style whose tab stops and indents align the values: when given, labels and values are written plainly in it. */
  docxStyle?: string
  /** With `docxStyle`: a tab (the style's stop) after each label, else a word space. Default `true`. */
  docxTab?: boolean
}

/** Two blocks of lines side by side; the right one is set flush right. */
export interface HeaderColumns {
  type: 'columns'
  left: readonly HeaderBlock[]
  right: readonly HeaderBlock[]
  /** The columns' shares of the width on the page (PDF); default `[0.48, 0.48]`. */
  widths?: readonly [left: number, right: number]
  /** The left cell's share of the DOCX table, whose cells Word pads; default a half. */
  docxSplit?: number
}

/**
 * Lines in another language than the cable's, a localized letterhead: set in
 * that language's direction (`dir`, right to left for Arabic), flush with the
 * alignment they are given, and marked with the language where a format can.
 */
export interface HeaderLocalized {
  type: 'localized'
  /** BCP 47. */
  lang: string
  dir?: 'rtl'
  blocks: readonly HeaderBlock[]
}

/** Vertical space, in points. */
export interface HeaderSpace {
  type: 'space'
  points: number
  /**
   * In DOCX: `false` writes nothing (the paragraph styles space the lines there), a style id an empty paragraph of that style.
   * Default: the space goes before the next paragraph.
   */
  docx?: false | string
}

/** A horizontal rule: a short one under a letterhead, or the width of the text. */
export interface HeaderRule {
  type: 'rule'
  extent: 'short' | 'full'
}

/**
 * Who signs. `letter` sets it right of the centre as letters sign, `margin`
 * at the left margin as telegrams type it.
 */
export interface HeaderSignature {
  type: 'signature'
  text: string
  position: 'letter' | 'letter-left' | 'margin'
  bold?: boolean
}

/** What a header description is worded from besides the cable. */
export interface HeaderContext {
  labels: Labels
  /** The cable's language (BCP 47), `en` when absent. */
  lang: string
  /** The cable is French (labels take ` :`). */
  french: boolean
}

/** A theme's header (or closing) as a function of the cable. */
export type HeaderDescriber = (cable: Cable, context: HeaderContext) => HeaderBlock[]
