import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fromText } from '@cablekit/core'
import type { Cable } from '@cablekit/core'

/**
 * Field accuracy on held-out Cablegate records: the expected header fields
 * were written by hand from the raw files and never used to tune the
 * parser (see `fixtures/cablegate/holdout.json`). An absent field is
 * expected as `null`, so a field the parser invents counts as wrong.
 */
const dir = join(import.meta.dirname, 'fixtures', 'cablegate')
const holdout = JSON.parse(readFileSync(join(dir, 'holdout.json'), 'utf8')) as { fields: string[]; cables: Record<string, Record<string, unknown>> }

/** The value compared for a field: precedence by level, the rest as they are. */
function actualOf(cable: Cable, field: string): unknown {
  const value = (cable as unknown as Record<string, unknown>)[field]
  if (value === undefined) return null
  if (field === 'precedence') return (value as { level: string }).level
  return value
}

describe('field accuracy on held-out Cablegate records', () => {
  const right: Record<string, number> = {}
  const total: Record<string, number> = {}
  const misses: string[] = []
  for (const [id, expected] of Object.entries(holdout.cables)) {
    const result = fromText(readFileSync(join(dir, `${id}.txt`)), { path: `${id}.txt` })
    const cable = result.cables[0]!
    for (const field of holdout.fields) {
      total[field] = (total[field] ?? 0) + 1
      const actual = actualOf(cable, field)
      if (JSON.stringify(actual) === JSON.stringify(expected[field] ?? null)) right[field] = (right[field] ?? 0) + 1
      else misses.push(`${id} ${field}: expected ${JSON.stringify(expected[field] ?? null)}, got ${JSON.stringify(actual)}`)
    }
  }
  const sum = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0)
  const share = sum(right) / sum(total)

  it('gets at least 95 % of the header fields right', () => {
    const lines = holdout.fields.map((field) => `${field.padEnd(22)} ${String(right[field] ?? 0).padStart(3)}/${total[field]}`)
    console.log(
      `held-out field accuracy: ${(share * 100).toFixed(1)} % (${sum(right)}/${sum(total)})\n${lines.join('\n')}${misses.length ? `\nmisses:\n${misses.join('\n')}` : ''}`,
    )
    expect(share).toBeGreaterThanOrEqual(0.95)
  })
})
