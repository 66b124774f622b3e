import { createReadStream } from 'node:fs'
import { open, rename, rm } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import type { Shard } from './shard.js'
import { shardTag } from './shard.js'
import { TEMPORARY_MARKER, fsyncDirectory } from './write-output.js'

/** What became of one input. */
export type ManifestStatus = 'rendered' | 'failed' | 'skipped'

/** One diagnostic of an input, as the manifest records it. */
export interface ManifestDiagnostic {
  severity: 'error' | 'warning' | 'info'
  /** The rule (`bad-yaml`, `timeout`, `out-of-memory`…). */
  ruleId?: string
  reason: string
  line?: number
  column?: number
}

/** One file written for an input: its path under the output folder and its size. */
export interface ManifestOutput {
  path: string
  bytes: number
}

/** One line of `manifest.jsonl`: one input of the archive. */
export interface ManifestEntry {
  /** POSIX path relative to the input base. */
  path: string
  status: ManifestStatus
  /** `sha256:` + hex of the input's bytes (absent for skipped files). */
  contentHash?: string
  /** `sha256:` + hex of the render options and version (absent for skipped files). */
  optionsHash?: string
  outputs: ManifestOutput[]
  /** Milliseconds spent on the input, reading to last write. */
  ms?: number
  diagnostics: ManifestDiagnostic[]
}

/** `manifest.jsonl`, or `manifest.shard-i-of-n.jsonl` for a shard. */
export function manifestFileName(shard?: Shard): string {
  return shard ? `manifest.${shardTag(shard)}.jsonl` : 'manifest.jsonl'
}

/** Where a manifest line points when it is not valid: reported, then ignored. */
export interface ManifestLine {
  /** 1-based line number. */
  line: number
  text: string
  /** The entry, or `undefined` when the line is not a valid manifest entry. */
  entry: ManifestEntry | undefined
}

/**
 * Cut a torn last line (a run killed mid-append) off a manifest, so the file
 * ends on a whole line and appending goes on cleanly. Returns how many bytes
 * were cut (0 when the file is whole or absent).
 */
export async function repairManifest(path: string): Promise<number> {
  let handle: FileHandle
  try {
    handle = await open(path, 'r+')
  } catch {
    return 0
  }
  try {
    const { size } = await handle.stat()
    let end = size
    const chunk = Buffer.alloc(64 * 1024)
    while (end > 0) {
      const start = Math.max(0, end - chunk.length)
      const { bytesRead } = await handle.read(chunk, 0, end - start, start)
      const newline = chunk.subarray(0, bytesRead).lastIndexOf(0x0a)
      if (newline !== -1) {
        const keep = start + newline + 1
        if (keep < size) await handle.truncate(keep)
        return size - keep
      }
      end = start
    }
    if (size > 0) await handle.truncate(0)
    return size
  } finally {
    await handle.close()
  }
}

/**
 * Read a manifest line by line, streaming. Blank lines are passed over; a
 * line that is not a valid entry comes with `entry: undefined`. A missing
 * file reads as empty.
 */
export async function* readManifest(path: string): AsyncGenerator<ManifestLine> {
  const stream = createReadStream(path, { encoding: 'utf8' })
  const opened = await new Promise<boolean>((resolve) => {
    stream.once('open', () => resolve(true))
    stream.once('error', () => resolve(false))
  })
  if (!opened) return
  let line = 0
  for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
    line++
    if (text.trim() === '') continue
    yield { line, text, entry: parseEntry(text) }
  }
}

/**
 * Appends entries to a manifest one line at a time, in the order they are
 * given, and fsyncs every few hundred lines or seconds and on close, so a kill
 * loses at most the lines of the last moments, never the file.
 */
export class ManifestWriter {
  #handle: FileHandle
  #queue: Promise<void> = Promise.resolve()
  #unsynced = 0
  #lastSync = Date.now()
  /** Bytes of whole lines in the file: a failed append is cut back to it. */
  #size: number

  private constructor(handle: FileHandle, size: number) {
    this.#handle = handle
    this.#size = size
  }

  /** Open `path` for appending (created when absent; truncated first when `fresh`). */
  static async open(path: string, options: { fresh?: boolean } = {}): Promise<ManifestWriter> {
    const handle = await open(path, options.fresh ? 'w' : 'a')
    return new ManifestWriter(handle, (await handle.stat()).size)
  }

  /**
   * Append one entry as one line. Resolves when it is written (not
   * necessarily fsynced). A line the disk could not take whole (a full disk)
   * is cut off again, so the manifest never ends on a torn line, and the
   * error is passed on; the appends after it fail with it too.
   */
  append(entry: ManifestEntry): Promise<void> {
    const bytes = Buffer.from(`${serializeEntry(entry)}\n`)
    this.#queue = this.#queue.then(async () => {
      try {
        for (let offset = 0; offset < bytes.length;) offset += (await this.#handle.write(bytes, offset, bytes.length - offset)).bytesWritten
      } catch (error) {
        await this.#handle.truncate(this.#size).catch(() => undefined)
        throw error
      }
      this.#size += bytes.length
      this.#unsynced++
      if (this.#unsynced >= 256 || Date.now() - this.#lastSync > 2000) await this.#sync()
    })
    return this.#queue
  }

  /** Write what is pending, fsync and close. */
  async close(): Promise<void> {
    await this.#queue
    await this.#sync()
    await this.#handle.close()
  }

  async #sync(): Promise<void> {
    await this.#handle.sync()
    this.#unsynced = 0
    this.#lastSync = Date.now()
  }
}

/** One entry as one line of JSON, keys in a fixed order. */
export function serializeEntry(entry: ManifestEntry): string {
  return JSON.stringify({
    path: entry.path,
    status: entry.status,
    ...(entry.contentHash ? { contentHash: entry.contentHash } : {}),
    ...(entry.optionsHash ? { optionsHash: entry.optionsHash } : {}),
    outputs: entry.outputs,
    ...(entry.ms !== undefined ? { ms: entry.ms } : {}),
    diagnostics: entry.diagnostics,
  })
}

/**
 * Rewrite a manifest keeping the lines `keep` accepts, atomically (temporary
 * file, fsync, rename, fsync of the folder), streaming both ways.
 *
 * @param source the manifest to read.
 * @param target where to write (may be `source`).
 * @param keep called for each valid line, in order.
 * @param tag the writer's shard tag, for the temporary file's name.
 */
export async function rewriteManifest(sources: string[], target: string, keep: (line: ManifestLine, source: string) => boolean, tag: string): Promise<number> {
  const temporary = join(dirname(target), `.${basename(target)}${TEMPORARY_MARKER}${tag}-${process.pid}`)
  const writer = await ManifestWriter.open(temporary, { fresh: true })
  let kept = 0
  try {
    for (const source of sources) {
      for await (const line of readManifest(source)) {
        if (line.entry && keep(line, source)) {
          await writer.append(line.entry)
          kept++
        }
      }
    }
    await writer.close()
    await rename(temporary, target)
    await fsyncDirectory(dirname(target))
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
  return kept
}

const STATUSES: readonly string[] = ['rendered', 'failed', 'skipped']

function parseEntry(text: string): ManifestEntry | undefined {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return undefined
  }
  if (typeof value !== 'object' || value === null) return undefined
  const entry = value as Partial<ManifestEntry>
  if (typeof entry.path !== 'string' || entry.path === '' || !STATUSES.includes(entry.status as string)) return undefined
  const outputs = Array.isArray(entry.outputs)
    ? entry.outputs.filter((output): output is ManifestOutput => typeof output?.path === 'string' && typeof output.bytes === 'number')
    : []
  const diagnostics = Array.isArray(entry.diagnostics) ? entry.diagnostics.filter((item): item is ManifestDiagnostic => typeof item?.reason === 'string') : []
  return {
    path: entry.path,
    status: entry.status as ManifestStatus,
    ...(typeof entry.contentHash === 'string' ? { contentHash: entry.contentHash } : {}),
    ...(typeof entry.optionsHash === 'string' ? { optionsHash: entry.optionsHash } : {}),
    outputs,
    ...(typeof entry.ms === 'number' ? { ms: entry.ms } : {}),
    diagnostics,
  }
}
