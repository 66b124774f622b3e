import type cliProgressTypes from 'cli-progress'
import type { CliIo } from '../io.js'
import type { ManifestDiagnostic, ManifestOutput } from './manifest.js'

/** How progress is shown: a bar on a terminal, JSON lines for machines, or nothing. */
export type ProgressMode = 'bar' | 'json' | 'none'

/** What happened to one input, as progress events tell it (`resumed`: rendered by an earlier run, left alone). */
export type FileStatus = 'rendered' | 'failed' | 'skipped' | 'resumed'

/** The `file` event: one input done. */
export interface FileEvent {
  event: 'file'
  path: string
  status: FileStatus
  /** Inputs done so far, this one included. */
  done: number
  total: number
  /** Failures so far. */
  failed: number
  /** A failure recorded by an earlier run for the same content and options, not retried (see `--retry-failed`). */
  earlier?: boolean
  ms?: number
  outputs?: ManifestOutput[]
  diagnostics?: ManifestDiagnostic[]
}

/** The end of a batch: the counts of this run, its time and rate, and the peak memory. */
export interface BatchSummary {
  /** Inputs in this run's share (every file seen, skipped ones included). */
  total: number
  /** Rendered by this run. */
  rendered: number
  /** Failed, in this run or (unchanged since) in an earlier one. */
  failed: number
  /** Not a cable source. */
  skipped: number
  /** Rendered by an earlier run with the same content and options: left as they were. */
  resumed: number
  /** Counted when the run started, then gone before their turn came (deleted or moved during the run). */
  vanished?: number
  seconds: number
  /** Inputs rendered or failed per second by this run. */
  rate: number
  /** Peak resident set size in bytes: the parent process, and the largest worker. */
  peakRss: { main: number; worker: number }
  /** `i/n` when sharded. */
  shard?: string
  /** The manifest written, relative to the output folder. */
  manifest: string
}

/** Receives the events of a batch and shows them. */
export interface ProgressReporter {
  start(total: number, info: { shard?: string; jobs: number }): void
  file(event: FileEvent): void
  /** Print text (diagnostics) without breaking the bar. */
  log(text: string): void
  end(summary: BatchSummary): void
}

/**
 * The progress mode to use: the one asked for, else a bar when stdout is a
 * terminal and JSON lines when it is not (a pipe, a log file, a job runner).
 */
export function progressMode(asked: string | undefined, io: CliIo): ProgressMode {
  if (asked === 'bar' || asked === 'json' || asked === 'none') return asked
  return io.stdout.isTTY ? 'bar' : 'json'
}

/**
 * Make the reporter for `mode`. JSON mode writes one object per line on
 * stdout: `{"event":"start","total":N}`, then `{"event":"file",…}` per input,
 * then `{"event":"end",…summary}`. The bar (cli-progress, on stderr) shows the
 * count, rate, ETA and failures so far.
 */
export async function createProgress(mode: ProgressMode, io: CliIo): Promise<ProgressReporter> {
  if (mode === 'json') return jsonProgress(io)
  // Loaded for a terminal only: scripts and array jobs, which read JSON, do not carry it (7 MB).
  if (mode === 'bar') return barProgress(io, (await import('cli-progress')).default)
  return { start() {}, file() {}, log: (text) => void io.stderr.write(text), end() {} }
}

function jsonProgress(io: CliIo): ProgressReporter {
  const emit = (value: object) => void io.stdout.write(`${JSON.stringify(value)}\n`)
  return {
    start: (total, info) => emit({ event: 'start', total, jobs: info.jobs, ...(info.shard ? { shard: info.shard } : {}) }),
    file: (event) => emit(event),
    log: (text) => void io.stderr.write(text),
    end: (summary) => emit({ event: 'end', ...summary }),
  }
}

function barProgress(io: CliIo, cliProgress: typeof cliProgressTypes): ProgressReporter {
  const started = performance.now()
  let processed = 0
  const multibar = new cliProgress.MultiBar(
    {
      stream: io.stderr as unknown as NodeJS.WritableStream,
      format: ' {bar} {value}/{total} | {rate}/s | ETA {eta_formatted} | {failed} failed',
      hideCursor: true,
      clearOnComplete: false,
      noTTYOutput: !io.stderr.isTTY,
      notTTYSchedule: 5000,
      etaBuffer: 200,
    },
    cliProgress.Presets.shades_classic,
  )
  let bar: cliProgressTypes.SingleBar | undefined
  return {
    start(total) {
      bar = multibar.create(total, 0, { rate: '0.0', failed: 0 })
    },
    file(event) {
      if (event.status === 'rendered' || event.status === 'failed') processed++
      const seconds = (performance.now() - started) / 1000
      bar?.update(event.done, { rate: (processed / Math.max(seconds, 0.001)).toFixed(1), failed: event.failed })
    },
    log: (text) => multibar.log(text.endsWith('\n') ? text : `${text}\n`),
    end() {
      multibar.stop()
    },
  }
}
