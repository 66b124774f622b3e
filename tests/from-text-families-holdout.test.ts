import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fromText } from '@cablekit/core'
import type { Cable } from '@cablekit/core'

/**
 * Field accuracy on held-out real texts of the newer families (French TDs,
 * FCO telegrams, notes verbales, 1970s printed State Department pages and
 * FRUS transcripts). The expected header fields beside each fixture were
 * written by hand from the texts before the readers were tuned, and no
 * holdout text was used to tune them (see `fixtures/families/SOURCES.md`).
 * An absent field is expected as `null`, so a field a reader invents counts
 * as wrong; levels stand for precedence and classification.
 */
const dir = join(import.meta.dirname, 'fixtures', 'families', 'holdout')
const names = readdirSync(dir)
  .filter((name) => name.endsWith('.txt'))
  .sort()

function actualOf(cable: Cable | undefined, field: string): unknown {
  const value = cable ? (cable as unknown as Record<string, unknown>)[field] : undefined
  if (value === undefined) return null
  if (field === 'precedence' || field === 'classification') return (value as { level: string }).level
  return value
}

describe('field accuracy on held-out texts of the TD, FCO, note verbale and older US families', () => {
  const right: Record<string, number> = {}
  const total: Record<string, number> = {}
  const byFamily: Record<string, [number, number]> = {}
  const misses: string[] = []
  for (const name of names) {
    const expected = JSON.parse(readFileSync(join(dir, name.replace(/\.txt$/, '.json')), 'utf8')) as Record<string, unknown>
    const result = fromText(readFileSync(join(dir, name)), { path: name })
    const cable = result.cables[0]
    const family = String(expected['family'])
    for (const [field, want] of Object.entries(expected)) {
      total[field] = (total[field] ?? 0) + 1
      const tally = (byFamily[family] ??= [0, 0])
      tally[1]++
      const actual = actualOf(cable, field)
      if (JSON.stringify(actual) === JSON.stringify(want)) {
        right[field] = (right[field] ?? 0) + 1
        tally[0]++
      } else misses.push(`${name} ${field}: expected ${JSON.stringify(want)}, got ${JSON.stringify(actual)}`)
    }
  }
  const sum = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0)
  const share = sum(right) / sum(total)

  it('gets at least 90 % of the header fields right', () => {
    const fields = Object.keys(total).map((field) => `${field.padEnd(16)} ${String(right[field] ?? 0).padStart(3)}/${total[field]}`)
    const families = Object.entries(byFamily).map(([family, [ok, all]]) => `${family.padEnd(16)} ${String(ok).padStart(3)}/${all}`)
    console.log(
      `held-out field accuracy: ${(share * 100).toFixed(1)} % (${sum(right)}/${sum(total)})\n${fields.join('\n')}\nby family:\n${families.join('\n')}${misses.length ? `\nmisses:\n${misses.join('\n')}` : ''}`,
    )
    expect(share).toBeGreaterThanOrEqual(0.9)
  })
})
