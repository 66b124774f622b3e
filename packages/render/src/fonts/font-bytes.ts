import { readFileSync } from 'node:fs'

const files = new Map<string, Buffer>()

/**
 * The bytes of a shipped font file, read once per process: a batch writes
 * thousands of documents with the same few faces. The fontkit faces that
 * layout measures with, the DOCX embedder and the HTML writer share them (in
 * the browser, `node:fs` is the font seam of `browser-fonts.ts`).
 */
export function fontBytes(path: string): Buffer {
  let data = files.get(path)
  if (!data) files.set(path, (data = readFileSync(path)))
  return data
}
