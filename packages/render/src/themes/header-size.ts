import type { HeaderSize, HeaderSpan } from './header-block.js'
import type { ThemeData } from './theme.js'

/** A relative header size in points of `theme`. */
export function headerSize(theme: ThemeData, size: HeaderSize | undefined): number {
  const s = theme.sizes
  switch (size) {
    case 'reduced':
      return s.body - 1
    case 'small':
      return s.small
    case 'letterhead':
      return s.letterhead
    case 'letterhead-state':
      return s.letterhead + 1
    case 'routing':
      return s.small + 0.5
    case 'heading':
      return s.heading
    case 'title':
      return s.heading + 4
    default:
      return s.body
  }
}

/** The printed text of a line: what the eye reads (a spoken form is for the HTML). */
export function lineText(text: string | readonly HeaderSpan[]): string {
  return typeof text === 'string' ? text : text.map((span) => span.text).join('')
}
