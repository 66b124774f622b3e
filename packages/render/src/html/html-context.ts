import type { Cable } from '@cablekit/core'
import type { Labels, ThemeData } from '../themes/theme.js'

/** What the HTML writers share while one cable is written (types only: the state lives in `toHtml`). */
export interface HtmlContext {
  cable: Cable
  theme: ThemeData
  labels: Labels
  /** The cable's language (BCP 47), already sanitised. */
  lang: string
  /** Apply French spacing to text. */
  french: boolean
  /** The number of a footnote by identifier, given in order of first call; `undefined` when it has no definition. */
  footnoteNumber: (identifier: string) => number | undefined
  /** Every character written as text, so that only the font faces the page needs are inlined. */
  seen: { italic: boolean; bold: boolean; mono: boolean; chars: Set<string> }
}

/** What a theme's own style rules are written from: sizes, colours (already checked) and font stacks. */
export interface HtmlCssInput {
  s: ThemeData['sizes']
  c: Record<'text' | 'muted' | 'stamp' | 'rule' | 'paper' | 'redaction', string>
  heading: string
  stamp: string
}
