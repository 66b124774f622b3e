import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CLASSIFICATION_LEVELS, PRECEDENCE_LEVELS, fromJson, fromMarkdown, stripPositions, toJson, toMarkdown } from '@cablekit/core'
import type { Cable } from '@cablekit/core'

/** Text a person might type: letters, accents, Arabic, punctuation Markdown cares about. */
const word = fc.stringMatching(/^[A-Za-zÀ-ÿ0-9][A-Za-zÀ-ÿ0-9'’«»:;!?*_#[\]()<>&|~`\\-]{0,11}$/)
const arabic = fc.constantFrom('المملكة', 'المغربية', 'وزارة', 'الشؤون')
const sentence = fc
  .array(fc.oneof({ weight: 5, arbitrary: word }, { weight: 1, arbitrary: arabic }), { minLength: 1, maxLength: 12 })
  .map((words) => words.join(' '))
const line = sentence.map((text) => text.trim()).filter((text) => text.length > 0)

const phrasing = fc.oneof(
  { weight: 6, arbitrary: line.map((value) => ({ type: 'text', value })) },
  { weight: 1, arbitrary: word.map((value) => ({ type: 'emphasis', children: [{ type: 'text', value }] })) },
  { weight: 1, arbitrary: word.map((value) => ({ type: 'strong', children: [{ type: 'text', value }] })) },
  { weight: 1, arbitrary: fc.constantFrom('vie privée', 'source', 'withheld by the publisher').map((reason) => ({ type: 'redaction', reason })) },
)

/** Phrasing that a Markdown writer reproduces exactly: no two texts side by side. */
const paragraph = fc.array(phrasing, { minLength: 1, maxLength: 4 }).map((children) => {
  const merged: { type: string; value?: string }[] = []
  for (const child of children) {
    const last = merged.at(-1)
    if (last && last.type === 'text' && child.type === 'text') last.value = `${last.value} ${(child as { value: string }).value}`
    else merged.push({ ...child })
  }
  return { type: 'paragraph', children: merged }
})

const list = fc.array(line, { minLength: 1, maxLength: 4 }).map((items) => ({
  type: 'list',
  ordered: false,
  spread: false,
  start: null,
  children: items.map((value) => ({ type: 'listItem', spread: false, checked: null, children: [{ type: 'paragraph', children: [{ type: 'text', value }] }] })),
}))

const heading = fc.tuple(fc.constantFrom(1, 3), line).map(([depth, value]) => ({ type: 'heading', depth, children: [{ type: 'text', value }] }))

const block = fc.oneof({ weight: 5, arbitrary: paragraph }, { weight: 1, arbitrary: list }, { weight: 1, arbitrary: heading })
const body = fc.array(block, { maxLength: 6 })
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined })
const text = line.filter((value) => value === value.trim())

const cable: fc.Arbitrary<Cable> = fc
  .record({
    id: opt(fc.stringMatching(/^[0-9]{2}[A-Z]{3,8}[0-9]{1,4}$/)),
    lang: opt(fc.constantFrom('fr', 'en', 'ar')),
    from: opt(text),
    to: opt(
      fc.array(
        text.filter((value) => /\p{L}/u.test(value)),
        { minLength: 1, maxLength: 3 },
      ),
    ),
    date: opt(fc.date({ min: new Date('1950-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))),
    precedence: opt(fc.tuple(fc.constantFrom(...PRECEDENCE_LEVELS), text).map(([level, label]) => ({ level, label }))),
    classification: opt(fc.tuple(fc.constantFrom(...CLASSIFICATION_LEVELS), text).map(([level, label]) => ({ level, label }))),
    subject: opt(text),
    references: opt(fc.array(text, { minLength: 1, maxLength: 3 })),
    tags: opt(fc.array(fc.stringMatching(/^[A-Z]{2,5}$/), { minLength: 1, maxLength: 5 })),
    distribution: opt(fc.record({ primary: fc.array(text, { minLength: 1, maxLength: 3 }) })),
    body,
    attachments: fc.array(fc.record({ label: fc.constantFrom('PJ', 'P.J.', 'Annexe', 'ENCL'), title: text, body }), { maxLength: 2 }),
  })
  .map((record) => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as unknown as Cable)

describe('round trips of generated cables', () => {
  it('fromMarkdown(toMarkdown(c)) deep-equals c', () => {
    fc.assert(
      fc.property(cable, (c) => {
        const result = fromMarkdown(toMarkdown(c), { path: 'generated.md' })
        expect(result.file.messages.filter((m) => m.fatal !== undefined).map(String)).toEqual([])
        expect(stripPositions(result.cables[0])).toEqual(c)
      }),
      { numRuns: 200 },
    )
  })

  it('fromJson(toJson(c)) deep-equals c', () => {
    fc.assert(
      fc.property(cable, (c) => {
        const result = fromJson(toJson(c), { path: 'generated.json' })
        expect(result.cables[0]).toEqual(c)
      }),
      { numRuns: 100 },
    )
  })

  it('random text never throws: it ends in a cable or a diagnostic', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (input) => {
        const result = fromMarkdown(input, { path: 'random.md' })
        expect(result.cables.length + result.file.messages.length).toBeGreaterThan(0)
      }),
      { numRuns: 300 },
    )
  })
})
