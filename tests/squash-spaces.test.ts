import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { squashSpaces } from '../packages/core/src/parse/from-text/lines.js'

describe('squashSpaces', () => {
  it('gives what replace(/\\s+/g, " ") gives, for every kind of white space', () => {
    const unit = fc.constantFrom(
      'a',
      'Z',
      'é',
      ' ',
      '\t',
      '\n',
      '\r',
      '\v',
      '\f',
      '\u00a0',
      '\u1680',
      '\u2003',
      '\u2028',
      '\u202f',
      '\u205f',
      '\u3000',
      '\ufeff',
      '\u200b',
      '\u0085',
    )
    fc.assert(
      fc.property(fc.string({ unit }), (text) => {
        expect(squashSpaces(text)).toBe(text.replace(/\s+/g, ' '))
      }),
      { numRuns: 5000 },
    )
  })

  it('returns the same string when there is nothing to squash', () => {
    const line = 'SUBJECT: MOROCCO ASKS NATO FOR SUPPORT'
    expect(squashSpaces(line)).toBe(line)
  })
})
