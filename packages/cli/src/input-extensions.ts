import { extname } from 'node:path'

/** Extensions of the text sources (Markdown, raw text, JSON), lower case with the dot. */
export const TEXT_EXTENSIONS: readonly string[] = ['.md', '.markdown', '.txt', '.json']

/** Extensions of scans and PDFs, read through `@cablekit/scan` (text layer or OCR). */
export const SCAN_EXTENSIONS: readonly string[] = ['.pdf', '.png', '.jpg', '.jpeg', '.tif', '.tiff']

/** Every extension `parse`, `convert`, `render`, `batch` and `dossier` read: the one list all commands share. */
export const INPUT_EXTENSIONS: readonly string[] = [...TEXT_EXTENSIONS, ...SCAN_EXTENSIONS]

/** Whether `path` names a scan or a PDF, by its extension. */
export function isScanPath(path: string): boolean {
  return SCAN_EXTENSIONS.includes(extname(path).toLowerCase())
}

/** Whether `path` names any input cablekit reads, by its extension. */
export function isInputPath(path: string): boolean {
  return INPUT_EXTENSIONS.includes(extname(path).toLowerCase())
}
