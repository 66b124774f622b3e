type SubsetFont = (font: Uint8Array, text: string, options?: { targetFormat?: 'truetype' | 'sfnt' | 'woff' | 'woff2' }) => Promise<Uint8Array>

let subsetter: Promise<SubsetFont | undefined> | undefined

/**
 * harfbuzz's hb-subset (wasm, through `subset-font`), loaded on first use and
 * kept for the process; `undefined` where it cannot load (a browser bundle
 * has no file system to read its wasm from), and callers then embed the
 * whole face.
 */
export function loadSubsetter(): Promise<SubsetFont | undefined> {
  subsetter ??= import('subset-font').then(
    (module) => module.default as SubsetFont,
    () => undefined,
  )
  return subsetter
}

/**
 * A TrueType face cut down to the glyphs `characters` need (hb-subset keeps
 * what the layout tables reach from them: Arabic joining forms, ligatures),
 * or `undefined` when harfbuzz is not available here. hb-subset gives the
 * same bytes for the same font and characters.
 */
export async function subsetFace(data: Uint8Array, characters: string): Promise<Uint8Array | undefined> {
  const subsetFont = await loadSubsetter()
  if (!subsetFont) return undefined
  // subset-font reads the font's signature with Buffer methods: hand it a Buffer view of the same bytes.
  const input = typeof Buffer !== 'undefined' && !Buffer.isBuffer(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : data
  return new Uint8Array(await subsetFont(input, characters, { targetFormat: 'truetype' }))
}
