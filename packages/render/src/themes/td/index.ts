import type { Theme } from '../theme-module.js'
import { tdData } from './data.js'
import { tdClosing, tdHeader } from './header.js'

/** The French TD (télégramme diplomatique): described once, drawn by the shared writers. */
export const td: Theme = {
  ...tdData,
  header: tdHeader,
  closing: tdClosing,
  docx: { telegram: true },
  furniture: { mark: 'capitals', folio: 'slash' },
}
