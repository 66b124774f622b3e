import { Writable } from 'node:stream'
import { run } from '../../packages/cli/src/program.js'

/** What a CLI run printed and returned. */
export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

class Capture extends Writable {
  text = ''
  isTTY = false
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
    this.text += chunk.toString()
    callback()
  }
}

/** Run `cablekit` in-process with captured streams. */
export async function cli(argv: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  const stdout = new Capture()
  const stderr = new Capture()
  const code = await run(argv, { stdout, stderr, cwd: options.cwd ?? process.cwd(), env: options.env ?? { NO_COLOR: '1' } })
  return { code, stdout: stdout.text, stderr: stderr.text }
}
