/** The kinds of scanned or printed input `@cablekit/scan` reads. */
export type ScanKind = 'pdf' | 'png' | 'jpeg' | 'tiff'

/**
 * What a file is, by its first bytes rather than its name: a scan renamed
 * `.png` that is really a JPEG is still read, and a text file named `.pdf`
 * is refused with a clear message.
 *
 * @example scanKind(bytes) // 'pdf'
 */
export function scanKind(bytes: Uint8Array): ScanKind | undefined {
  const at = (index: number) => bytes[index]
  if (bytes.length >= 5 && String.fromCharCode(...bytes.subarray(0, 1024)).includes('%PDF-')) return 'pdf'
  if (at(0) === 0x89 && at(1) === 0x50 && at(2) === 0x4e && at(3) === 0x47) return 'png'
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'jpeg'
  if ((at(0) === 0x49 && at(1) === 0x49 && at(2) === 0x2a && at(3) === 0) || (at(0) === 0x4d && at(1) === 0x4d && at(2) === 0 && at(3) === 0x2a)) return 'tiff'
  return undefined
}
