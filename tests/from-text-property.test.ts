import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromText } from '@cablekit/core'

/** Lines that look like pieces of cables, so random text reaches deep into every family parser. */
const pieces = fc.constantFrom(
  'Objet : Test',
  'Réf : a) X b) Y',
  'P.J. : 1) A 2) B',
  '————',
  'Signé : X',
  'BRUXELLES, LE 14 AOUT 2014',
  'TRES URGENTE CONFIDE MTT',
  'A',
  'Monsieur le Ministre',
  'Destinataire Principal : Cab 1Transmission : Cryptée',
  'N° 12/AB',
  'ROYAUME DU MAROC',
  'المملكة المغربية',
  'VZCZCXRO1',
  'O 141530Z AUG 09',
  'FM AMEMBASSY RABAT',
  'TO RUEHC/SECSTATE WASHDC IMMEDIATE 1',
  'C O N F I D E N T I A L SECTION 02 OF 02 RABAT 000412',
  'SUBJECT: X REF: A. Y',
  'REFS: (A) X, (B) Y',
  'TAGS PREL',
  'Classified By: X',
  '¶1. (C) XXXXXXXXXXXX text',
  'JONES',
  'PAGE 02 RABAT 0412',
  '02ANKARA8150',
  'Wed Nov 13 00:00:00 +0100 2002',
  'CONFIDENTIAL//NOFORN',
  'Embassy Ankara',
  '#tag #autre',
  'Visited 3 times',
  'I’OTAN Ia c0mme renforce-',
  '&#x000A;&amp;&#xD800;',
  '',
  ' ',
  'Résumé',
)
const text = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.array(fc.oneof(pieces, fc.string({ maxLength: 40 })), { maxLength: 60 }).map((lines) => lines.join('\n')),
)

describe('fromText on random input', () => {
  it('never throws, and always ends in cables or a diagnostic', () => {
    fc.assert(
      fc.property(text, fc.boolean(), (input, fix) => {
        const result = fromText(input, { path: 'random.txt', fix })
        expect(result.cables.length > 0 || result.file.messages.length > 0).toBe(true)
        expect(result.file.messages.some((message) => message.ruleId === 'internal-error')).toBe(false)
        for (const message of result.file.messages) expect(message.line).toBeGreaterThan(0)
      }),
      { numRuns: 600 },
    )
  })

  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const result = fromText(bytes, { path: 'random.bin' })
        expect(result.cables.length > 0 || result.file.messages.length > 0).toBe(true)
        expect(result.file.messages.some((message) => message.ruleId === 'internal-error')).toBe(false)
      }),
      { numRuns: 300 },
    )
  })
})
