/**
 * A deep copy of `value` without unist `position` fields: what a model looks
 * like once it is detached from the file it was read from.
 *
 * @example stripPositions(cable).body[0] // { type: 'paragraph', children: [...] }
 */
export function stripPositions<T>(value: T): T {
  if (Array.isArray(value)) return value.map(stripPositions) as T
  if (typeof value !== 'object' || value === null) return value
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    if (key === 'position') continue
    out[key] = stripPositions(item)
  }
  return out as T
}
