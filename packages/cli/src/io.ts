import { Writable } from 'node:stream'

/** Where the CLI writes: injectable so tests run commands in-process. */
export interface CliIo {
  stdout: Writable & { isTTY?: boolean; columns?: number }
  stderr: Writable & { isTTY?: boolean; columns?: number }
  cwd: string
  env: NodeJS.ProcessEnv
}

/** The process's own streams. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env }
}
