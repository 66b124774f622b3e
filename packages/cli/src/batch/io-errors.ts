/**
 * Errors of the machine (disk full, quota, read-only or failing volume, no
 * file handles or memory left), not of the input: a batch stops at the first
 * one instead of recording the input as failed.
 */
export const MACHINE_ERRORS: ReadonlySet<string> = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EIO', 'EMFILE', 'ENFILE', 'ENOMEM', 'EBUSY', 'ESTALE'])

const WORDS: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exhausted',
  EROFS: 'the volume is read-only',
  EIO: 'an input/output error of the volume',
}

/**
 * An I/O error in words, with its code, as the batch says it in the worker's
 * diagnostics and the parent's messages alike.
 *
 * @example ioMessage(Object.assign(new Error('ENOSPC: …'), { code: 'ENOSPC' })) // 'no space left on the device (ENOSPC)'
 */
export function ioMessage(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code && WORDS[code]) return `${WORDS[code]} (${code})`
  return code ? `${(error as Error).message.split(',')[0]} (${code})` : String((error as Error).message ?? error)
}
