import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fromText, severityOf } from '@cablekit/core'
import type { Cable } from '@cablekit/core'

/** Header variants of US telegrams, written for these tests in the layouts real telegrams use (see fixtures/text/SOURCES.md). */
function one(text: string | Uint8Array): Cable {
  const result = fromText(text, { path: 'telegram.txt' })
  expect(result.cables).toHaveLength(1)
  return result.cables[0]!
}

/** A telegram whose header lines are `lines`, then one paragraph and a signer. */
function telegram(...lines: string[]): string {
  return [
    'R 011200Z MAR 10',
    'FM AMEMBASSY RABAT',
    'TO SECSTATE WASHDC 0001',
    'UNCLAS RABAT 000123',
    '',
    'E.O. 12958: N/A',
    ...lines,
    '',
    '1. (U) The text.',
    '',
    'JONES',
  ].join('\n')
}

describe('SUBJECT ends where the subject ends', () => {
  it('at a numbered paragraph on the next line, with no blank line', () => {
    const cable = one(telegram('TAGS: PREL', 'SUBJECT: EU JHA INFORMAL MINISTERIAL', '1. Summary. EU Justice and Home Affairs ministers met.'))
    expect(cable.subject).toBe('EU JHA INFORMAL MINISTERIAL')
    expect(JSON.stringify(cable.body)).toContain('1. Summary. EU Justice')
  })

  it('at a paragraph run into the subject line itself, reported', () => {
    const result = fromText(telegram('SUBJECT: EU JHA INFORMAL MINISTERIAL 1. (SBU) Summary: EU ministers met.'), { path: 't.txt' })
    const cable = result.cables[0]!
    expect(cable.subject).toBe('EU JHA INFORMAL MINISTERIAL')
    expect((cable.body[0] as { children: { value: string }[] }).children[0]!.value).toBe('1. (SBU) Summary: EU ministers met.')
    const split = result.file.messages.find((message) => message.ruleId === 'label-split')!
    expect(split.line).toBe(7)
    expect(split.column).toBe(38)
  })

  it('at `Summary:`, REF, CLASSIFIED BY; joined across wrapped lines', () => {
    expect(one(telegram('SUBJECT: TALKS ON', 'WATER SHARING', 'Summary: the talks went well.')).subject).toBe('TALKS ON WATER SHARING')
    expect(one(telegram('SUBJECT: TALKS ON', 'WATER SHARING', 'REF: STATE 12')).subject).toBe('TALKS ON WATER SHARING')
    expect(one(telegram('SUBJECT: TALKS ON WATER SHARING REF: STATE 12')).references).toEqual(['STATE 12'])
    expect(one(telegram('SUBJECT: TALKS ON', 'WATER SHARING', 'CLASSIFIED BY AMBASSADOR X. REASONS 1.4 (B)')).subject).toBe('TALKS ON WATER SHARING')
  })

  it('keeps `SUMMARY` inside a subject that is about a summary', () => {
    expect(one(telegram('SUBJECT: SOUTHEAST TURKEY PRESS SUMMARY', 'NOVEMBER 8, 2002')).subject).toBe('SOUTHEAST TURKEY PRESS SUMMARY NOVEMBER 8, 2002')
  })
})

describe('TAGS', () => {
  it('spaces, commas, semicolons, any case, wrapped, without duplicates', () => {
    expect(one(telegram('TAGS: PREL PGOV ECON', 'KDEM MO')).tags).toEqual(['PREL', 'PGOV', 'ECON', 'KDEM', 'MO'])
    expect(one(telegram('TAGS PREL, PGOV, HUMAN RIGHTS, GOI EXTERNAL')).tags).toEqual(['PREL', 'PGOV', 'HUMAN RIGHTS', 'GOI EXTERNAL'])
    expect(one(telegram('TAGS: PREL; PGOV; PREL; KPAL')).tags).toEqual(['PREL', 'PGOV', 'KPAL'])
    expect(one(telegram('Tags: prel, pgov,', 'human rights, mo')).tags).toEqual(['prel', 'pgov', 'human rights', 'mo'])
    // A space list that goes on with commas on its second line (09ALGIERS1077).
    expect(one(telegram('TAGS: PREL PGOV KWBG US IR', 'AF, XA')).tags).toEqual(['PREL', 'PGOV', 'KWBG', 'US', 'IR', 'AF', 'XA'])
    // Parentheses hold commas of their own.
    expect(one(telegram('TAGS: PREL, OVIP (RICE, CONDOLEEZZA), MO')).tags).toEqual(['PREL', 'OVIP (RICE, CONDOLEEZZA)', 'MO'])
  })
})

describe('REF: one item per reference', () => {
  it.each([
    ['REF: A. STATE 1234 B. RABAT 56', ['A. STATE 1234', 'B. RABAT 56']],
    ['REF: (A) STATE 1234 (B) RABAT 56 (C) 09 RABAT 7', ['(A) STATE 1234', '(B) RABAT 56', '(C) 09 RABAT 7']],
    ['REF: [A] STATE 1234 [B] RABAT 56', ['[A] STATE 1234', '[B] RABAT 56']],
    ['REFS: A) STATE 1234 B) RABAT 56', ['A) STATE 1234', 'B) RABAT 56']],
    ['REF: A. STATE 1234 ¶B. RABAT 56', ['A. STATE 1234', 'B. RABAT 56']],
    ['REF: A. 01 HARARE 2710 AND PREVIOUS B. HARARE 5', ['A. 01 HARARE 2710 AND PREVIOUS', 'B. HARARE 5']],
    ['REF: STATE 1234 AND PREVIOUS', ['STATE 1234 AND PREVIOUS']],
  ])('%s', (line, expected) => {
    expect(one(telegram(line)).references).toEqual(expected)
  })

  it('on several lines, and ending at the first paragraph', () => {
    const cable = one(telegram('REF: (A) STATE 1234', '     (B) RABAT 56 AND PREVIOUS', '1. (C) The text starts here.'))
    expect(cable.references).toEqual(['(A) STATE 1234', '(B) RABAT 56 AND PREVIOUS'])
    expect(JSON.stringify(cable.body)).toContain('1. (C) The text starts here.')
  })

  it('a numbered REF list keeps its numbers', () => {
    expect(one(telegram('REF: 1. STATE 1234', '2. RABAT 56')).references).toEqual(['1. STATE 1234', '2. RABAT 56'])
  })
})

describe('Classified by', () => {
  it.each([
    ['Classified By: Ambassador Robert F. Godec for reasons 1.4 (b) and (d)', 'Ambassador Robert F. Godec', ['1.4(b)', '1.4(d)']],
    ['CLASSIFIED BY: POLOFF J. SMITH, REASON 1.4(B)', 'POLOFF J. SMITH', ['1.4(b)']],
    ['CLASSIFIED BY POLOFF J. SMITH FOR REASONS 1.4 (B) AND (D)', 'POLOFF J. SMITH', ['1.4(b)', '1.4(d)']],
    ['Classified by: DCM John Doe Jr. for reasons 1.5 (b), (c) and (d).', 'DCM John Doe Jr.', ['1.5(b)', '1.5(c)', '1.5(d)']],
    ['Classified By: Political Minister Counselor Kyle Scott. Reason: 1.4 (B )(D)', 'Political Minister Counselor Kyle Scott', ['1.4(b)', '1.4(d)']],
    ['Derived from: Multiple Sources', 'Multiple Sources', undefined],
    ["(U) Classified By: Charge d'Affaires, a.i., Robert P. Jackson", "Charge d'Affaires, a.i., Robert P. Jackson", undefined],
  ])('%s', (line, by, reasons) => {
    const cable = one(telegram(line))
    expect(cable.classifiedBy).toBe(by)
    expect(cable.classificationReasons).toEqual(reasons)
  })

  it('wrapped, even inside a section number', () => {
    const cable = one(telegram("Classified By: Charge d'Affaires a.i. William Jordan;", 'reasons 1', '.4 (b) and (d).'))
    expect(cable).toMatchObject({ classifiedBy: "Charge d'Affaires a.i. William Jordan", classificationReasons: ['1.4(b)', '1.4(d)'] })
  })
})

describe('signature', () => {
  const end = (...lines: string[]) =>
    one(['R 011200Z MAR 10', 'FM AMEMBASSY RABAT', 'UNCLAS RABAT 000123', 'SUBJECT: X', '', '1. (U) The text.', ...lines].join('\n'))
  it.each([
    [['', 'JONES', '', "Visit Embassy Rabat's Classified Website: http://www.state.sgov.gov/p/nea/rabat/"]],
    [['', 'Jones', '', "Please visit Embassy Tunis' Classified Website at:", 'http://www.state.sgov.gov/p/nea/tunis/index.c fm']],
    [['JONES', 'BT', '#0123', 'NNNN']],
    [['', 'JONES', '', '', '                       UNCLASSIFIED', '', 'PAGE 02        RABAT  00123  011200Z', '>']],
    [['2. (U) MORE TEXT. JONES']],
  ])('the signer before a footer, NNNN, BT or page furniture: %j', (lines) => {
    const cable = end(...lines)
    expect(cable.signature?.toUpperCase()).toBe('JONES')
    expect(JSON.stringify(cable.body)).not.toMatch(/JONES|Classified Website|NNNN|sgov/i)
  })

  it('no invented signer after END SUMMARY', () => {
    expect(end('END SUMMARY').signature).toBeUndefined()
  })
})

describe('TO and INFO', () => {
  it('one addressee per item, without indicators, precedence or serial, wrapped lines split and joined', () => {
    const cable = one(readFileSync(join(import.meta.dirname, 'fixtures', 'text', 'us-telegram-wrapped-header.txt')))
    expect(cable.to).toEqual(['SECSTATE WASHDC', 'USEU BRUSSELS'])
    expect(cable.info).toEqual([
      'AMEMBASSY MADRID',
      'AMEMBASSY ROME',
      'EU MEMBER STATES COLLECTIVE',
      'USMISSION GENEVA',
      'USMISSION TO THE NORTH ATLANTIC TREATY ORGANIZATION',
    ])
    expect(cable.precedence).toEqual({ level: 'immediate', label: 'IMMEDIATE' })
  })

  it('NIACT and ROUTINE are precedence words too; a TO precedence is used without an action line', () => {
    const cable = one(
      [
        'FM AMEMBASSY RABAT',
        'TO SECSTATE WASHDC NIACT IMMEDIATE 0042',
        'INFO AMEMBASSY PARIS ROUTINE 7 AMEMBASSY MADRID ROUTINE',
        'UNCLAS RABAT 000123',
        'SUBJECT: X',
        '',
        '1. (U) Text.',
      ].join('\n'),
    )
    expect(cable.to).toEqual(['SECSTATE WASHDC'])
    expect(cable.info).toEqual(['AMEMBASSY PARIS', 'AMEMBASSY MADRID'])
    expect(cable.precedence).toEqual({ level: 'immediate', label: 'NIACT IMMEDIATE' })
  })
})

describe('the wrapped-header fixture, field by field', () => {
  const result = fromText(readFileSync(join(import.meta.dirname, 'fixtures', 'text', 'us-telegram-wrapped-header.txt')), { path: 'w.txt' })
  it('reads every header field', () => {
    expect(result.cables[0]).toMatchObject({
      subject: 'EU JHA INFORMAL MINISTERIAL: FRENCH VIEWS ON PASSENGER DATA AND VISA POLICY',
      tags: ['PREL', 'PGOV', 'KCRM', 'HUMAN RIGHTS', 'SMIG', 'EUN', 'FR'],
      references: ['(A) STATE 10234', '(B) PARIS 355', '(C) 09 PARIS 1710 AND PREVIOUS'],
      classifiedBy: 'POLOFF J. SMITH JR.',
      classificationReasons: ['1.4(b)', '1.4(d)'],
      signature: 'RIVKIN',
    })
    expect(result.file.messages.filter((message) => severityOf(message) !== 'info')).toEqual([])
  })
})
