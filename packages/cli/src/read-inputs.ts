import { resolve, relative } from 'node:path'
import { VFile } from 'vfile'
import type { ParseOptions, ParseResult } from '@cablekit/core'
import { report } from '@cablekit/core'
import { parseSource } from './parse-source.js'
import type { ParseSourceOptions } from './parse-source.js'
import { readFailure, readSourceFile } from './read-source-file.js'

/**
 * Read and parse each path, scans and PDFs included (`scan`: `--ocr`,
 * `--lang`, `--workers`, and where to tell OCR progress); a file that cannot
 * be read becomes a vfile with an error, so one bad path never stops the others.
 */
export async function readInputs(
  paths: string[],
  cwd: string,
  options: ParseOptions = {},
  scan: Omit<ParseSourceOptions, 'parse'> = {},
): Promise<ParseResult[]> {
  const results: ParseResult[] = []
  for (const path of paths) {
    const display = relative(cwd, resolve(cwd, path)) || path
    let bytes: Uint8Array
    try {
      bytes = readSourceFile(resolve(cwd, path))
    } catch (error) {
      const file = new VFile({ path: display })
      report(file, 'error', 'unreadable', readFailure(error), { line: 1, column: 1 })
      results.push({ cables: [], file })
      continue
    }
    results.push(await parseSource(bytes, display, { ...scan, parse: options }))
  }
  return results
}
