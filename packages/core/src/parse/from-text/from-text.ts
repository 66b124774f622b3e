import { report } from '../../diagnostics.js'
import { toVFile } from '../parse-result.js'
import type { ParseResult, Source, SourceOptions } from '../parse-result.js'
import { readText } from '../read-text.js'

/** Options of {@link fromText}. */
export interface FromTextOptions extends SourceOptions {
  /** Apply the suggested OCR fixes and record each in the cable's provenance. */
  fix?: boolean
}

/**
 * Read cables from raw leaked, OCR'd or telegram text.
 *
 * Placeholder until the raw-text ingester lands (issue 3): it reports that no
 * cable could be read.
 */
export function fromText(source: Source, options: FromTextOptions = {}): ParseResult {
  const file = toVFile(source, options)
  if (!readText(file)) return { cables: [], file }
  report(file, 'error', 'no-cable', 'no cable found in this text', { line: 1, column: 1 })
  return { cables: [], file }
}
