import { VFile } from 'vfile'
import type { Cable } from '../model/schema.js'

/** What every ingester returns: the cables it could read, and the file that carries the diagnostics. */
export interface ParseResult {
  /** Cables read; empty when an error left nothing sound to build. */
  cables: Cable[]
  /** The input as a vfile: `path`, `value` and `messages` (the diagnostics). */
  file: VFile
}

/** Options every ingester takes. */
export interface SourceOptions {
  /** The file's path, printed in diagnostics. */
  path?: string
  /**
   * Largest input accepted, in bytes (or UTF-16 units for text), before any
   * parsing: default 16 MiB (a few thousand cables; Cablegate's largest cable
   * is 34 KB). Raise it for trusted archives read whole.
   */
  maxSize?: number
}

/** The default of {@link SourceOptions.maxSize}. */
export const DEFAULT_MAX_SOURCE_SIZE = 16 * 1024 * 1024

/** Input accepted by the ingesters: text, the file's bytes, or a vfile. */
export type Source = string | Uint8Array | VFile

/** Make a vfile from any {@link Source}, keeping an existing vfile's messages. */
export function toVFile(source: Source, options: SourceOptions): VFile {
  if (source instanceof VFile) return source
  return new VFile({ path: options.path ?? 'input', value: source })
}
