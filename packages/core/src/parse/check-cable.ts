import type { VFile } from 'vfile'
import { report } from '../diagnostics.js'
import { cableSchema, HEADER_KEYS } from '../model/schema.js'
import type { Cable } from '../model/schema.js'

/**
 * Last check of an assembled cable against the schema: absent fields are
 * dropped, and anything the schema refuses is reported as an error naming the
 * field. Returns the cable, or `undefined` when it is not sound.
 */
export function checkCable(candidate: Record<string, unknown>, file: VFile): Cable | undefined {
  // Canonical key order, so JSON output reads like the documents and diffs stay small.
  const cable: Record<string, unknown> = {}
  for (const key of [...HEADER_KEYS, 'body', 'attachments']) if (candidate[key] !== undefined) cable[key] = candidate[key]
  for (const [key, value] of Object.entries(candidate)) if (value !== undefined && !(key in cable)) cable[key] = value
  const result = cableSchema.safeParse(cable)
  if (result.success) return cable as unknown as Cable
  for (const issue of result.error.issues) {
    report(file, 'error', 'invalid-cable', `\`${issue.path.join('.') || 'cable'}\`: ${issue.message}`, { line: 1, column: 1 })
  }
  return undefined
}
