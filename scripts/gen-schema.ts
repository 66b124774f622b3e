/**
 * Write `packages/core/cable.schema.json` from the zod schema. Run by `npm run
 * build`; `tests/json-schema.test.ts` fails when the committed file is stale.
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { cableJsonSchema } from '../packages/core/src/model/json-schema.js'

const target = fileURLToPath(new URL('../packages/core/cable.schema.json', import.meta.url))
writeFileSync(target, `${JSON.stringify(cableJsonSchema(), null, 2)}\n`)
