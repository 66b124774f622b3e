/**
 * The browser's `node:zlib`, for the DOCX writer's zip: raw deflate and
 * inflate by fflate. There is no `crc32` here, so the writer uses its own
 * table, which gives the same checksums.
 */
import { deflateSync, inflateSync } from 'fflate'

type Level = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9

/** Raw deflate (no zlib header), as `zlib.deflateRawSync`. */
export function deflateRawSync(data: Uint8Array, options: { level?: number } = {}): Uint8Array {
  const level = Math.min(9, Math.max(0, Math.trunc(options.level ?? 6))) as Level
  return deflateSync(data, { level })
}

/** Raw inflate, as `zlib.inflateRawSync`. */
export function inflateRawSync(data: Uint8Array): Uint8Array {
  return inflateSync(data)
}

/**
 * Absent on purpose, as in Node before 20.15: the DOCX writer then computes
 * CRC-32 with its own table (the same checksums). Declared so the bundler
 * knows the name is meant to be missing.
 */
export const crc32: undefined = undefined
