import type { Theme } from '../theme-module.js'
import { telegrammeData } from './data.js'
import { marginSignature, telegrammeHeader } from './header.js'

/** The US State Department telegram: monospaced, header lines in telegram order, spaced banners, `PAGE nn OF mm`. */
export const telegramme: Theme = {
  ...telegrammeData,
  header: telegrammeHeader,
  closing: marginSignature,
  docx: { telegram: true },
  furniture: { mark: 'spaced', folio: 'page-of' },
}
