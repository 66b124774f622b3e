import { createHash } from 'node:crypto'

/**
 * The content hash recorded in the manifest: `sha256:` and the hex digest of
 * the file's bytes.
 *
 * @example contentHash(new TextEncoder().encode('x')) // 'sha256:2d71…'
 */
export function contentHash(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`
}

/**
 * The options hash recorded in the manifest: the SHA-256 of the canonical JSON
 * (keys sorted, `undefined` left out) of everything that changes the output
 * bytes, so resume re-renders an input as soon as any of it changes.
 *
 * @example optionsHash({ to: ['pdf'], version: '0.1.0' })
 */
export function optionsHash(options: Record<string, unknown>): string {
  return `sha256:${createHash('sha256').update(canonicalJson(options)).digest('hex')}`
}

/** JSON with object keys sorted at every level, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`
}
