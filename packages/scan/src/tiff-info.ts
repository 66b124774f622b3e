/** The first image of a TIFF, as far as its header tells. */
export interface TiffInfo {
  width: number
  height: number
  /** The file holds more images after the first (a multi-page scan). */
  morePages: boolean
}

/**
 * Check a baseline TIFF's header before OCR: byte order, first image
 * directory, size, and that its strips or tiles lie inside the file, so a
 * truncated scan is refused with a clear message instead of tesseract's
 * stderr noise. Leptonica (inside tesseract.js) decodes the pixels itself.
 *
 * @returns the size, or a sentence saying what is wrong.
 */
export function tiffInfo(bytes: Uint8Array): TiffInfo | string {
  if (bytes.length < 8) return 'the TIFF is truncated: no header'
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const little = bytes[0] === 0x49
  const u16 = (at: number) => view.getUint16(at, little)
  const u32 = (at: number) => view.getUint32(at, little)
  const ifd = u32(4)
  if (ifd < 8 || ifd + 2 > bytes.length)
    return `the TIFF is truncated: its first image directory (at byte ${ifd}) is past the end of the file (${bytes.length} bytes)`
  const count = u16(ifd)
  if (ifd + 2 + count * 12 + 4 > bytes.length) return 'the TIFF is truncated inside its first image directory'
  const tags = new Map<number, number[]>()
  for (let index = 0; index < count; index++) {
    const at = ifd + 2 + index * 12
    const tag = u16(at)
    const type = u16(at + 2)
    const n = u32(at + 4)
    const size = type === 3 ? 2 : type === 4 ? 4 : 0
    if (size === 0) continue
    const inline = n * size <= 4
    const base = inline ? at + 8 : u32(at + 8)
    if (!inline && base + n * size > bytes.length) {
      if (tag === 273 || tag === 279 || tag === 324 || tag === 325)
        return `the TIFF is truncated: the list of its image data (tag ${tag}) is past the end of the file`
      continue
    }
    const values: number[] = []
    for (let k = 0; k < Math.min(n, 100_000); k++) values.push(size === 2 ? u16(base + k * 2) : u32(base + k * 4))
    tags.set(tag, values)
  }
  const width = tags.get(256)?.[0]
  const height = tags.get(257)?.[0]
  if (!width || !height) return 'the TIFF has no image size (ImageWidth, ImageLength)'
  const offsets = tags.get(273) ?? tags.get(324)
  const lengths = tags.get(279) ?? tags.get(325)
  if (!offsets || !lengths) return 'the TIFF has no image data (StripOffsets or TileOffsets)'
  for (let index = 0; index < offsets.length; index++) {
    if (offsets[index]! + (lengths[index] ?? 0) > bytes.length)
      return `the TIFF is truncated: image data ends at byte ${offsets[index]! + (lengths[index] ?? 0)}, past the end of the file (${bytes.length} bytes)`
  }
  return { width, height, morePages: u32(ifd + 2 + count * 12) !== 0 }
}
