/**
 * Whiten the ruled lines of a greyscale page in place: long horizontal runs of
 * ink (rules, underlines, box edges) and long thin vertical ones (box sides).
 * Tesseract takes a boxed stamp (`TRÈS URGENT` in a frame) for a picture and
 * reads nothing in it; without the frame it reads the words. Letters are
 * never that long, nor, when that tall, that thin.
 *
 * @param grey one byte a pixel, row after row.
 * @param dpi the resolution, which sets what "long" is (about 7 mm).
 */
export function eraseRules(grey: Uint8Array, width: number, height: number, dpi = 300): void {
  const long = Math.round(dpi * 0.28)
  const ink = (value: number) => value < 140
  // Horizontal runs.
  for (let y = 0; y < height; y++) {
    const row = y * width
    let start = -1
    for (let x = 0; x <= width; x++) {
      const dark = x < width && ink(grey[row + x]!)
      if (dark && start < 0) start = x
      if (!dark && start >= 0) {
        if (x - start >= long) grey.fill(255, row + start, row + x)
        start = -1
      }
    }
  }
  // Vertical runs no more than a few pixels wide.
  const thin = Math.max(3, Math.round(dpi / 50))
  const tall = Math.round(dpi * 0.22)
  for (let x = 0; x < width; x++) {
    let start = -1
    for (let y = 0; y <= height; y++) {
      const dark = y < height && ink(grey[y * width + x]!)
      if (dark && start < 0) start = y
      if (!dark && start >= 0) {
        if (y - start >= tall && isThin(grey, width, x, (start + y) >> 1, thin)) for (let k = start; k < y; k++) grey[k * width + x] = 255
        start = -1
      }
    }
  }
}

/** Whether the ink at (x, y) is at most `thin` pixels wide: light on both sides within reach. */
function isThin(grey: Uint8Array, width: number, x: number, y: number, thin: number): boolean {
  const row = y * width
  let left = x
  while (left > 0 && grey[row + left - 1]! < 140 && x - left < thin + 1) left--
  let right = x
  while (right < width - 1 && grey[row + right + 1]! < 140 && right - x < thin + 1) right++
  return right - left + 1 <= thin
}
