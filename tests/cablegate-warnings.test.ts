import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fromText, severityOf } from '@cablekit/core'

/** Records that lack their text say so: a warning at the record, never silence. */
const dir = join(import.meta.dirname, 'fixtures', 'cablegate')
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.txt'))
  .sort()
const NOTICE = 'This record is a partial extract of the original cable.'

describe('metadata-only records and partial extracts are reported', () => {
  for (const name of files) {
    it(name, () => {
      const text = readFileSync(join(dir, name), 'utf8')
      const lines = text.split('\n')
      const result = fromText(text, { path: name })
      const warnings = result.file.messages.filter((message) => severityOf(message) === 'warning')
      const metadataOnly = lines.slice(5).every((line) => line.trim() === '')
      const partial = (lines[5] ?? '').startsWith(NOTICE)
      expect(warnings.filter((message) => message.ruleId === 'metadata-only').map((message) => [message.line, message.column])).toEqual(
        metadataOnly ? [[1, 1]] : [],
      )
      expect(warnings.filter((message) => message.ruleId === 'partial-extract').map((message) => [message.line, message.column])).toEqual(
        partial ? [[6, 1]] : [],
      )
      // Only what the record has: without a routing header there is no precedence, and the warning says the header is missing.
      const cable = result.cables[0]!
      if (metadataOnly) expect(cable.precedence).toBeUndefined()
      if (partial && !/^(?:[OPRZ] \d{6}Z|\d{6}Z|TO\s)/m.test(text)) {
        expect(cable.precedence).toBeUndefined()
        expect(warnings.find((message) => message.ruleId === 'partial-extract')!.reason).toContain('routing header')
      }
    })
  }

  it('the corpus has both kinds', () => {
    const all = files.map((name) => readFileSync(join(dir, name), 'utf8'))
    expect(
      all.filter((text) =>
        text
          .split('\n')
          .slice(5)
          .every((line) => line.trim() === ''),
      ).length,
    ).toBe(6)
    expect(all.filter((text) => text.split('\n')[5]?.startsWith(NOTICE)).length).toBeGreaterThan(30)
  })
})
