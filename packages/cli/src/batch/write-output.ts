import { closeSync, fsync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { opendir, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { promisify } from 'node:util'

/** What every temporary file of a batch has in its name, so the next run can find and sweep it. */
export const TEMPORARY_MARKER = '.cablekit-tmp-'

let counter = 0
const fsyncAsync = promisify(fsync)
/** Folders this process made or found, so each output does not ask again. */
const madeFolders = new Set<string>()

/**
 * Write `bytes` to `path` so that no reader, and no later run after a kill,
 * ever sees half a file: write a temporary file in the same folder, fsync it,
 * then rename it over `path` (atomic on one file system). The folder is not
 * fsynced here: callers that write several files fsync it once with
 * {@link fsyncDirectory}.
 *
 * Only the fsync waits off the thread: creating, writing and renaming a file
 * land in the page cache and take microseconds, and a batch worker renders the
 * next file meanwhile, so each awaited step would add a turn of its event loop
 * to the time the output takes to be done.
 *
 * `@cablekit/cli`'s `writeAtomic` does the same for `render`, but a batch needs
 * more: the fsync (a power cut must not leave an empty PDF behind a manifest
 * line that says rendered) and a temporary name that carries the shard, so that
 * shards sharing one output volume each sweep only their own leftovers.
 *
 * @param path the final path.
 * @param bytes the content.
 * @param tag who writes: `shard-2-of-4`, or `all` for an unsharded run.
 * @example await writeOutput('out/a.pdf', bytes, 'all')
 */
export async function writeOutput(path: string, bytes: Uint8Array | string, tag: string): Promise<void> {
  const folder = dirname(path)
  if (!madeFolders.has(folder)) {
    mkdirSync(folder, { recursive: true })
    madeFolders.add(folder)
  }
  const temporary = join(folder, `.${basename(path)}${TEMPORARY_MARKER}${tag}-${process.pid}-${++counter}`)
  try {
    const fd = openSync(temporary, 'w')
    try {
      const data = typeof bytes === 'string' ? Buffer.from(bytes) : bytes
      for (let offset = 0; offset < data.byteLength;) offset += writeSync(fd, data, offset)
      await fsyncAsync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(temporary, path)
  } catch (error) {
    // The folder may have gone since it was made: ask again next time.
    madeFolders.delete(folder)
    rmSync(temporary, { force: true })
    throw error
  }
}

/** Fsync a folder, so the renames made in it survive a power cut. Best effort where the platform refuses. */
export async function fsyncDirectory(path: string): Promise<void> {
  let fd: number | undefined
  try {
    fd = openSync(path, 'r')
    await fsyncAsync(fd)
  } catch {
    // Some platforms and file systems cannot fsync a folder; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/** The process id in a temporary file's name (`…cablekit-tmp-TAG-PID-N`). */
function temporaryPid(name: string, marker: number): number {
  const parts = name.slice(marker + TEMPORARY_MARKER.length).split('-')
  return Number(parts[parts.length - 2])
}

/**
 * Delete the temporary files a killed run left under `root`: those of the
 * shard `tag`, or every one when `tag` is `all`; with `pids`, only those of
 * these processes (workers killed during this run). Returns how many were removed.
 * The walk is streaming: one folder's entries in memory at a time.
 */
export async function sweepTemporaries(root: string, tag: string, pids?: ReadonlySet<number>): Promise<number> {
  let removed = 0
  const visit = async (folder: string): Promise<void> => {
    let dir
    try {
      dir = await opendir(folder)
    } catch {
      return
    }
    const subfolders: string[] = []
    for await (const entry of dir) {
      const marker = entry.name.indexOf(TEMPORARY_MARKER)
      if (
        entry.isFile() &&
        marker !== -1 &&
        (tag === 'all' || entry.name.startsWith(`${tag}-`, marker + TEMPORARY_MARKER.length)) &&
        (!pids || pids.has(temporaryPid(entry.name, marker)))
      ) {
        await rm(join(folder, entry.name), { force: true })
        removed++
      } else if (entry.isDirectory()) {
        subfolders.push(entry.name)
      }
    }
    for (const name of subfolders) await visit(join(folder, name))
  }
  await visit(root)
  return removed
}
