/** A step that took longer than its time limit. */
export class TimeLimitError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} took longer than ${Math.round(ms / 1000)} s`)
    this.name = 'TimeLimitError'
  }
}

/**
 * `promise`, or a {@link TimeLimitError} after `ms`: a broken model or a
 * hostile file must never leave a command waiting for ever. The timer does
 * not keep the process alive.
 */
export async function withTimeLimit<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeLimitError(what, ms)), ms)
    timer.unref?.()
  })
  try {
    return await Promise.race([promise, limit])
  } finally {
    clearTimeout(timer)
  }
}
