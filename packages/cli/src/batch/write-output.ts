import { open, opendir, mkdir, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/** What every temporary file of a batch has in its name, so the next run can find and sweep it. */
export const TEMPORARY_MARKER = '.cablekit-tmp-'

let counter = 0

/**
 * Write `bytes` to `path` so that no reader, and no later run after a kill,
 * ever sees half a file: write a temporary file in the same folder, fsync it,
 * then rename it over `path` (atomic on one file system). The folder is not
 * fsynced here: callers that write several files fsync it once with
 * {@link fsyncDirectory}.
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
  await mkdir(folder, { recursive: true })
  const temporary = join(folder, `.${basename(path)}${TEMPORARY_MARKER}${tag}-${process.pid}-${++counter}`)
  try {
    const handle = await open(temporary, 'w')
    try {
      await handle.writeFile(bytes)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}

/** Fsync a folder, so the renames made in it survive a power cut. Best effort where the platform refuses. */
export async function fsyncDirectory(path: string): Promise<void> {
  let handle
  try {
    handle = await open(path, 'r')
    await handle.sync()
  } catch {
    // Some platforms and file systems cannot fsync a folder; the rename is still atomic there.
  } finally {
    await handle?.close()
  }
}

/**
 * Delete the temporary files a killed run left under `root`: those of the
 * shard `tag`, or every one when `tag` is `all`. Returns how many were removed.
 * The walk is streaming: one folder's entries in memory at a time.
 */
export async function sweepTemporaries(root: string, tag: string): Promise<number> {
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
      if (entry.isFile() && marker !== -1 && (tag === 'all' || entry.name.startsWith(`${tag}-`, marker + TEMPORARY_MARKER.length))) {
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
