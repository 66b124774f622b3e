import type { VFile } from 'vfile'
import type { Fix } from '../../model/schema.js'

/** What every family parser shares while reading one file. */
export interface TextContext {
  /** The file that carries the diagnostics. */
  file: VFile
  /** Apply suggested OCR fixes (`--fix`) instead of only reporting them. */
  fix: boolean
  /** The fixes applied to the cable being read, in order; reset per cable. */
  fixes: Fix[]
  /** Language of the cable being read: OCR rules differ between French and English. */
  lang: 'fr' | 'en'
}
