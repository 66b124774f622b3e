import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromText, stripPositions } from '@cablekit/core'

/**
 * Several cables in one file: WikiLeaks records (full, partial extract,
 * metadata only), US telegrams and French cables pasted one after the other
 * with no rule between, in any order and number. Each piece must come out
 * as exactly the cables it gives alone.
 */
const fixtures = join(import.meta.dirname, 'fixtures')
const pieces: Record<string, string> = {
  'record, full routing': readFileSync(join(fixtures, 'cablegate', '07RABAT1695.txt'), 'utf8'),
  'record, partial extract': readFileSync(join(fixtures, 'cablegate', '02ANKARA8231.txt'), 'utf8'),
  'record, partial extract 2': readFileSync(join(fixtures, 'cablegate', '02HARARE1786.txt'), 'utf8'),
  'record, metadata only': readFileSync(join(fixtures, 'cablegate', '06TUNIS55.txt'), 'utf8'),
  'US telegram with VZCZC': readFileSync(join(fixtures, 'text', 'us-telegram-wrapped-header.txt'), 'utf8'),
  'US telegram from its action line': readFileSync(join(fixtures, 'text', 'us-telegram-subject-runon.txt'), 'utf8'),
  'French circular': readFileSync(join(fixtures, 'text', 'fr-circulaire-listes.txt'), 'utf8'),
}
const names = Object.keys(pieces)

/** The cables of a text without positions (they move when pieces are joined) and the rule ids of its non-info diagnostics. */
function read(text: string) {
  const result = fromText(text, { path: 'joined.txt' })
  return {
    cables: result.cables.map((cable) => stripPositions(cable)),
    rules: result.file.messages.filter((message) => message.fatal !== null).map((message) => message.ruleId),
  }
}
const alone = Object.fromEntries(names.map((name) => [name, read(pieces[name]!.trimEnd())]))

describe('several cables in one file', () => {
  for (const name of names) {
    it(`${name} alone gives one cable`, () => expect(alone[name]!.cables).toHaveLength(1))
  }

  it('the fixture with five families gives five cables, each with its own fields', () => {
    const result = fromText(readFileSync(join(fixtures, 'text', 'multi-cable-mixed.txt')), { path: 'multi-cable-mixed.txt' })
    expect(result.cables.map((cable) => cable.id)).toEqual(['02ANKARA8231', '06TUNIS55', '61-DACS-2014', '10MADRID88', '02HARARE1786'])
    const [record, metadata, french, telegram] = result.cables
    expect(record!.signature).toBe('PEARSON')
    expect(JSON.stringify(record!.body)).not.toMatch(/MINISTERE|Circulaire|EU JHA/)
    expect(metadata!.body).toEqual([])
    expect(french).toMatchObject({
      lang: 'fr',
      signature: 'Le Secrétaire Général',
      issuer: { ministry: 'MINISTERE DES AFFAIRES ETRANGERES ET DE LA COOPERATION' },
    })
    expect(telegram).toMatchObject({
      lang: 'en',
      from: 'AMEMBASSY MADRID',
      signature: 'SOLOMONT',
      subject: 'EU JHA INFORMAL MINISTERIAL IN TOLEDO SETS PRIORITIES FOR THE SPANISH PRESIDENCY',
    })
    const warnings = result.file.messages.filter((message) => message.fatal === false)
    expect(warnings.map((message) => [message.ruleId, message.line])).toEqual([
      ['partial-extract', 6],
      ['metadata-only', 32],
      ['partial-extract', 92],
    ])
  })

  it('any pieces, in any order and number, give the cables each gives alone, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...names), { minLength: 2, maxLength: 7 }), fc.constantFrom('\n', '\n\n', '\n\n\n'), (order, gap) => {
        const joined = read(order.map((name) => pieces[name]!.trimEnd()).join(gap))
        expect(joined.cables).toEqual(order.flatMap((name) => alone[name]!.cables))
        // Each piece's warnings (partial extract, metadata only), no more and no fewer.
        expect(joined.rules.filter((rule) => rule !== 'label-split').sort()).toEqual(
          order.flatMap((name) => alone[name]!.rules.filter((rule) => rule !== 'label-split')).sort(),
        )
      }),
      { numRuns: 150 },
    )
  })
})
