import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

let counter = 0

/**
 * Write `bytes` to `path` atomically: into a temporary file in the same folder
 * (same file system, so the rename is atomic), then renamed over the target. A
 * crash or a full disk leaves the old file or nothing, never half a PDF.
 *
 * @example await writeAtomic('out/cable.pdf', bytes)
 */
export async function writeAtomic(path: string, bytes: Uint8Array | string): Promise<void> {
  const folder = dirname(path)
  await mkdir(folder, { recursive: true })
  const temporary = join(folder, `.${basename(path)}.${process.pid}.${++counter}.tmp`)
  try {
    await writeFile(temporary, bytes)
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}
