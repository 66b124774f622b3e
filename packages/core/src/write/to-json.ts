import type { Cable } from '../model/schema.js'
import { stripPositions } from './strip-positions.js'

/** Options of {@link toJson}. */
export interface ToJsonOptions {
  /** Keep the source positions of body nodes (default `false`). */
  positions?: boolean
  /** Indentation, as for `JSON.stringify` (default 2). */
  space?: number
}

/**
 * Write cables as JSON: one object for one cable, an array for several (or
 * when `cables` is an array), in the shape `fromJson` reads.
 *
 * @example toJson(cables) // '[\n  {\n    "id": "09RABAT412", …'
 */
export function toJson(cables: Cable | Cable[], options: ToJsonOptions = {}): string {
  const value = options.positions ? cables : stripPositions(cables)
  return `${JSON.stringify(value, null, options.space ?? 2)}\n`
}
