import type { ParseOptions, RedactOptions } from '@cablekit/core'
import type { ManifestDiagnostic, ManifestOutput } from './manifest.js'
import type { OutputClaim } from './walk-inputs.js'
import type { ScanFlags } from '../scan-options.js'

/** What every worker of a batch is told once, before its first file. */
export interface WorkerSetup {
  /** Output formats. */
  to: ('pdf' | 'docx' | 'html')[]
  /** Theme name, or each cable's family when absent. */
  theme?: string
  /** Absolute path of a theme module (`--theme MODULE`): each worker imports it once, before warming up. */
  themeModule?: string
  /** The shared rendering flags, as `renderSource` takes them. */
  finish?: 'clean' | 'scan'
  tagged?: boolean
  pdfa?: boolean
  json?: boolean
  annotate?: boolean
  embedFonts?: boolean
  /** `--from`, `--fix`. */
  parse?: ParseOptions
  /** Absolute output folder. */
  out: string
  /** Shard tag for temporary names (`all` when unsharded). */
  tag: string
  /** Redaction rules applied to every cable, and to output names and diagnostics (texts and expressions as strings; no key). */
  redact?: Omit<RedactOptions, 'key'>
  /** `--ocr`, `--lang`, `--workers` for scans and PDFs. */
  scan?: ScanFlags
}

/** One file to render. */
export interface WorkerJob {
  id: number
  /** Absolute path to read. */
  absolute: string
  /** POSIX path relative to the input base: names the outputs and the diagnostics. */
  relative: string
  /** Position of the input in the sorted walk of the whole archive: disambiguates names the redaction scrubbed. */
  ordinal?: number
  /** Output names other inputs of the folder own: the file fails rather than overwrite them. */
  claimed?: OutputClaim[]
}

/** What a worker reports for one file it handled (a crash is reported by the pool instead). */
export interface WorkerResult {
  id: number
  /** `skipped`: the file, met in the walk, holds no cable (a README, a job definition); a warning says so. */
  status: 'rendered' | 'failed' | 'skipped'
  contentHash?: string
  outputs: ManifestOutput[]
  diagnostics: ManifestDiagnostic[]
  ms: number
  /** The worker's peak resident set size so far, in bytes. */
  maxRss?: number
  /**
   * The error code when the outputs could not be written for a reason of the
   * machine's, not the input's (`ENOSPC`, `EDQUOT`, `EROFS`, `EIO`…): the
   * batch stops, and the input is left out of the manifest to be rendered by
   * the next run.
   */
  ioError?: string
  /** The file was gone when its turn came (deleted or moved during the run): not the input's failure. */
  vanished?: boolean
}

/** Messages from the parent process to a worker. */
export type ToWorker = { type: 'setup'; setup: WorkerSetup } | { type: 'job'; job: WorkerJob }

/**
 * Messages from a worker to the parent process. `rendered` comes for every
 * file, before its `result`: the file's rendering is over and only its writes
 * remain, the worker starts the next file it was sent, and a crash from then
 * on is not this file's doing.
 */
export type FromWorker = { type: 'ready' } | { type: 'rendered'; id: number } | { type: 'result'; result: WorkerResult }
