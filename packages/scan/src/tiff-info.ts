/** One image (page) of a TIFF, as far as its directory tells. */
export interface TiffPage {
  width: number
  height: number
  /** Byte offset of its image directory (IFD). */
  directory: number
}

/** The pages of a TIFF. */
export interface TiffInfo {
  pages: TiffPage[]
  /** The file holds more pages than the `maxPages` read. */
  moreThan?: number
}

/**
 * Check a baseline TIFF's header and every image directory before OCR: byte
 * order, each directory's size, and that its strips or tiles lie inside the
 * file, so a truncated scan is refused with a clear message instead of
 * tesseract's stderr noise. Leptonica (inside tesseract.js) decodes the pixels
 * itself, but only a file's first image: see {@link tiffPageBytes}.
 *
 * @returns the pages, or a sentence saying what is wrong (naming the page).
 */
export function tiffInfo(bytes: Uint8Array, maxPages = 2000): TiffInfo | string {
  if (bytes.length < 8) return 'the TIFF is truncated: no header'
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const little = bytes[0] === 0x49
  const u32 = (at: number) => view.getUint32(at, little)
  const pages: TiffPage[] = []
  const seen = new Set<number>()
  let ifd = u32(4)
  while (ifd !== 0) {
    const number = pages.length + 1
    // A directory pointing back at one already read would loop for ever.
    if (seen.has(ifd)) return `the TIFF is damaged: the directory of page ${number} points back at an earlier one`
    seen.add(ifd)
    if (pages.length >= maxPages) return { pages, moreThan: maxPages }
    const page = readDirectory(bytes, view, little, ifd, number)
    if (typeof page === 'string') return page
    pages.push(page.page)
    ifd = page.next
  }
  if (pages.length === 0) return 'the TIFF has no image directory'
  return { pages }
}

function readDirectory(bytes: Uint8Array, view: DataView, little: boolean, ifd: number, number: number): { page: TiffPage; next: number } | string {
  const u16 = (at: number) => view.getUint16(at, little)
  const u32 = (at: number) => view.getUint32(at, little)
  const which = number === 1 ? 'its first image directory' : `the image directory of page ${number}`
  if (ifd < 8 || ifd + 2 > bytes.length) return `the TIFF is truncated: ${which} (at byte ${ifd}) is past the end of the file (${bytes.length} bytes)`
  const count = u16(ifd)
  if (ifd + 2 + count * 12 + 4 > bytes.length) return `the TIFF is truncated inside ${which}`
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
        return `the TIFF is truncated: the list of the image data of page ${number} (tag ${tag}) is past the end of the file`
      continue
    }
    const values: number[] = []
    for (let k = 0; k < Math.min(n, 100_000); k++) values.push(size === 2 ? u16(base + k * 2) : u32(base + k * 4))
    tags.set(tag, values)
  }
  const width = tags.get(256)?.[0]
  const height = tags.get(257)?.[0]
  if (!width || !height) return `the TIFF has no image size (ImageWidth, ImageLength) for page ${number}`
  const offsets = tags.get(273) ?? tags.get(324)
  const lengths = tags.get(279) ?? tags.get(325)
  if (!offsets || !lengths) return `the TIFF has no image data (StripOffsets or TileOffsets) for page ${number}`
  for (let index = 0; index < offsets.length; index++) {
    const end = offsets[index]! + (lengths[index] ?? 0)
    if (end > bytes.length)
      return `the TIFF is truncated: the image data of page ${number} ends at byte ${end}, past the end of the file (${bytes.length} bytes)`
  }
  return { page: { width, height, directory: ifd }, next: u32(ifd + 2 + count * 12) }
}

/**
 * The TIFF as leptonica should read page `page`: the same bytes, with the
 * header pointing at that page's directory and that directory marked last.
 * Every offset in the file stays valid, so nothing else is rewritten.
 */
export function tiffPageBytes(bytes: Uint8Array, page: TiffPage): Uint8Array {
  const copy = new Uint8Array(bytes)
  const view = new DataView(copy.buffer)
  const little = copy[0] === 0x49
  view.setUint32(4, page.directory, little)
  const count = view.getUint16(page.directory, little)
  view.setUint32(page.directory + 2 + count * 12, 0, little)
  return copy
}
