/**
 * The child process of `cablekit batch`: one per core, long-lived, so fonts,
 * themes and shaping caches are loaded once and reused for every file it is
 * given. It reads a file, renders it with `renderSource` (the same code as
 * `cablekit render`), writes each output atomically, and reports the outcome.
 * Anything that kills it (an abort, heap exhaustion, the parent's time limit)
 * is contained by the process boundary; the pool records the cause and starts
 * another.
 */
import { lstatSync } from 'node:fs'
import type { Stats } from 'node:fs'
import { dirname, join, posix } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { hasErrors, severityOf } from '@cablekit/core'
import { renderSource } from '../render-source.js'
import { readFailure, readSourceFile } from '../read-source-file.js'
import { outputStem } from '../output-names.js'
import { scrubberFor } from '../redaction-options.js'
import { loadThemeModule } from '../load-theme-module.js'
import type { RenderSourceOptions } from '../render-source.js'
import { contentHash } from './hashes.js'
import { MACHINE_ERRORS, ioMessage } from './io-errors.js'
import type { ManifestDiagnostic, ManifestOutput } from './manifest.js'
import type { FromWorker, ToWorker, WorkerJob, WorkerResult, WorkerSetup } from './worker-protocol.js'
import { fsyncDirectory, writeOutput } from './write-output.js'

// Grow the old generation by 50 % of what survives a full collection instead
// of V8's adaptive factor (up to 4×): each file's garbage is dropped at once,
// so the adaptive factor only let a worker's heap swell to several times its
// ~40 MB live set. Measured on 1,000 PDFs: 144 MB a worker instead of 171, for
// about 8 % more CPU; 30 % saved 7 MB more but cost 25 % more CPU. Set here rather than on the command line because it is a
// V8 internal flag: an unknown one would stop `node` from starting, while
// `setFlagsFromString` only prints a warning.
setFlagsFromString('--heap-growing-percent=50')

let setup: WorkerSetup | undefined
/** What every file is rendered with: the setup's flags, the theme module imported once. */
let rendering: Omit<RenderSourceOptions, 'stem' | 'redact' | 'scan'> = { to: [] }

// The parent died or closed the pool: nothing more will come.
process.on('disconnect', () => process.exit(0))

process.on('message', (message: ToWorker) => {
  if (message.type === 'setup') {
    setup = message.setup
    void prepare(setup)
      .then((options) => {
        rendering = options
        return warm(options)
      })
      .then(
        () => send({ type: 'ready' }),
        (error: unknown) => {
          // The parent checked the module exists; one that fails to import stops the batch with this line.
          process.stderr.write(`cablekit batch: ${(error as Error).message}\n`)
          process.exit(2)
        },
      )
  } else if (message.type === 'job' && setup) {
    queue.push(message.job)
    void pump(setup)
  }
})

function send(message: FromWorker): void {
  process.send?.(message)
}

/**
 * Files sent ahead: the pool sends the next file while this one renders, so
 * the worker never waits for a round trip between two files. They are
 * rendered strictly one after the other, in the order sent, which is what
 * lets the pool tell which file was rendering when the process died.
 */
const queue: WorkerJob[] = []
let pumping = false

async function pump(setup: WorkerSetup): Promise<void> {
  if (pumping) return
  pumping = true
  try {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const started = performance.now()
      const rendered = await render(job, setup)
      // Rendering is over: from here a crash is not this file's doing. Its outputs are
      // written while the next file renders, and the result goes when they are on disk.
      send({ type: 'rendered', id: job.id })
      void write(rendered, job, setup).then((result) =>
        send({ type: 'result', result: { ...result, ms: Math.round(performance.now() - started), maxRss: process.resourceUsage().maxRSS * 1024 } }),
      )
    }
  } finally {
    pumping = false
  }
}

/** A file rendered, its outputs not yet written; or its outcome when there is nothing to write. */
type Rendered =
  | { done: Omit<WorkerResult, 'ms'> }
  | { contentHash: string; folder: string; outputs: { name: string; bytes: Uint8Array }[]; diagnostics: ManifestDiagnostic[]; failed: boolean }

async function render(job: WorkerJob, setup: WorkerSetup): Promise<Rendered> {
  let bytes: Uint8Array
  try {
    // Synchronous: the next file is read while nothing else is left to do, and an
    // awaited read would add four turns of the event loop before rendering starts.
    bytes = readSourceFile(job.absolute)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      const reason = 'the file was deleted or moved during the run: nothing to render'
      return { done: { id: job.id, status: 'failed', outputs: [], diagnostics: [{ severity: 'warning', ruleId: 'vanished', reason }], vanished: true } }
    }
    return {
      done: {
        id: job.id,
        status: 'failed',
        outputs: [],
        diagnostics: [{ severity: 'error', ruleId: 'unreadable', reason: readFailure(error), line: 1, column: 1 }],
      },
    }
  }
  const hash = contentHash(bytes)
  testPoison(bytes)
  try {
    // With redaction, names are published too: what the rules match goes from
    // the folder and the stem, and a scrubbed stem takes the input's place in
    // the walk so two inputs never collapse onto one name.
    const scrub = setup.redact ? await scrubberFor(setup.redact) : undefined
    const ownStem = outputStem(job.relative)
    const stem = scrub && scrub(ownStem) !== ownStem ? `${outputStem(scrub(ownStem))}-${job.ordinal ?? job.id}` : undefined
    const { file, outputs, skipped } = await renderSource(bytes, job.relative, {
      ...rendering,
      // Every file of a batch comes from the walk: a README beside the cables is skipped, not failed.
      skipNonCables: true,
      ...(setup.redact ? { redact: setup.redact } : {}),
      ...(stem ? { stem } : {}),
      ...(setup.scan ? { scan: setup.scan } : {}),
    })
    const clash = job.claimed && outputs.find((output) => job.claimed!.some((claim) => claim.name === stripExtension(output.name)))
    if (clash) {
      const owner = job.claimed!.find((claim) => claim.name === stripExtension(clash.name))!
      const reason = `holds several cables, and its cables are written as ${stripExtension(clash.name)}…, the name of \`${owner.path}\`, which keeps it: rename one of the two; this file is not rendered`
      return {
        done: {
          id: job.id,
          status: 'failed',
          contentHash: hash,
          outputs: [],
          diagnostics: [{ severity: 'error', ruleId: 'duplicate-output', reason, line: 1, column: 1 }],
        },
      }
    }
    const diagnostics = file.messages.map((message) => ({
      severity: severityOf(message),
      ...(message.ruleId ? { ruleId: message.ruleId } : {}),
      reason: message.reason,
      ...(message.line !== undefined ? { line: message.line } : {}),
      ...(message.column !== undefined ? { column: message.column } : {}),
    }))
    if (skipped) return { done: { id: job.id, status: 'skipped', contentHash: hash, outputs: [], diagnostics } }
    const folder = dirname(scrub ? scrub(job.relative) : job.relative)
    return { contentHash: hash, folder, outputs, diagnostics, failed: hasErrors(file) }
  } catch (error) {
    return { done: crashed(job, hash, error) }
  }
}

async function write(rendered: Rendered, job: WorkerJob, setup: WorkerSetup): Promise<Omit<WorkerResult, 'ms'>> {
  if ('done' in rendered) return rendered.done
  const { contentHash: hash, folder, outputs, diagnostics, failed } = rendered
  const link = linkOnTheWay(setup.out, folder)
  if (link) {
    const reason = `${link} in the output folder is a symbolic link: nothing is written through it, as it could lead outside the output folder; remove it`
    return {
      id: job.id,
      status: 'failed',
      contentHash: hash,
      outputs: [],
      diagnostics: [...diagnostics, { severity: 'error', ruleId: 'unsafe-output', reason, line: 1, column: 1 }],
    }
  }
  try {
    const written: ManifestOutput[] = []
    for (const output of outputs) {
      const path = folder === '.' ? output.name : posix.join(folder, output.name)
      await writeOutput(join(setup.out, path), output.bytes, setup.tag)
      written.push({ path, bytes: output.bytes.byteLength })
    }
    if (written.length > 0) await fsyncDirectory(join(setup.out, folder))
    const status = failed || written.length === 0 ? 'failed' : 'rendered'
    return { id: job.id, status, contentHash: hash, outputs: written, diagnostics }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code && MACHINE_ERRORS.has(code)) {
      const reason = `cannot write the outputs of ${job.relative}: ${ioMessage(error)}`
      return {
        id: job.id,
        status: 'failed',
        contentHash: hash,
        outputs: [],
        diagnostics: [{ severity: 'error', ruleId: 'write-failed', reason }],
        ioError: code,
      }
    }
    return crashed(job, hash, error)
  }
}

/** Folders under the output folder known to be real folders (not links), so each is checked once. */
const realFolders = new Set<string>()

/** The first component of `folder` under `out` that is a symbolic link, or `undefined`. */
function linkOnTheWay(out: string, folder: string): string | undefined {
  if (folder === '.' || folder === '') return undefined
  let prefix = ''
  for (const part of folder.split('/')) {
    prefix = prefix ? `${prefix}/${part}` : part
    if (realFolders.has(prefix)) continue
    const info = lstatOrUndefined(join(out, prefix))
    if (info === undefined) return undefined
    if (info.isSymbolicLink()) return prefix
    realFolders.add(prefix)
  }
  return undefined
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path)
  } catch {
    return undefined
  }
}

/** renderSource turns bad input into diagnostics; this is a bug or a full disk, still one file's failure. */
function crashed(job: WorkerJob, hash: string, error: unknown): Omit<WorkerResult, 'ms'> {
  const reason = `rendering failed: ${(error as Error).message ?? String(error)}`
  return {
    id: job.id,
    status: 'failed',
    contentHash: hash,
    outputs: [],
    diagnostics: [{ severity: 'error', ruleId: 'render-crashed', reason, line: 1, column: 1 }],
  }
}

function stripExtension(name: string): string {
  const dot = name.lastIndexOf('.')
  return dot === -1 ? name : name.slice(0, dot)
}

/** The options every file is rendered with; a theme module is imported here, once per worker. */
async function prepare(setup: WorkerSetup): Promise<Omit<RenderSourceOptions, 'stem' | 'redact' | 'scan'>> {
  const theme = setup.themeModule ? await loadThemeModule(setup.themeModule) : setup.theme
  return {
    to: setup.to,
    ...(theme ? { theme } : {}),
    ...(setup.finish ? { finish: setup.finish } : {}),
    ...(setup.tagged ? { tagged: true } : {}),
    ...(setup.pdfa ? { pdfa: true } : {}),
    ...(setup.json ? { json: true } : {}),
    ...(setup.annotate ? { annotate: true } : {}),
    ...(setup.embedFonts === false ? { embedFonts: false } : {}),
    ...(setup.parse ? { parse: setup.parse } : {}),
  }
}

/** Load fonts, themes and caches once, by rendering a small cable of each family and throwing it away. */
async function warm(options: Omit<RenderSourceOptions, 'stem' | 'redact' | 'scan'>): Promise<void> {
  const samples = [
    ['warm.md', '---\nid: WARM\nlang: fr\nclassification: confidentiel\nsubject: Préchauffage.\n---\n\nJ’ai l’honneur de vous faire part de ce texte.\n'],
    ['warm.md', '---\nid: 09WARM1\nlang: en\nclassification: CONFIDENTIAL\nsubject: WARM UP\n---\n\n1\\. (C) Warm up.\n'],
  ] as const
  for (const [path, text] of samples) {
    try {
      await renderSource(new TextEncoder().encode(text), path, { ...options, json: false })
    } catch {
      // A failed warm-up only means the first real file pays for loading.
    }
  }
}

/**
 * TEST HOOK, inert unless the environment has `CABLEKIT_TEST_POISON=1`: a file
 * containing `CABLEKIT-TEST-POISON:abort`, `:hang` or `:oom` makes this worker
 * abort the process, loop forever, or exhaust its heap, so tests can check
 * that the batch contains each failure to that one file. Real inputs cannot
 * trigger it: without the variable the marker is ordinary text.
 */
function testPoison(bytes: Uint8Array): void {
  if (process.env['CABLEKIT_TEST_POISON'] !== '1') return
  const kind = /CABLEKIT-TEST-POISON:(abort|hang|oom)/.exec(Buffer.from(bytes).toString('latin1'))?.[1]
  if (kind === 'abort') process.abort()
  // Block for ever without spinning a core (an empty `for (;;)` is dropped by the bundler): only the time limit ends it.
  if (kind === 'hang') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)
  if (kind === 'oom') {
    // Large chunks, so V8 gives up at once instead of collecting for long near the limit.
    const hoard: number[][] = []
    for (;;) hoard.push(new Array<number>(1e6).fill(Math.random()))
  }
}
