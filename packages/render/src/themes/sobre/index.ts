import type { Theme } from '../theme-module.js'
import { sobreData } from './data.js'
import { sobreClosing, sobreHeader } from './header.js'

/** The clean reading layout for any cable: a title, a quiet table of fields, a hairline, the text. */
export const sobre: Theme = {
  ...sobreData,
  header: sobreHeader,
  closing: sobreClosing,
  furniture: { mark: 'capitals', folio: 'slash' },
}
