import { createCanvas, loadImage } from '@napi-rs/canvas'

/** How to spoil a clean raster the way a photocopier, a phone or a fax does. All seeded. */
export interface Degradation {
  seed: number
  /** Rotation in degrees. */
  tilt?: number
  /** Share of pixels flipped to random grey (0–1). */
  noise?: number
  /** Gaussian blur radius in pixels. */
  blur?: number
  /** Re-encode as JPEG at this quality (0–100). */
  jpeg?: number
}

/** What {@link scanOf} gives: the page as PNG, JPEG and TIFF, and its size. */
export interface Scan {
  png: Uint8Array
  jpeg: Uint8Array
  tiff: Uint8Array
  width: number
  height: number
  /** The pixels, RGBA (grey): for {@link tiffOf}. */
  rgba: Uint8ClampedArray
}

/**
 * A scan of page `page` of `pdf`: rasterised at `dpi` by pdf.js, cut to the
 * band from the `from` share of the page's height to the `crop` share (OCR
 * tests stay fast on the header), then degraded.
 */
export async function scanOf(
  pdf: Uint8Array,
  options: { page?: number; dpi?: number; from?: number; crop?: number; degrade?: Degradation } = {},
): Promise<Scan> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
  const document = await pdfjs.getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, verbosity: 0 }).promise
  const page = await document.getPage(options.page ?? 1)
  const viewport = page.getViewport({ scale: (options.dpi ?? 300) / 72 })
  const width = Math.ceil(viewport.width)
  const full = Math.ceil(viewport.height)
  const top = Math.floor(full * (options.from ?? 0))
  const height = Math.ceil(full * (options.crop ?? 1)) - top
  const clean = createCanvas(width, full)
  const context = clean.getContext('2d')
  context.fillStyle = '#ffffff'
  context.fillRect(0, 0, width, full)
  await page.render({ canvas: clean, canvasContext: context, viewport } as never).promise
  await document.destroy()
  const out = createCanvas(width, height)
  const target = out.getContext('2d')
  target.fillStyle = '#ffffff'
  target.fillRect(0, 0, width, height)
  const degrade = options.degrade
  if (degrade?.blur) target.filter = `blur(${degrade.blur}px)`
  if (degrade?.tilt) {
    target.translate(width / 2, height / 2)
    target.rotate((degrade.tilt * Math.PI) / 180)
    target.translate(-width / 2, -height / 2)
  }
  target.drawImage(clean, 0, -top)
  target.setTransform(1, 0, 0, 1, 0, 0)
  target.filter = 'none'
  const pixels = target.getImageData(0, 0, width, height)
  if (degrade?.noise) {
    const random = mulberry32(degrade.seed)
    for (let index = 0; index < width * height; index++) {
      if (random() >= degrade.noise) continue
      const grey = Math.floor(random() * 256)
      pixels.data[index * 4] = pixels.data[index * 4 + 1] = pixels.data[index * 4 + 2] = grey
    }
    target.putImageData(pixels, 0, 0)
  }
  let png = new Uint8Array(await out.encode('png'))
  if (degrade?.jpeg) {
    // The JPEG round trip is the degradation: what OCR sees is the decoded JPEG, whatever the container.
    const decoded = await loadImage(Buffer.from(await out.encode('jpeg', degrade.jpeg)))
    target.drawImage(decoded, 0, 0)
    png = new Uint8Array(await out.encode('png'))
  }
  const grey = target.getImageData(0, 0, width, height).data
  return {
    png,
    jpeg: new Uint8Array(await out.encode('jpeg', degrade?.jpeg ?? 92)),
    tiff: greyTiff([{ rgba: grey, width, height }]),
    width,
    height,
    rgba: grey,
  }
}

/** Scans as the pages of one multi-page TIFF, as a sheet-feeding scanner writes them. */
export function tiffOf(scans: readonly Scan[]): Uint8Array {
  return greyTiff(scans)
}

/**
 * A baseline TIFF, uncompressed 8-bit greyscale, one strip a page: what a flatbed scanner writes. Each page's
 * directory is followed by its resolution and its pixels; the last directory's next offset is 0.
 */
function greyTiff(pages: readonly { rgba: Uint8ClampedArray | Uint8Array; width: number; height: number }[]): Uint8Array {
  const parts = pages.map((page) => greyTiffPage(page.rgba, page.width, page.height))
  const out = Buffer.alloc(8 + parts.reduce((sum, part) => sum + part.length, 0))
  out.write('II', 0)
  out.writeUInt16LE(42, 2)
  out.writeUInt32LE(8, 4)
  let at = 8
  parts.forEach((part, index) => {
    const bytes = part.build(at, index === parts.length - 1 ? 0 : at + part.length)
    bytes.copy(out, at)
    at += part.length
  })
  return new Uint8Array(out)
}

/** One page: its directory at `base` (an offset in the file), pointing at `next`. */
function greyTiffPage(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): { length: number; build: (base: number, next: number) => Buffer } {
  const entries: [number, number, number][] = [
    [256, 4, width],
    [257, 4, height],
    [258, 3, 8],
    [259, 3, 1],
    [262, 3, 1],
    [273, 4, 0],
    [277, 3, 1],
    [278, 4, height],
    [279, 4, width * height],
    [282, 5, 0],
    [283, 5, 0],
    [296, 3, 2],
  ]
  const ifdSize = 2 + entries.length * 12 + 4
  const length = ifdSize + 8 + width * height
  const build = (base: number, next: number): Buffer => {
    const out = Buffer.alloc(length)
    const rational = base + ifdSize
    const data = rational + 8
    out.writeUInt16LE(entries.length, 0)
    entries.forEach(([tag, type, value], index) => {
      const at = 2 + index * 12
      out.writeUInt16LE(tag, at)
      out.writeUInt16LE(type, at + 2)
      out.writeUInt32LE(1, at + 4)
      if (tag === 273) out.writeUInt32LE(data, at + 8)
      else if (type === 5) out.writeUInt32LE(rational, at + 8)
      else if (type === 3) out.writeUInt16LE(value, at + 8)
      else out.writeUInt32LE(value, at + 8)
    })
    out.writeUInt32LE(next, 2 + entries.length * 12)
    out.writeUInt32LE(300, ifdSize)
    out.writeUInt32LE(1, ifdSize + 4)
    for (let index = 0; index < width * height; index++) out[ifdSize + 8 + index] = rgba[index * 4]!
    return out
  }
  return { length, build }
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
