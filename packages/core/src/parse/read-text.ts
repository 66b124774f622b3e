import type { VFile } from 'vfile'
import { decode, normalizeNewlines } from './decode.js'
import { stripControlCharacters } from './sanitize.js'
import { report } from '../diagnostics.js'
import { DEFAULT_MAX_SOURCE_SIZE } from './parse-result.js'

/**
 * The first steps of every ingester: decode the vfile's bytes (or take its
 * text), drop a BOM, normalise line endings and strip control characters.
 * Gives `undefined` after an error. The vfile's value becomes the clean text,
 * so positions in diagnostics refer to what was parsed.
 */
export function readText(file: VFile, options: { maxSize?: number | undefined } = {}): { text: string; encoding: string } | undefined {
  const value = file.value
  const maxSize = options.maxSize ?? DEFAULT_MAX_SOURCE_SIZE
  const size = typeof value === 'string' ? value.length : (value?.length ?? 0)
  if (size > maxSize) {
    // Checked before decoding: a huge input costs its size in memory several times over once parsed.
    const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`
    report(
      file,
      'error',
      'too-large',
      `the file is ${mib(size)}, more than the ${mib(maxSize)} an input may be`,
      { line: 1, column: 1 },
      {
        note: 'Split it into smaller files, or raise `maxSize` if the input is trusted.',
      },
    )
    return undefined
  }
  let text: string
  let encoding = 'utf-8'
  if (typeof value === 'string') {
    text = normalizeNewlines(value.charCodeAt(0) === 0xfeff ? value.slice(1) : value)
  } else {
    const decoded = decode(value, file)
    if (!decoded) return undefined
    text = decoded.text
    encoding = decoded.encoding
  }
  text = stripControlCharacters(text, file)
  file.value = text
  return { text, encoding }
}
