/**
 * Font files for a browser build of `@cablekit/render`.
 *
 * The renderer finds its fonts as Node does: `fontFiles()` resolves each file
 * from its npm package with `createRequire(…).resolve`, and the font loader,
 * the DOCX font embedder and the HTML writer read it with `readFileSync`. A
 * browser has neither, so a bundler maps `node:module` and `node:fs` to this
 * module (see `playground/vite.config.ts`): `resolve` then returns the
 * package specifier itself, and `readFileSync` returns the bytes registered
 * under that specifier. The page fetches the font files from its own origin
 * and calls {@link registerFontFile} for each before the first render; the
 * rendering code is the same code as in Node, byte for byte.
 *
 * Only what the renderer uses exists here; anything else throws, so a new
 * use of the file system shows up at once instead of reading nothing.
 */

const files = new Map<string, Uint8Array>()

/**
 * Make `bytes` the content of the font file `specifier` (the package path
 * that `fontFiles()` names, such as
 * `@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf`).
 *
 * @example registerFontFile(spec, new Uint8Array(await (await fetch(url)).arrayBuffer()))
 */
export function registerFontFile(specifier: string, bytes: Uint8Array): void {
  files.set(specifier, bytes)
}

/** Whether the font file `specifier` has been registered. */
export function hasFontFile(specifier: string): boolean {
  return files.has(specifier)
}

/** The browser's `readFileSync`: the registered bytes of a font file, else an `ENOENT` error as Node gives. */
export function readFileSync(path: string): Uint8Array {
  const bytes = files.get(path)
  if (!bytes) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}' (register it with registerFontFile first)`), { code: 'ENOENT' })
  return bytes
}

/** The browser's `createRequire`: a `require` whose only use, `resolve`, names a package file by its specifier. */
export function createRequire(_from: string | URL): { resolve(specifier: string): string } {
  return {
    resolve(specifier: string): string {
      return specifier
    },
  }
}
