import { hostname } from 'node:os'
import { open, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { CliError, EXIT } from '../errors.js'

/** What a lock file says of the run that holds it. */
interface LockOwner {
  pid: number
  host: string
  started: string
}

/** A held lock on an output folder's manifest; `release` removes it. */
export interface OutputLock {
  /** The lock file's path. */
  path: string
  /** A lock left by a run that died on this machine was taken over. */
  tookOver?: LockOwner
  release(): Promise<void>
}

/**
 * Lock the manifest of an output folder for one run: two runs appending to
 * one manifest lose lines, and one would sweep the other's temporary files.
 * The lock is a file made exclusively (`wx`) beside the manifest, one per
 * manifest, so the shards of an array job share a volume without waiting for
 * each other. A lock whose process is gone from this machine is taken over;
 * a live one, or one from another machine, refuses the run with a message
 * saying who holds it.
 *
 * @param out the output folder (it exists).
 * @param manifestName `manifest.jsonl` or a shard's manifest.
 * @throws {CliError} when another run holds the lock.
 */
export async function lockOutput(out: string, manifestName: string, now: () => Date = () => new Date()): Promise<OutputLock> {
  const path = join(out, `.${manifestName}.lock`)
  const owner: LockOwner = { pid: process.pid, host: hostname(), started: now().toISOString() }
  let tookOver: LockOwner | undefined
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(path, 'wx')
      try {
        await handle.writeFile(`${JSON.stringify(owner)}\n`)
      } finally {
        await handle.close()
      }
      let released = false
      return {
        path,
        ...(tookOver ? { tookOver } : {}),
        release: async () => {
          if (released) return
          released = true
          await rm(path, { force: true })
        },
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const holder = await readOwner(path)
    if (holder && holder.host === owner.host && !alive(holder.pid)) {
      // Its run was killed: nobody appends any more, and resume repairs what it left.
      await rm(path, { force: true })
      tookOver = holder
      continue
    }
    if (!holder) {
      // Being written this very moment by a run that just started, or torn by a crash: look again.
      await new Promise((resolve) => setTimeout(resolve, 100))
      const again = await readOwner(path)
      if (!again) {
        await rm(path, { force: true })
        continue
      }
    }
    const who = holder ? `process ${holder.pid} on ${holder.host}, started ${holder.started}` : 'another run'
    throw new CliError(
      `another batch (${who}) is writing into this output folder's ${manifestName}: ` +
        `wait for it to finish, or give another -o; if no batch is running any more, delete ${path}`,
      EXIT.failed,
    )
  }
  throw new CliError(`cannot lock ${path}: it keeps coming back; is another batch starting into the same folder?`, EXIT.failed)
}

async function readOwner(path: string): Promise<LockOwner | undefined> {
  try {
    const value = JSON.parse(await readFile(path, 'utf8')) as Partial<LockOwner>
    return typeof value.pid === 'number' && typeof value.host === 'string'
      ? { pid: value.pid, host: value.host, started: String(value.started ?? '') }
      : undefined
  } catch {
    return undefined
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
