import type { Theme } from '../theme-module.js'
import { noteVerbaleData } from './data.js'
import { noteVerbaleClosing, noteVerbaleHeader } from './header.js'

/** The note verbale: described once, drawn by the shared writers. */
export const noteVerbale: Theme = {
  ...noteVerbaleData,
  header: noteVerbaleHeader,
  closing: noteVerbaleClosing,
  furniture: { mark: 'capitals', folio: 'slash' },
}
