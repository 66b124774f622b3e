import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cableJsonSchema } from '@cablekit/core'

describe('the shipped JSON Schema', () => {
  it('is the one the zod schema generates (run `npm run build` after changing the model)', () => {
    const committed = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'packages/core/cable.schema.json'), 'utf8'))
    expect(committed).toEqual(cableJsonSchema())
  })

  it('is exported by the package as @cablekit/core/cable.schema.json', () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'packages/core/package.json'), 'utf8'))
    expect(pkg.exports['./cable.schema.json']).toBe('./cable.schema.json')
    expect(pkg.files).toContain('cable.schema.json')
  })
})
