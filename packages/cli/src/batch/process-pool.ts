import { fork } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { ManifestDiagnostic } from './manifest.js'
import type { FromWorker, ToWorker, WorkerJob, WorkerResult, WorkerSetup } from './worker-protocol.js'

/** Options of {@link ProcessPool}. */
export interface ProcessPoolOptions {
  /** How many worker processes run at once. */
  size: number
  /** Told to every worker before its first file. */
  setup: WorkerSetup
  /** Per-file time limit in milliseconds; the worker is killed past it. */
  timeoutMs: number
  /** V8 heap limit of each worker, in MB (`--max-old-space-size`). */
  maxMemoryMb: number
  /** The workers' environment (`SOURCE_DATE_EPOCH`, …). */
  env: NodeJS.ProcessEnv
  /** Another worker program speaking the same protocol (tests use a scripted one); the batch worker by default. */
  worker?: { script: string; execArgv: string[] }
}

/** Why a worker died on a file. */
export type CrashCause = 'timeout' | 'out-of-memory' | 'aborted' | 'crashed' | 'no-worker'

/** The outcome of one file: the worker's result, or the crash that ended it, as a failed result. */
export type PoolOutcome = WorkerResult & { crash?: CrashCause }

interface Waiting {
  job: WorkerJob
  resolve: (outcome: PoolOutcome) => void
  /** How many times a worker died while this file was only being written (not its fault), so it was given to another. */
  requeues?: number
}

interface Running extends Waiting {
  started: number
}

interface Slot {
  child: ChildProcess
  ready: boolean
  /** The file being read and rendered: at most one, so a crash names its file. */
  rendering?: Running
  /** The time limit of the file being rendered. */
  timer?: NodeJS.Timeout
  /** The next file, sent ahead so the worker starts it without waiting for the pool; not started yet. */
  queued?: Waiting
  /** Files rendered whose outputs are being written. */
  writing: Map<number, Running>
  /** The file whose time limit killed the worker. */
  timedOut?: number
  stderr: string
}

/**
 * How many rendered files a worker may still be writing while it renders the
 * next. Writes wait on the disk (fsync) while rendering uses the CPU, so
 * overlapping them keeps each worker's core busy; measured on 2,000 DOCX with
 * `--jobs 1`, a worker sat idle 29 % of the time when each file waited for
 * the previous one's writes.
 */
export const MAX_WRITING = 4

/**
 * V8 flags of every worker, chosen by measurement (`bench/batch.bench.ts`):
 * a worker renders one file after another and keeps little between them (about
 * 40 MB live), but with V8's default 16 MB semi-spaces and its free heap growth
 * its resident set climbed past 250 MB within 300 PDFs. Small semi-spaces cost
 * a few more scavenges for ~20 MB less per worker; the heap growth factor is
 * set in the worker itself (see `worker.ts`). `--max-old-space-size` stays the
 * hard limit (`--max-memory`), so a big cable still renders.
 *
 * `--single-threaded`, when there are as many workers as cores: V8 then
 * collects garbage and optimises code on the worker's own thread instead of
 * on helper threads, which, with a worker on every core, only compete with the
 * other workers and add their coordination. Measured on 2,000 generated cables
 * with `--jobs 2` on 2 cores, the whole run took 17 % less time for PDF
 * (27.4 s → 22.8 s) and 8 % less for DOCX (8.7 s → 8.0 s), with the same peak
 * memory. With a core to spare, the helper threads are free time: PDF with
 * `--jobs 1` took 35 % longer with the flag.
 */
const WORKER_V8_FLAGS = ['--max-semi-space-size=4']
/** Added when there is a worker on every core (see above). */
const EVERY_CORE_FLAGS = ['--single-threaded']

/** How many times a file may be given to another worker because the one writing it died on another file. */
const MAX_REQUEUES = 3

/** How many workers in a row may die before being ready before the pool gives up. */
const MAX_STARTUP_FAILURES = 3

/**
 * A pool of long-lived child processes (`child_process.fork` with IPC), each
 * rendering one file at a time while the outputs of the few before it are
 * still being written. Why processes and not worker threads
 * (piscina): a fatal V8 error (an abort, some parser crashes) takes the whole
 * process down, threads included, and only a process boundary contains it;
 * a process also has its own heap limit and can be killed when it hangs.
 * When a worker dies on a file — abort, heap exhaustion, past the time
 * limit — that file gets a failed outcome with the cause, and a fresh worker
 * takes the dead one's place. The files the dead worker was only writing are
 * given to another worker (their writes are atomic, so nothing half
 * written remains). `run` never rejects.
 *
 * @example
 * const pool = new ProcessPool({ size: 2, setup, timeoutMs: 120_000, maxMemoryMb: 1024, env: process.env })
 * const outcome = await pool.run({ id: 1, absolute: '/a/x.md', relative: 'x.md' })
 * await pool.close()
 */
export class ProcessPool {
  #options: ProcessPoolOptions
  #slots = new Set<Slot>()
  #waiting: Waiting[] = []
  #closing = false
  #startupFailures = 0
  #lastStartupError = ''
  #exited: Promise<void>[] = []
  /** The largest resident set size a worker has reported, in bytes (for the summary and benchmarks). */
  peakWorkerRss = 0
  /** Process ids of workers that died with files in hand: their temporary files are swept after the run. */
  readonly deadWorkers = new Set<number>()

  constructor(options: ProcessPoolOptions) {
    this.#options = options
    for (let i = 0; i < options.size; i++) this.#spawn()
  }

  /** Render one file on the next free worker. */
  run(job: WorkerJob): Promise<PoolOutcome> {
    return new Promise((resolve) => {
      if (this.#startupFailures >= MAX_STARTUP_FAILURES) resolve(this.#noWorker(job))
      else {
        this.#waiting.push({ job, resolve })
        this.#dispatch()
      }
    })
  }

  /** Let the workers finish their files, then stop them. */
  async close(): Promise<void> {
    this.#closing = true
    for (const slot of this.#slots) {
      if (idle(slot)) slot.child.disconnect?.()
    }
    await Promise.all(this.#exited)
  }

  #spawn(): void {
    const { script, execArgv } = this.#options.worker ?? workerEntry()
    const child = fork(script, [], {
      execArgv: [
        ...execArgv,
        ...WORKER_V8_FLAGS,
        ...(this.#options.size >= availableParallelism() ? EVERY_CORE_FLAGS : []),
        `--max-old-space-size=${this.#options.maxMemoryMb}`,
      ],
      env: this.#options.env,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    })
    const slot: Slot = { child, ready: false, writing: new Map(), stderr: '' }
    this.#slots.add(slot)
    child.stderr?.setEncoding('utf8')
    // Keep the tail only: it holds the fatal error line when V8 gives up.
    child.stderr?.on('data', (text: string) => {
      slot.stderr = (slot.stderr + text).slice(-8192)
    })
    child.on('message', (message: FromWorker) => this.#receive(slot, message))
    // An IPC error means the child is gone; 'exit' handles it.
    child.on('error', () => {})
    this.#exited.push(
      new Promise((resolve) => {
        // Settle once the process has exited AND its channel and stderr are drained, so every
        // message it sent before dying (its last `rendered`) and V8's fatal line are in.
        // ('close' would say the same, but it never comes after the parent disconnects.)
        let exit: [number | null, NodeJS.Signals | null] | undefined
        let stderrEnded = !child.stderr
        let settled = false
        const settle = (force = false) => {
          if (settled || !exit || (!force && (child.connected || !stderrEnded))) return
          settled = true
          this.#exit(slot, ...exit)
          resolve()
        }
        child.once('exit', (code, signal) => {
          exit = [code, signal]
          settle()
          // A pipe kept open by a grandchild must not hold the pool up.
          if (!settled) setTimeout(() => settle(true), 2000).unref()
        })
        child.once('disconnect', () => settle())
        child.stderr?.once('end', () => {
          stderrEnded = true
          settle()
        })
      }),
    )
    child.send({ type: 'setup', setup: this.#options.setup } satisfies ToWorker)
  }

  #receive(slot: Slot, message: FromWorker): void {
    if (message.type === 'ready') {
      slot.ready = true
      this.#startupFailures = 0
      this.#dispatch()
    } else if (message.type === 'rendered' && slot.rendering?.job.id === message.id) {
      // The time limit is on rendering. Writes wait while the next file renders (one thread),
      // so a limit still running on them would blame them for that file's hang.
      clearTimeout(slot.timer)
      slot.writing.set(message.id, slot.rendering)
      slot.rendering = undefined
      slot.stderr = ''
      // The worker renders what was sent ahead at once: so does its time limit start.
      if (slot.queued) this.#start(slot, slot.queued)
      slot.queued = undefined
      this.#dispatch()
    } else if (message.type === 'result') {
      // Every result follows its file's `rendered`: the file is among those being written.
      const running = slot.writing.get(message.result.id)
      if (!running) return
      slot.writing.delete(message.result.id)
      this.peakWorkerRss = Math.max(this.peakWorkerRss, message.result.maxRss ?? 0)
      running.resolve(message.result)
      if (this.#closing && this.#waiting.length === 0) {
        if (idle(slot)) slot.child.disconnect?.()
      } else this.#dispatch()
    }
  }

  #dispatch(): void {
    for (const slot of this.#slots) {
      if (this.#waiting.length === 0) return
      if (!slot.ready || slot.queued || slot.writing.size >= MAX_WRITING || !slot.child.connected) continue
      const next = this.#waiting.shift()!
      if (slot.rendering) slot.queued = next
      else this.#start(slot, next)
      slot.child.send({ type: 'job', job: next.job } satisfies ToWorker)
    }
  }

  /** Count `next` as the file `slot` renders now, and start its time limit. */
  #start(slot: Slot, next: Waiting): void {
    slot.timer = setTimeout(() => {
      slot.timedOut = next.job.id
      slot.child.kill('SIGKILL')
    }, this.#options.timeoutMs)
    slot.rendering = { ...next, started: performance.now() }
    slot.stderr = ''
  }

  #exit(slot: Slot, code: number | null, signal: NodeJS.Signals | null): void {
    this.#slots.delete(slot)
    clearTimeout(slot.timer)
    const running = [...(slot.rendering ? [slot.rendering] : []), ...slot.writing.values()]
    // Killed mid-write (time limit, heap, abort), it could not remove its temporary files.
    if (running.length > 0 && slot.child.pid !== undefined) this.deadWorkers.add(slot.child.pid)
    // The file to blame: the one past its time limit, else the one being rendered; a worker
    // that dies while only writing leaves no better suspect than all of its files.
    const timedOut = running.find(({ job }) => job.id === slot.timedOut)
    const culprits = timedOut ? [timedOut] : slot.rendering ? [slot.rendering] : running
    slot.rendering = undefined
    slot.writing.clear()
    // Sent ahead but never started: simply another worker's.
    if (slot.queued) this.#waiting.unshift(slot.queued)
    slot.queued = undefined
    for (const { job, resolve, started, requeues = 0 } of running) {
      const ms = Math.round(performance.now() - started)
      // Past a few times, its writes are the likelier cause after all.
      if (culprits.some((culprit) => culprit.job.id === job.id) || requeues >= MAX_REQUEUES)
        resolve(this.#crashOutcome(job, slot, code, signal, ms, job.id === slot.timedOut))
      // Innocent: its outputs are written atomically or not at all, so another worker starts it again.
      else this.#waiting.unshift({ job, resolve, requeues: requeues + 1 })
    }
    if (running.length === 0 && !slot.ready && !this.#closing) {
      this.#startupFailures++
      this.#lastStartupError = lastLines(slot.stderr) || `exit code ${code ?? signal}`
    }
    if (this.#closing && this.#waiting.length === 0) return
    this.#dispatch()
    if (this.#startupFailures >= MAX_STARTUP_FAILURES) {
      // Workers die before they can take a file: an install problem, not an input's. Fail what waits, loudly.
      for (const waiting of this.#waiting.splice(0)) waiting.resolve(this.#noWorker(waiting.job))
      return
    }
    this.#spawn()
  }

  #crashOutcome(job: WorkerJob, slot: Slot, code: number | null, signal: NodeJS.Signals | null, ms: number, timedOut: boolean): PoolOutcome {
    const seconds = this.#options.timeoutMs / 1000
    let crash: CrashCause
    let reason: string
    if (timedOut) {
      crash = 'timeout'
      reason = `took longer than the ${seconds} s limit per file (--timeout); its worker was stopped and replaced`
    } else if (/heap out of memory|Reached heap limit|Allocation failed/i.test(slot.stderr)) {
      crash = 'out-of-memory'
      reason = `ran out of memory: its worker passed the ${this.#options.maxMemoryMb} MB limit (--max-memory) and was replaced`
    } else if (signal === 'SIGABRT' || code === 134) {
      crash = 'aborted'
      const fatal = /^.*(FATAL|Fatal|fatal|abort).*$/m.exec(slot.stderr)?.[0]?.trim()
      reason = `made its worker process abort${fatal ? ` (${fatal})` : ''}; the worker was replaced`
    } else {
      crash = 'crashed'
      const how = signal ? `signal ${signal}` : `code ${code}`
      reason = `its worker process exited unexpectedly (${how})${slot.stderr ? `: ${lastLines(slot.stderr)}` : ''}; the worker was replaced`
    }
    const diagnostic: ManifestDiagnostic = { severity: 'error', ruleId: crash, reason, line: 1, column: 1 }
    return { id: job.id, status: 'failed', outputs: [], diagnostics: [diagnostic], ms, crash }
  }

  #noWorker(job: WorkerJob): PoolOutcome {
    const reason = `no batch worker could start: ${this.#lastStartupError}`
    return {
      id: job.id,
      status: 'failed',
      outputs: [],
      diagnostics: [{ severity: 'error', ruleId: 'no-worker', reason, line: 1, column: 1 }],
      ms: 0,
      crash: 'no-worker',
    }
  }

  /** Whether the workers keep dying before they are ready (an installation problem). */
  get broken(): string | undefined {
    return this.#startupFailures >= MAX_STARTUP_FAILURES ? this.#lastStartupError : undefined
  }
}

/**
 * The worker's entry: the TypeScript source through tsx when this module runs
 * from source (tests, `node --import tsx`), else the built `batch-worker.js`
 * beside the bundled CLI.
 */
function workerEntry(): { script: string; execArgv: string[] } {
  const here = import.meta.url
  if (here.endsWith('.ts')) {
    const tsx = createRequire(here).resolve('tsx')
    return { script: fileURLToPath(new URL('./worker.ts', here)), execArgv: ['--conditions=source', '--import', pathToFileURL(tsx).href] }
  }
  return { script: fileURLToPath(new URL('./batch-worker.js', here)), execArgv: [] }
}

/** Whether a worker has nothing to render or write. */
function idle(slot: Slot): boolean {
  return !slot.rendering && !slot.queued && slot.writing.size === 0
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' ').slice(0, 500)
}
