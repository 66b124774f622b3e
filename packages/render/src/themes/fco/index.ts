import type { Theme } from '../theme-module.js'
import { fcoData } from './data.js'
import { fcoClosing, fcoHeader } from './header.js'

/** The British FCO telegram: described once, drawn by the shared writers. */
export const fco: Theme = {
  ...fcoData,
  header: fcoHeader,
  closing: fcoClosing,
  docx: { telegram: true },
  furniture: { mark: 'capitals', folio: 'slash' },
}
