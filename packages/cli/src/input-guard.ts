import { stat } from 'node:fs/promises'

/**
 * The files a command reads, known by device and inode, so that no output is
 * ever written over one of them: not through the same name, a symbolic link
 * or a hard link (`render a.json -o . --json-too`, `redact` writing
 * `ID.md` beside `ID.md`).
 */
export class InputGuard {
  readonly #ids = new Set<string>()

  /** Remember an input; a path that cannot be read is not an input to protect. */
  async add(path: string): Promise<void> {
    const info = await stat(path).catch(() => undefined)
    if (info) this.#ids.add(`${info.dev}:${info.ino}`)
  }

  /** Whether writing `target` would replace one of the inputs. */
  async clobbers(target: string): Promise<boolean> {
    if (this.#ids.size === 0) return false
    const info = await stat(target).catch(() => undefined)
    return info !== undefined && this.#ids.has(`${info.dev}:${info.ino}`)
  }
}
