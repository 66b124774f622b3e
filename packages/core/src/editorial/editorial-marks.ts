import type { Cable } from '../model/schema.js'
import { annotateFixes } from './annotate-fixes.js'
import { markEditorNotes } from './editor-notes.js'

/** Options of {@link editorialMarks}. */
export interface EditorialMarksOptions {
  /** Also print the OCR fixes recorded by `--fix` as editor's notes (`--annotate`). */
  annotate?: boolean
}

/**
 * Prepare a cable's editorial marks for any renderer: editor's notes marked
 * "N.d.E." (see {@link markEditorNotes}) and, with `annotate`, the recorded
 * OCR fixes as such notes (see {@link annotateFixes}). `:sic[…]` needs no
 * preparation: renderers print it as the word followed by "[sic]".
 *
 * @example const ready = editorialMarks(cable, { annotate: true })
 */
export function editorialMarks(cable: Cable, options: EditorialMarksOptions = {}): Cable {
  return markEditorNotes(options.annotate ? annotateFixes(cable) : cable)
}
