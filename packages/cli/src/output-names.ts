import { basename, extname } from 'node:path'

/** The base name of `path` without extension, made safe as a file name. */
export function outputStem(path: string): string {
  const stem = sanitizeName(basename(path, extname(path)))
  return stem === '' || stem === '.' || stem === '..' ? 'cable' : stem
}

/** Remove control characters, U+FFFE/U+FFFF, bidi overrides and path separators from a file name. */
export function sanitizeName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\u0000-\u001f\u007f-\u009f\ufffe\uffff\u202a-\u202e\u2066-\u2069/\\]/g, '').trim()
}
