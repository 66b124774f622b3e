import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs'
import type { Stats } from 'node:fs'

/** A path that names something other than a regular file (a FIFO, a socket, a device, a folder). */
export class NotAFileError extends Error {
  readonly code = 'ENOTFILE'
  constructor(readonly kind: string) {
    super(`not a regular file (${kind}): not read, as reading it could block for ever`)
    this.name = 'NotAFileError'
  }
}

/** What a file system entry that is not a regular file is, in words (`a FIFO`), for diagnostics. */
export function fileKind(entry: Pick<Stats, 'isFIFO' | 'isSocket' | 'isDirectory' | 'isCharacterDevice' | 'isBlockDevice'>): string {
  if (entry.isFIFO()) return 'a FIFO'
  if (entry.isSocket()) return 'a socket'
  if (entry.isDirectory()) return 'a folder'
  return entry.isCharacterDevice() || entry.isBlockDevice() ? 'a device' : 'a special file'
}

/** Largest file read at all; the parsers refuse smaller ones with a positioned error of their own (text 16 MiB, scans 128 MiB). */
const MAX_READ_BYTES = 256 * 1024 * 1024

/** A file too large to read into memory. */
export class TooLargeError extends Error {
  readonly code = 'EFBIG'
  constructor(readonly size: number) {
    super(
      `the file is ${(size / 1024 / 1024).toFixed(0)} MiB, too large to read (the largest a reader takes is 16 MiB of text, or 128 MiB of scans and PDFs, by default)`,
    )
    this.name = 'TooLargeError'
  }
}

/**
 * Read a source file whole, refusing anything but a regular file: a FIFO
 * named as an input would block the read for ever. The file is opened
 * without blocking and checked on its descriptor, so a file swapped for a
 * FIFO between a listing and the read is refused too.
 *
 * @throws {NotAFileError} for a FIFO, socket, device or folder; the system's error (ENOENT, EACCES, ELOOP…) otherwise.
 */
export function readSourceFile(path: string | Buffer): Uint8Array {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK)
  try {
    const info = fstatSync(fd)
    if (!info.isFile()) throw new NotAFileError(fileKind(info))
    // Far past what any reader accepts (16 MiB by default): not even read into memory.
    if (info.size > MAX_READ_BYTES) throw new TooLargeError(info.size)
    return readFileSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** Why a source could not be read, in words, for a diagnostic. */
export function readFailure(error: unknown): string {
  if (error instanceof NotAFileError || error instanceof TooLargeError) return error.message
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return 'no such file'
  if (code === 'EISDIR') return 'is a folder, not a file'
  if (code === 'ELOOP') return 'a loop of symbolic links (ELOOP)'
  return `cannot read the file (${code ?? (error as Error).message})`
}
