import { createHash, createHmac, randomUUID } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, readFile, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { VFile } from 'vfile'
import { reporter } from 'vfile-reporter'
// The light subpath: the parent loads no parser.
import { report } from '@cablekit/core/diagnostics'
import type { ParseOptions, RedactOptions } from '@cablekit/core'
import { CliError, EXIT } from '../errors.js'
import type { CliIo } from '../io.js'
import { outputStem } from '../output-names.js'
import type { RenderFormat } from '../render-source.js'
import { canonicalJson, contentHash, optionsHash } from './hashes.js'
import { scrubberFor } from '../redaction-options.js'
import { KeyMap } from './key-set.js'
import { ManifestWriter, manifestFileName, readManifest, repairManifest, rewriteManifest } from './manifest.js'
import type { ManifestDiagnostic, ManifestEntry } from './manifest.js'
import { MAX_WRITING, ProcessPool } from './process-pool.js'
import type { PoolOutcome } from './process-pool.js'
import { createProgress } from './progress.js'
import type { BatchSummary, FileEvent, ProgressMode } from './progress.js'
import { shardOf, shardTag } from './shard.js'
import type { Shard } from './shard.js'
import { planWalk, walkInputs } from './walk-inputs.js'
import { lockOutput } from './output-lock.js'
import { ioMessage } from './io-errors.js'
import type { InputEntry } from './walk-inputs.js'
import { sweepTemporaries, writeOutput } from './write-output.js'
import type { ScanFlags } from '../scan-options.js'
import type { WorkerSetup } from './worker-protocol.js'

/** Options of {@link runBatch}; the `cablekit batch` flags. */
export interface BatchOptions {
  /** Folders, files and globs to render. */
  inputs: string[]
  /** Output folder. */
  out: string
  to: RenderFormat[]
  /** A built-in theme name. */
  theme?: string
  /** A theme module, imported by each worker; its content hash is part of the options hash. */
  themeModule?: { path: string; hash: string }
  /** The shared rendering flags (`--finish`, `--tagged`, `--pdfa`, `--json-too`, `--annotate`, `--no-embed-fonts`). */
  finish?: 'clean' | 'scan'
  tagged?: boolean
  pdfa?: boolean
  json?: boolean
  annotate?: boolean
  embedFonts?: boolean
  /** `--from`, `--fix`. */
  parse?: ParseOptions
  /** `--exclude` globs, matched against paths relative to the input base: matched files and folders are not walked. */
  exclude?: string[]
  /** Worker processes. */
  jobs: number
  shard?: Shard
  /** Leave alone what an earlier run rendered from the same bytes with the same options (default true). */
  resume: boolean
  /** Render again inputs an earlier run failed on (default: a failure stands until the input or options change). */
  retryFailed: boolean
  /** Per-file time limit, milliseconds. */
  timeoutMs: number
  /** Heap limit per worker, MB. */
  maxMemoryMb: number
  progress: ProgressMode
  /**
   * Redaction rules for every cable. Output names, manifest paths,
   * diagnostics and progress events are scrubbed of what they match.
   */
  redact?: RedactOptions
  /** `--ocr`, `--lang`, `--workers` for scans and PDFs. */
  scan?: ScanFlags
  /** The cablekit version, part of the options hash. */
  version: string
}

/** Resume-map values: what an earlier run recorded for a path and content. */
const EARLIER = { rendered: 1, failed: 2 } as const

/**
 * Render every cable source under the inputs into `out`, mirroring the input
 * tree, on a pool of worker processes, with one manifest line per input. One
 * bad input — invalid, hanging, exhausting memory or aborting its process —
 * fails alone. Memory stays bounded whatever the archive's size: the walk
 * streams, a few files per worker are in flight, manifest lines go to
 * disk as they come, and resume and compaction keep a 64-bit hash per input.
 *
 * @returns the summary; the caller exits 1 when `failed > 0`.
 * @throws {CliError} for usage errors and when no worker can start.
 */
export async function runBatch(options: BatchOptions, io: CliIo): Promise<BatchSummary> {
  const out = resolve(io.cwd, options.out)
  const plan = await planWalk(options.inputs, io.cwd, [out], options.exclude)
  await mkdir(out, { recursive: true })
  // One run per manifest at a time: a second one would lose lines and sweep the first's temporary files.
  const lock = await lockOutput(out, manifestFileName(options.shard))
  try {
    if (lock.tookOver) io.stderr.write(`cablekit batch: took over the lock of process ${lock.tookOver.pid}, which is no longer running\n`)
    return await runLocked(options, io, out, plan)
  } finally {
    await lock.release()
  }
}

async function runLocked(options: BatchOptions, io: CliIo, out: string, plan: Awaited<ReturnType<typeof planWalk>>): Promise<BatchSummary> {
  const started = performance.now()
  const tag = options.shard ? shardTag(options.shard) : 'all'
  const progress = await createProgress(options.progress, io)
  const color = Boolean(io.stderr.isTTY) && !io.env['NO_COLOR']

  const swept = await sweepTemporaries(out, tag)
  if (swept > 0) progress.log(`cablekit batch: removed ${swept} temporary file${swept === 1 ? '' : 's'} left by a killed run\n`)

  const hashOfOptions = batchOptionsHash(options, io.env)
  const scrub = options.redact ? await scrubberFor(options.redact) : (text: string) => text
  if (options.redact && !options.redact.key && options.resume) {
    progress.log('cablekit batch: redacting without --key-file: the manifest cannot record the rules safely, so every input is rendered again\n')
  }
  const manifestName = manifestFileName(options.shard)
  const manifestPath = join(out, manifestName)
  const torn = await repairManifest(manifestPath)
  if (torn > 0) progress.log(`cablekit batch: ${manifestName}: cut a torn last line (${torn} bytes) left by a killed run\n`)
  let earlier = options.resume ? await loadEarlier(manifestPath, out, hashOfOptions, options.retryFailed) : new KeyMap()

  const inShard = (entry: InputEntry) => !options.shard || shardOf(entry.relative, options.shard.count) === options.shard.index
  let total = 0
  for await (const entry of walkInputs(plan)) if (inShard(entry)) total++

  const writer = await ManifestWriter.open(manifestPath, { fresh: !options.resume })
  const counts = { done: 0, rendered: 0, failed: 0, failedHere: 0, failedEarlier: 0, skipped: 0, resumed: 0, vanished: 0 }
  const seen = new KeyMap()
  const shardText = options.shard ? `${options.shard.index}/${options.shard.count}` : undefined
  progress.start(total, { jobs: options.jobs, ...(shardText ? { shard: shardText } : {}) })

  let pool: ProcessPool | undefined
  let broken: string | undefined
  const inFlight = new Set<Promise<void>>()
  // Enough files handed to the pool for every worker to render one, write a few and have the next ready.
  const limit = options.jobs * (MAX_WRITING + 2)

  const record = async (raw: ManifestEntry, event: Omit<FileEvent, 'event' | 'done' | 'total' | 'failed' | 'path'>) => {
    // The manifest is published with the outputs: with redaction, nothing in it may hold a secret.
    const entry: ManifestEntry = options.redact ? { ...raw, diagnostics: raw.diagnostics.map((d) => ({ ...d, reason: scrub(d.reason) })) } : raw
    // Progress events are published as well (`--progress json` feeds dashboards and logs).
    if (event.diagnostics) event = { ...event, diagnostics: entry.diagnostics }
    try {
      await writer.append(entry)
    } catch (error) {
      // The disk, not the input: stop here, with the manifest whole (the torn line is cut off).
      broken ??= `cannot append to ${manifestName}: ${ioMessage(error)}`
      return
    }
    counts.done++
    if (event.status === 'failed') {
      counts.failed++
      counts.failedHere++
      progress.log(`${formatDiagnostics(entry.path, entry.diagnostics, color)}\n`)
    } else if (event.status === 'rendered') counts.rendered++
    else if (event.status === 'skipped') {
      counts.skipped++
      // A worker's skip (a file that holds no cable) is said as it goes, as a failure is.
      if (entry.diagnostics.some((d) => d.ruleId === 'not-a-cable')) progress.log(`${formatDiagnostics(entry.path, entry.diagnostics, color)}\n`)
    }
    progress.file({ event: 'file', path: entry.path, ...event, done: counts.done, total, failed: counts.failed })
  }

  // With redaction a path is published scrubbed, and a scrubbed path takes the
  // input's place in the walk, so two inputs never share a manifest line.
  const published = (relative: string, ordinal: number) => {
    const scrubbed = scrub(relative)
    return scrubbed === relative ? relative : `${scrubbed} (${ordinal})`
  }

  const finish = async (entry: InputEntry, path: string, outcome: PoolOutcome) => {
    if (outcome.crash === 'no-worker' || outcome.ioError) {
      // Not this file's fault (no worker, a full or failing disk): leave it out of the
      // manifest so the next run renders it, and stop at the first such error.
      broken ??= outcome.diagnostics[0]?.reason ?? 'the batch cannot go on'
      return
    }
    if (outcome.vanished) {
      // Gone before its turn: counted and said, never a failure of the input (there is none any more).
      counts.vanished++
      await record({ path, status: 'skipped', outputs: [], diagnostics: outcome.diagnostics }, { status: 'skipped', diagnostics: outcome.diagnostics })
      return
    }
    // A worker that died never said what it read: hash the file here, so resume knows this failure too.
    const hash = outcome.contentHash ?? (outcome.crash ? await hashFile(entry.absolute) : undefined)
    await record(
      {
        path,
        status: outcome.status,
        ...(hash ? { contentHash: hash } : {}),
        optionsHash: hashOfOptions,
        outputs: outcome.outputs,
        ms: outcome.ms,
        diagnostics: outcome.diagnostics,
      },
      { status: outcome.status, ms: outcome.ms, outputs: outcome.outputs, diagnostics: outcome.diagnostics },
    )
  }

  let nextId = 0
  try {
    let ordinal = 0
    for await (const entry of walkInputs(plan)) {
      if (broken) break
      ordinal++
      if (!inShard(entry)) continue
      const path = published(entry.relative, ordinal)
      seen.set(path, 1)
      if (entry.kind === 'duplicate') {
        // Decided from the folder's sorted listing, so the same input fails on every run and machine.
        const diagnostics: ManifestDiagnostic[] = [
          { severity: 'error', ruleId: 'duplicate-output', reason: duplicateReason(entry, options.to), line: 1, column: 1 },
        ]
        await record({ path, status: 'failed', outputs: [], diagnostics }, { status: 'failed', diagnostics })
        continue
      }
      if (entry.kind !== 'input') {
        const failed = entry.kind === 'unreadable'
        const diagnostics: ManifestDiagnostic[] = [
          { severity: failed ? 'error' : 'info', ruleId: failed ? 'unreadable' : 'not-a-cable-source', reason: entry.reason ?? '' },
        ]
        await record({ path, status: failed ? 'failed' : 'skipped', outputs: [], diagnostics }, { status: failed ? 'failed' : 'skipped', diagnostics })
        continue
      }
      if (earlier.size > 0) {
        const previous = await previousOutcome(entry, earlier)
        if (previous !== undefined) {
          counts.done++
          if (previous === EARLIER.rendered) counts.resumed++
          else {
            counts.failed++
            counts.failedEarlier++
          }
          progress.file({
            event: 'file',
            path,
            status: previous === EARLIER.rendered ? 'resumed' : 'failed',
            ...(previous === EARLIER.failed ? { earlier: true } : {}),
            done: counts.done,
            total,
            failed: counts.failed,
          })
          continue
        }
      }
      const { timeoutMs, maxMemoryMb } = options
      pool ??= new ProcessPool({ size: options.jobs, setup: workerSetup(options, out, tag), timeoutMs, maxMemoryMb, env: io.env })
      const task = pool
        .run({ id: ++nextId, ordinal, absolute: entry.absolute, relative: entry.relative, ...(entry.claimed ? { claimed: entry.claimed } : {}) })
        .then((outcome) => finish(entry, path, outcome))
        .catch((error: unknown) => {
          broken ??= `cannot record ${path}: ${ioMessage(error)}`
        })
      inFlight.add(task)
      void task.finally(() => inFlight.delete(task))
      if (inFlight.size >= limit) await Promise.race(inFlight)
    }
    await Promise.all(inFlight)
    // Not needed any more: let its memory go before compaction reads the manifest again.
    earlier = new KeyMap()
  } finally {
    await pool?.close()
    // A worker killed past its time limit or heap left its temporary files behind: sweep them now.
    if (pool && pool.deadWorkers.size > 0) await sweepTemporaries(out, tag, pool.deadWorkers).catch(() => 0)
    await writer.close().catch((error: unknown) => {
      broken ??= `cannot write ${manifestName}: ${ioMessage(error)}`
    })
  }
  if (broken) throw new CliError(`${scrub(broken)}\n(the manifest keeps what was done; run the batch again once this is fixed)`, EXIT.failed)

  try {
    await compactManifest(manifestPath, seen, tag)
  } catch (error) {
    throw new CliError(
      `cannot compact ${manifestName}: ${ioMessage(error)}\n(the manifest keeps what was done; run the batch again once this is fixed)`,
      EXIT.failed,
    )
  }
  const seconds = (performance.now() - started) / 1000
  // Files counted by the first walk but gone before the second reached them: said, not lost from the sums.
  const vanished = counts.vanished + Math.max(0, total - counts.done)
  const summary: BatchSummary = {
    total,
    rendered: counts.rendered,
    failed: counts.failed,
    skipped: counts.skipped,
    resumed: counts.resumed,
    ...(vanished > 0 ? { vanished } : {}),
    seconds: Math.round(seconds * 1000) / 1000,
    rate: Math.round(((counts.rendered + counts.failedHere) / Math.max(seconds, 0.001)) * 10) / 10,
    peakRss: { main: process.resourceUsage().maxRSS * 1024, worker: pool?.peakWorkerRss ?? 0 },
    ...(shardText ? { shard: shardText } : {}),
    manifest: manifestName,
  }
  try {
    await writeOutput(
      join(out, options.shard ? `batch-summary.${tag}.json` : 'batch-summary.json'),
      `${JSON.stringify({ ...summary, optionsHash: hashOfOptions, complete: true }, null, 2)}\n`,
      tag,
    )
  } catch (error) {
    throw new CliError(`every input is done, but the summary cannot be written: ${ioMessage(error)}`, EXIT.failed)
  }
  progress.end(summary)
  io.stderr.write(
    `cablekit batch${shardText ? ` (shard ${shardText})` : ''}: ${summary.rendered} rendered, ${summary.failed} failed, ${summary.skipped} skipped` +
      (summary.resumed ? `, ${summary.resumed} already done` : '') +
      (vanished ? `, ${vanished} gone during the run` : '') +
      ` in ${seconds.toFixed(1)} s (${summary.rate} files/s)\n`,
  )
  if (counts.failedEarlier > 0) {
    io.stderr.write(
      `cablekit batch: ${counts.failedEarlier} of the failures are unchanged since an earlier run; ` +
        `their diagnostics are in ${manifestName} (--retry-failed renders them again)\n`,
    )
  }
  return summary
}

/**
 * Read an earlier manifest into a compact map from (path, content hash) to
 * what became of it, keeping only lines made with the same options, and
 * rendered lines only when every output is still there at its recorded size.
 */
async function loadEarlier(manifestPath: string, out: string, hashOfOptions: string, retryFailed: boolean): Promise<KeyMap> {
  const earlier = new KeyMap()
  for await (const { entry } of readManifest(manifestPath)) {
    if (!entry?.contentHash || entry.optionsHash !== hashOfOptions) continue
    const key = `${entry.path}\0${entry.contentHash}`
    if (entry.status === 'failed') {
      if (!retryFailed) earlier.set(key, EARLIER.failed)
      continue
    }
    if (entry.status !== 'rendered' || entry.outputs.length === 0) continue
    let whole = true
    for (const output of entry.outputs) {
      const info = await stat(join(out, output.path)).catch(() => undefined)
      if (info?.size !== output.bytes) {
        whole = false
        break
      }
    }
    if (whole) earlier.set(key, EARLIER.rendered)
  }
  return earlier
}

async function hashFile(path: string): Promise<string | undefined> {
  try {
    const hash = createHash('sha256')
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
    return `sha256:${hash.digest('hex')}`
  } catch {
    return undefined
  }
}

async function previousOutcome(entry: InputEntry, earlier: KeyMap): Promise<number | undefined> {
  let bytes: Uint8Array
  try {
    bytes = await readFile(entry.absolute)
  } catch {
    return undefined
  }
  return earlier.get(`${entry.relative}\0${contentHash(bytes)}`)
}

/**
 * Leave one line per input in the manifest: the last one written for each
 * path this run saw (a resumed input keeps its earlier line; a re-rendered
 * one, its new line), dropping inputs no longer in the archive.
 */
async function compactManifest(manifestPath: string, seen: KeyMap, tag: string): Promise<void> {
  // `seen` holds 1 for every input of this run; it now takes each one's last line (+ 2, so
  // that 0 and 1 keep their meaning), instead of a second table as large as the archive.
  let rewrite = false
  let placed = 0
  for await (const { line, entry } of readManifest(manifestPath)) {
    const current = entry ? seen.get(entry.path) : undefined
    // A torn or unreadable line, or an input that is no longer there: drop it.
    if (current === undefined) {
      rewrite = true
      continue
    }
    // An input recorded twice (rendered again, or resumed after a failure): keep the last.
    if (current >= 2) rewrite = true
    else placed++
    seen.set(entry!.path, line + 2)
  }
  if (!rewrite && placed === seen.size) return
  await rewriteManifest([manifestPath], manifestPath, ({ line, entry }) => seen.get(entry!.path) === line + 2, tag)
}

function duplicateReason(entry: InputEntry, formats: RenderFormat[]): string {
  const stem = outputStem(entry.relative)
  const names = formats.map((format) => `${stem}.${format}`).join(', ')
  return `would write the same files as \`${entry.duplicateOf}\` (${names}), which comes first in the folder: rename one of the two; this one is not rendered`
}

function formatDiagnostics(path: string, diagnostics: ManifestDiagnostic[], color: boolean): string {
  const file = new VFile({ path })
  for (const diagnostic of diagnostics) {
    report(
      file,
      diagnostic.severity,
      diagnostic.ruleId ?? 'batch',
      diagnostic.reason,
      diagnostic.line ? { line: diagnostic.line, column: diagnostic.column ?? 1 } : undefined,
    )
  }
  return reporter([file], { color })
}

/** What every worker is told once: the formats, the theme, the rendering flags, the rules. */
function workerSetup(options: BatchOptions, out: string, tag: string): WorkerSetup {
  return {
    to: options.to,
    ...(options.theme ? { theme: options.theme } : {}),
    ...(options.themeModule ? { themeModule: options.themeModule.path } : {}),
    ...rendering(options),
    ...(options.parse ? { parse: options.parse } : {}),
    out,
    tag,
    ...(options.redact ? { redact: withoutKey(options.redact) } : {}),
    ...(options.scan ? { scan: options.scan } : {}),
  }
}

type RenderingFlag = 'finish' | 'tagged' | 'pdfa' | 'json' | 'annotate' | 'embedFonts'

/** The rendering flags that are set, and only those: unset, the options hash of earlier runs stands. */
function rendering(options: Pick<BatchOptions, RenderingFlag>) {
  return {
    ...(options.finish ? { finish: options.finish } : {}),
    ...(options.tagged ? { tagged: true } : {}),
    ...(options.pdfa ? { pdfa: true } : {}),
    ...(options.json ? { json: true } : {}),
    ...(options.annotate ? { annotate: true } : {}),
    ...(options.embedFonts === false ? { embedFonts: false } : {}),
  }
}

/**
 * The options hash of a batch: everything that changes the output bytes, so
 * resume renders an input again as soon as any of it changes: a theme
 * module's bytes included, so an edited theme renders everything again.
 */
export function batchOptionsHash(
  options: Pick<BatchOptions, 'to' | 'theme' | 'themeModule' | 'version' | 'redact' | 'scan' | 'parse' | RenderingFlag>,
  env: NodeJS.ProcessEnv,
): string {
  // What OCR reads depends on `--ocr` and `--lang` (not on `--workers`); absent, the hash of earlier runs stands.
  const scan = options.scan?.ocr || options.scan?.lang ? { scan: { ocr: options.scan.ocr === true, lang: options.scan.lang ?? null } } : {}
  const parse = options.parse?.from || options.parse?.fix ? { parse: { from: options.parse.from ?? null, fix: options.parse.fix === true } } : {}
  return optionsHash({
    ...scan,
    ...parse,
    ...rendering(options),
    to: [...options.to].sort(),
    theme: options.themeModule ? { module: options.themeModule.hash } : (options.theme ?? null),
    version: options.version,
    // The only environment that changes the bytes: dates without a cable date.
    sourceDateEpoch: env['SOURCE_DATE_EPOCH'] ?? null,
    redaction: redactionStamp(options.redact),
  })
}

/**
 * What the options hash records of the redaction rules: never the rules
 * themselves, nor a plain hash of them (a short name is brute-forced from
 * it). With the publisher's key, an HMAC of the rules, so resume works and
 * changed rules re-render; without one, a value new each run, so nothing is
 * resumed from output made under other rules.
 */
function redactionStamp(redact: RedactOptions | undefined): string | null {
  if (!redact) return null
  const { key, ...rules } = redact
  if (!key) return `unkeyed:${randomUUID()}`
  return `hmac-sha256:${createHmac('sha256', key).update(canonicalJson(rules)).digest('hex')}`
}

/** The rules as the workers get them: the key stays in this process. */
function withoutKey(redact: RedactOptions): Omit<RedactOptions, 'key'> {
  const { key: _key, ...rules } = redact
  return rules
}
