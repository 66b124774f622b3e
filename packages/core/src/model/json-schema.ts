import { z } from 'zod'
import { cableSchema } from './schema.js'

/**
 * The JSON Schema (draft 2020-12) of one cable, generated from the zod schema
 * so the two never disagree. `@cablekit/core/cable.schema.json` is this value,
 * written at build time; a JSON file from `cablekit parse --json` is an array
 * of such cables.
 */
export function cableJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(cableSchema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>
  return {
    $schema: schema['$schema'],
    $id: 'urn:cablekit:schema:cable',
    title: 'Diplomatic cable',
    description: 'A diplomatic cable in the cablekit model: header fields, an mdast body and attachments.',
    ...Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$schema')),
  }
}
