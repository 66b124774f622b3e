import * as zlib from 'node:zlib'

/** One stored file of a zip archive, compressed or to be compressed. */
export interface ZipEntry {
  path: string
  /** Raw bytes, compressed when the archive is written (stored as they are when smaller than {@link STORE_BELOW}). */
  data?: Uint8Array
  /** Already deflated bytes with their CRC-32 and raw size, for entries reused across archives (embedded fonts). */
  deflated?: { bytes: Uint8Array; crc: number; size: number }
}

/**
 * Raw entries smaller than this many bytes are stored, not deflated: a
 * deflate stream costs a zlib set-up per entry, which for the handful of
 * tiny per-document parts (relationships, header, footer) took longer than
 * the rest of the writing while saving a few kilobytes of a file that
 * carries hundreds of kilobytes of fonts. OPC allows both methods.
 */
export const STORE_BELOW = 4096

const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

/** CRC-32 of `data`: zlib's own where Node has it (20.15+), a table otherwise. */
export function crc32(data: Uint8Array): number {
  const native = (zlib as { crc32?: (data: Uint8Array) => number }).crc32
  if (native) return native(data) >>> 0
  let c = 0xffffffff
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

/** The deflate level of every entry: fixed, so that a zlib whose default differs cannot change the bytes. */
const LEVEL = 6

/** Deflate `data` once, for an entry that many archives reuse. */
export function deflateEntry(data: Uint8Array): NonNullable<ZipEntry['deflated']> {
  return { bytes: zlib.deflateRawSync(data, { level: LEVEL }), crc: crc32(data), size: data.length }
}

// MS-DOS date and time, from the UTC fields so the machine's time zone never changes the bytes.
function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.min(Math.max(date.getUTCFullYear(), 1980), 2107)
  const clamped = year !== date.getUTCFullYear()
  return {
    time: clamped ? 0 : (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((clamped ? 1 : date.getUTCMonth() + 1) << 5) | (clamped ? 1 : date.getUTCDate()),
  }
}

/**
 * A zip archive of `entries` in the order given, every entry stamped with
 * `mtime` and deflated at a fixed level (or stored, when tiny): the same entries give the same bytes
 * whatever the clock, time zone or zlib version's defaults.
 */
export function writeZip(entries: readonly ZipEntry[], mtime: Date): Uint8Array {
  const { time, date } = dosDateTime(mtime)
  const chunks: Uint8Array[] = []
  const central: Uint8Array[] = []
  let offset = 0
  for (const entry of entries) {
    const name = Buffer.from(entry.path, 'utf8')
    const raw = entry.data ?? new Uint8Array(0)
    const stored = !entry.deflated && raw.length < STORE_BELOW
    const packed = entry.deflated ?? (stored ? { bytes: raw, crc: crc32(raw), size: raw.length } : deflateEntry(raw))
    const method = stored ? 0 : 8
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(stored ? 10 : 20, 4) // version needed: 1.0 (stored) or 2.0 (deflate)
    local.writeUInt16LE(0x0800, 6) // names are UTF-8
    local.writeUInt16LE(method, 8)
    local.writeUInt16LE(time, 10)
    local.writeUInt16LE(date, 12)
    local.writeUInt32LE(packed.crc, 14)
    local.writeUInt32LE(packed.bytes.length, 18)
    local.writeUInt32LE(packed.size, 22)
    local.writeUInt16LE(name.length, 26)
    local.writeUInt16LE(0, 28)
    chunks.push(local, name, packed.bytes)

    const header = Buffer.alloc(46)
    header.writeUInt32LE(0x02014b50, 0)
    header.writeUInt16LE(20, 4) // made by: MS-DOS, 2.0
    header.writeUInt16LE(stored ? 10 : 20, 6)
    header.writeUInt16LE(0x0800, 8)
    header.writeUInt16LE(method, 10)
    header.writeUInt16LE(time, 12)
    header.writeUInt16LE(date, 14)
    header.writeUInt32LE(packed.crc, 16)
    header.writeUInt32LE(packed.bytes.length, 20)
    header.writeUInt32LE(packed.size, 24)
    header.writeUInt16LE(name.length, 28)
    header.writeUInt32LE(offset, 42)
    central.push(header, name)
    offset += local.length + name.length + packed.bytes.length
  }
  const centralSize = central.reduce((sum, chunk) => sum + chunk.length, 0)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(centralSize, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...chunks, ...central, end])
}
