/**
 * Run `task` for the latest value only: while a run is in flight, newer
 * values replace each other and the last one runs next, so typing never
 * queues a render per keystroke and the last keystroke is always rendered.
 */
export function latestOnly<T>(task: (value: T) => Promise<void>): (value: T) => void {
  let running = false
  let pending: { value: T } | undefined
  const pump = async () => {
    running = true
    while (pending) {
      const { value } = pending
      pending = undefined
      try {
        await task(value)
      } catch (error) {
        console.error(error)
      }
    }
    running = false
  }
  return (value: T) => {
    pending = { value }
    if (!running) void pump()
  }
}
