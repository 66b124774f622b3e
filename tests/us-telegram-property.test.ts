import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromText } from '@cablekit/core'

/**
 * A telegram written from random header values, laid out and wrapped as
 * real telegrams are (routing indicators, precedence and serials after the
 * addressees, two addressees on a joined line, a name cut by the teletype,
 * TAGS and SUBJECT wrapped, REF items on one line or several, Classified By
 * with its reasons, a footer after the signer), reads back to those values.
 */
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']
const PRECEDENCE = { O: 'immediate', P: 'priority', R: 'routine', Z: 'flash' } as const
const WORDS = ['PRIORITY', 'IMMEDIATE', 'ROUTINE', 'FLASH', 'NIACT', 'SECRET', 'UNCLAS', 'END', 'SUMMARY', 'COMMENT', 'NOTE', 'TEXT']

/** Words made of syllables, so no generated word is a precedence, banner or label word by accident. */
const word = fc
  .array(fc.constantFrom('BA', 'LO', 'RI', 'NE', 'TU', 'KA', 'MO', 'DI', 'AR', 'VEL'), { minLength: 2, maxLength: 4 })
  .map((parts) => parts.join(''))
  .filter((value) => !WORDS.includes(value))
const name = fc.array(word, { minLength: 1, maxLength: 3 }).map((words) => words.join(' '))
const addressee = fc.record({
  name: fc.tuple(fc.constantFrom('AMEMBASSY', 'USMISSION', 'AMCONSUL'), name).map(([kind, rest]) => `${kind} ${rest}`),
  indicator: fc.tuple(fc.constantFrom('RUEH', 'RUCN', 'RUEK'), fc.stringMatching(/^[A-Z]{1,3}$/)).map(([a, b]) => `${a}${b}/`),
  trailer: fc.oneof(
    fc.constant(''),
    fc.constantFrom(' PRIORITY', ' IMMEDIATE', ' ROUTINE'),
    fc.integer({ min: 1, max: 9999 }).map((n) => ` PRIORITY ${String(n).padStart(4, '0')}`),
    fc.integer({ min: 1, max: 9999 }).map((n) => ` ${String(n).padStart(4, '0')}`),
  ),
})
const tag = fc.stringMatching(/^[A-Z]{2,4}$/).filter((value) => !/^(?:REFS?|SUBJ|EO|BT|END)$/.test(value))
const telegram = fc.record({
  action: fc.constantFrom('O', 'P', 'R', 'Z'),
  day: fc.integer({ min: 1, max: 28 }),
  hour: fc.integer({ min: 0, max: 23 }),
  minute: fc.integer({ min: 0, max: 59 }),
  month: fc.integer({ min: 0, max: 11 }),
  year: fc.integer({ min: 0, max: 49 }),
  post: fc.constantFrom('RABAT', 'PARIS', 'ANKARA', 'TUNIS', 'ADDIS ABABA'),
  serial: fc.integer({ min: 1, max: 99999 }),
  to: fc.array(addressee, { minLength: 1, maxLength: 3 }),
  info: fc.array(addressee, { maxLength: 6 }),
  joinInfo: fc.boolean(),
  tags: fc.uniqueArray(tag, { minLength: 1, maxLength: 14 }),
  commaTags: fc.boolean(),
  subject: fc
    .array(fc.oneof(word, fc.constantFrom('-', 'AND', 'OF', '2009', "GOVERNMENT'S", '(PART 2)')), { minLength: 2, maxLength: 22 })
    .map((words) => words.join(' ')),
  references: fc.array(
    fc
      .tuple(fc.constantFrom('STATE', 'RABAT', '09 PARIS', 'USNATO'), fc.integer({ min: 1, max: 99999 }), fc.boolean())
      .map(([where, n, previous]) => `${where} ${n}${previous ? ' AND PREVIOUS' : ''}`),
    { maxLength: 5 },
  ),
  refStyle: fc.constantFrom('A.', '(A)', 'A)', '[A]'),
  refLines: fc.boolean(),
  classifier: fc
    .tuple(fc.constantFrom('Ambassador', 'POLOFF', "Charge d'Affaires, a.i.,", 'DCM'), fc.stringMatching(/^[A-Z]$/), word, fc.boolean())
    .map(([title, initial, surname, jr]) => `${title} ${initial}. ${surname}${jr ? ' Jr.' : ''}`),
  reasons: fc.subarray(['b', 'c', 'd'], { minLength: 1 }),
  signer: word,
  footer: fc.boolean(),
})

/** Lines of at most `width` characters, cut at spaces, the way the teletype wrapped them. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const piece of text.split(' ')) {
    if (line !== '' && line.length + 1 + piece.length > width) {
      lines.push(line)
      line = piece
    } else line = line === '' ? piece : `${line} ${piece}`
  }
  if (line !== '') lines.push(line)
  return lines
}

function marker(style: string, index: number): string {
  return style.replace('A', String.fromCharCode(65 + index))
}

describe('a random telegram reads back to its header values', () => {
  it('field by field', () => {
    fc.assert(
      fc.property(telegram, (t) => {
        const pad = (value: number) => String(value).padStart(2, '0')
        const lines = [
          'VZCZCXRO1234',
          'PP RUEHC',
          `DE RUEHRB #${String(t.serial).slice(0, 4)}/01 1234567`,
          'ZNY CCCCC ZZH',
          `${t.action} ${pad(t.day)}${pad(t.hour)}${pad(t.minute)}Z ${MONTHS[t.month]} ${pad(t.year)}`,
          `FM AMEMBASSY ${t.post}`,
        ]
        const written = (a: fc.Arbitrary<unknown> extends never ? never : { name: string; indicator: string; trailer: string }) =>
          `${a.indicator}${a.name}${a.trailer}`
        lines.push(`TO ${written(t.to[0]!)}`, ...t.to.slice(1).map(written))
        if (t.info.length > 0) {
          const items = t.info.map(written)
          // Joined two per line, or one per line with a name cut by the teletype when nothing closes it.
          if (t.joinInfo) for (let k = 0; k < items.length; k += 2) lines.push(`${k === 0 ? 'INFO ' : ''}${items.slice(k, k + 2).join(' ')}`)
          else
            items.forEach((item, k) => {
              const cut = t.info[k]!.trailer === '' && t.info[k]!.name.split(' ').length > 2 ? item.lastIndexOf(' ') : -1
              const first = `${k === 0 ? 'INFO ' : ''}${cut > 0 ? item.slice(0, cut) : item}`
              lines.push(first, ...(cut > 0 ? [item.slice(cut + 1)] : []))
            })
        }
        lines.push('BT', `C O N F I D E N T I A L ${t.post} ${String(t.serial).padStart(6, '0')}`, '', 'SIPDIS', '', `E.O. 12958: DECL: 01/01/20${pad(t.year)}`)
        lines.push(...wrap(`TAGS: ${t.tags.join(t.commaTags ? ', ' : ' ')}`, 40).map((line, k) => (k === 0 ? line : `      ${line}`)))
        lines.push(...wrap(`SUBJECT: ${t.subject}`, 50))
        if (t.references.length > 0) {
          const items = t.references.map((ref, k) => (t.references.length > 1 ? `${marker(t.refStyle, k)} ${ref}` : ref))
          if (t.refLines) lines.push(`REF: ${items[0]}`, ...items.slice(1).map((item) => `     ${item}`))
          else lines.push(...wrap(`REF: ${items.join(' ')}`, 60))
        }
        lines.push(
          '',
          `Classified By: ${t.classifier} for reasons 1.4 ${t.reasons.map((r) => `(${r})`).join(' and ')}`,
          '',
          '1. (C) Summary: the talks went on. End summary.',
          '',
          t.signer,
        )
        if (t.footer) lines.push('', `Visit Embassy ${t.post}'s Classified Website: http://www.state.sgov.gov/p/nea/x/`, 'NNNN')
        const result = fromText(lines.join('\n'), { path: 'random-telegram.txt' })
        expect(result.cables).toHaveLength(1)
        const cable = result.cables[0]!
        const names = (list: typeof t.to) => list.map((a) => a.name)
        expect(cable).toMatchObject({
          id: `${pad(t.year)}${t.post.replace(/ /g, '')}${t.serial}`,
          from: `AMEMBASSY ${t.post}`,
          date: `20${pad(t.year)}-${pad(t.month + 1)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}Z`,
          precedence: { level: PRECEDENCE[t.action as keyof typeof PRECEDENCE] },
          to: names(t.to),
          tags: t.tags,
          subject: t.subject,
          classifiedBy: t.classifier,
          classificationReasons: t.reasons.map((r) => `1.4(${r})`),
          signature: t.signer,
        })
        expect(cable.info).toEqual(t.info.length > 0 ? names(t.info) : undefined)
        expect(cable.references).toEqual(
          t.references.length > 0 ? t.references.map((ref, k) => (t.references.length > 1 ? `${marker(t.refStyle, k)} ${ref}` : ref)) : undefined,
        )
        expect(JSON.stringify(cable.body)).not.toMatch(/SUBJECT|TAGS|Classified|sgov|NNNN/)
      }),
      { numRuns: 300 },
    )
  })
})
