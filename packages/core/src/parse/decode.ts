import iconv from 'iconv-lite'
import type { VFile } from 'vfile'
import { report } from '../diagnostics.js'

/** The encodings {@link decode} recognises. */
export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'iso-8859-1'

/** Bytes a Windows-1252 decoder leaves undefined. */
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d])

/**
 * Turn the bytes of a source file into text: UTF-8 with or without BOM,
 * UTF-16 with BOM, else Windows-1252 or ISO-8859-1 when those explain every
 * byte (reported as an info). Line endings become `\n`; CRLF and lone CR keep
 * their line numbers. Binary data that no encoding explains is an error and
 * gives `undefined`.
 */
export function decode(bytes: Uint8Array, file: VFile): { text: string; encoding: Encoding } | undefined {
  let text: string | undefined
  let encoding: Encoding = 'utf-8'
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le'
    text = new TextDecoder('utf-16le').decode(bytes.subarray(2))
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be'
    text = iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16be')
  } else {
    const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
    const body = bytes.subarray(start)
    if (looksBinary(body)) {
      report(file, 'error', 'binary-input', 'the file holds binary data, not text: no cable can be read from it', { line: 1, column: 1 })
      return undefined
    }
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body)
    } catch {
      const scan = scanUtf8(body)
      if (scan.valid >= scan.bad.length) {
        // Mostly UTF-8 with a few broken bytes (a bad copy, a truncated download): decoding it all as
        // Windows-1252 would turn every accent into mojibake. Keep UTF-8, and say where each bad byte was.
        text = new TextDecoder('utf-8').decode(body)
        for (const bad of scan.bad.slice(0, MAX_BAD_BYTES_REPORTED)) {
          report(
            file,
            'warning',
            'bad-utf8',
            `byte 0x${bad.byte.toString(16).toUpperCase().padStart(2, '0')} is not valid UTF-8 here; it is read as U+FFFD (�)`,
            { line: bad.line, column: bad.column },
          )
        }
        if (scan.bad.length > MAX_BAD_BYTES_REPORTED) {
          const rest = scan.bad.length - MAX_BAD_BYTES_REPORTED
          report(file, 'warning', 'bad-utf8', `and ${rest} more invalid byte${rest === 1 ? '' : 's'}`, {
            line: scan.bad[MAX_BAD_BYTES_REPORTED]!.line,
            column: scan.bad[MAX_BAD_BYTES_REPORTED]!.column,
          })
        }
        return { text: normalizeNewlines(text), encoding }
      }
      // Where the first byte that is not UTF-8 is: what the legacy-encoding diagnostics point at.
      const at = scan.bad[0] ? { line: scan.bad[0].line, column: scan.bad[0].column } : { line: 1, column: 1 }
      const legacy = body.some((byte) => CP1252_UNDEFINED.has(byte)) ? 'iso-8859-1' : 'windows-1252'
      if (legacy === 'iso-8859-1' && body.some((byte) => byte >= 0x80 && byte < 0xa0)) {
        report(file, 'error', 'bad-encoding', 'the file is neither UTF-8 nor a legacy encoding (Windows-1252, ISO-8859-1) that explains its bytes', at)
        return undefined
      }
      encoding = legacy
      text = iconv.decode(Buffer.from(body), legacy)
      report(file, 'info', 'legacy-encoding', `the file is not UTF-8; decoded as ${legacy}`, at)
    }
  }
  return { text: normalizeNewlines(text), encoding }
}

/** `\r\n` and lone `\r` become `\n`, so line numbers stay those of the file. */
export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n')
}

/** NUL bytes, or many C0 controls, mean the bytes are not text in any encoding we accept. */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 65536)
  let controls = 0
  for (const byte of sample) {
    if (byte === 0) return true
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) controls++
  }
  return sample.length > 0 && controls / sample.length > 0.05
}

/** Past this many, invalid bytes are summed up in one warning. */
const MAX_BAD_BYTES_REPORTED = 10

/**
 * Count the well-formed multi-byte UTF-8 sequences of `bytes` and find the
 * bytes that are not UTF-8, with their line and column (in characters), to
 * tell a UTF-8 file with a few broken bytes from a legacy-encoded one (whose
 * high bytes almost never form valid sequences).
 */
function scanUtf8(bytes: Uint8Array): { valid: number; bad: { byte: number; line: number; column: number }[] } {
  let valid = 0
  const bad: { byte: number; line: number; column: number }[] = []
  let line = 1
  let column = 1
  for (let i = 0; i < bytes.length;) {
    const byte = bytes[i]!
    if (byte < 0x80) {
      if (byte === 0x0a) {
        line++
        column = 1
      } else column++
      i++
      continue
    }
    const length = byte >= 0xc2 && byte < 0xe0 ? 2 : byte >= 0xe0 && byte < 0xf0 ? 3 : byte >= 0xf0 && byte < 0xf5 ? 4 : 0
    let ok = length > 0 && i + length <= bytes.length
    for (let k = 1; ok && k < length; k++) if (bytes[i + k]! >> 6 !== 0b10) ok = false
    if (ok) {
      valid++
      i += length
    } else {
      bad.push({ byte, line, column })
      i++
    }
    column++
  }
  return { valid, bad }
}
