import type { VFile } from 'vfile'
import { decode, normalizeNewlines } from './decode.js'
import { stripControlCharacters } from './sanitize.js'

/**
 * The first steps of every ingester: decode the vfile's bytes (or take its
 * text), drop a BOM, normalise line endings and strip control characters.
 * Gives `undefined` after an error. The vfile's value becomes the clean text,
 * so positions in diagnostics refer to what was parsed.
 */
export function readText(file: VFile): { text: string; encoding: string } | undefined {
  const value = file.value
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
