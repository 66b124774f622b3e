import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fromJson, fromMarkdown, stripPositions, toJson, toMarkdown } from '@cablekit/core'

const examples = join(import.meta.dirname, '..', 'examples')
const goldens = join(import.meta.dirname, 'fixtures', 'examples')
const files = readdirSync(examples)
  .filter((name) => name.endsWith('.md'))
  .sort()

describe('fromMarkdown on the examples', () => {
  it('finds the examples', () => {
    expect(files).toEqual(['09RABAT412.md', 'maroc-otan-cardiff.md', 'maroc-otan-requete.md'])
  })

  for (const name of files) {
    it(`${name} matches its golden JSON`, () => {
      const { cables, file } = fromMarkdown(readFileSync(join(examples, name)), { path: name })
      expect(file.messages.map(String)).toEqual([])
      expect(cables).toHaveLength(1)
      const json = toJson(cables[0]!)
      const golden = join(goldens, name.replace(/\.md$/, '.json'))
      if (process.env['UPDATE']) writeFileSync(golden, json)
      expect(json).toBe(readFileSync(golden, 'utf8'))
    })

    it(`${name} round-trips through toMarkdown`, () => {
      const cable = fromMarkdown(readFileSync(join(examples, name)), { path: name }).cables[0]!
      const again = fromMarkdown(toMarkdown(cable), { path: 'again.md' })
      expect(again.file.messages.map(String)).toEqual([])
      expect(stripPositions(again.cables[0])).toEqual(stripPositions(cable))
    })

    it(`${name} round-trips through JSON`, () => {
      const cable = fromMarkdown(readFileSync(join(examples, name)), { path: name }).cables[0]!
      const back = fromJson(toJson(cable), { path: 'back.json' })
      expect(back.file.messages.map(String)).toEqual([])
      expect(back.cables[0]).toEqual(stripPositions(cable))
    })
  }
})

describe('the seed cables as transcribed', () => {
  const requete = fromMarkdown(readFileSync(join(examples, 'maroc-otan-requete.md')), { path: 'r.md' }).cables[0]!
  const cardiff = fromMarkdown(readFileSync(join(examples, 'maroc-otan-cardiff.md')), { path: 'c.md' }).cables[0]!

  it('keeps every header field the seed gives', () => {
    expect(requete).toMatchObject({
      lang: 'fr',
      from: "L'Ambassadeur de Sa Majesté le Roi",
      to: ['Monsieur le Ministre des Affaires Étrangères et de la Coopération'],
      place: 'Bruxelles',
      date: '2014-08-14',
      precedence: { level: 'very-urgent', label: 'Très urgent' },
      classification: { level: 'confidential', label: 'Confidentiel' },
      distribution: { primary: ['Cab 1', 'SG/4'], cc: ['Cab2'] },
      transmission: 'Cryptée',
      subject: 'Maroc-OTAN / Requête.',
      references: ['Ma lettre N° 299/1P2014/CRY du 6/08/2014'],
    })
    expect(requete.tags).toContain('MarocOTAN')
    expect(requete.publication?.title).toMatch(/^Maroc Leaks/)
    expect(cardiff.distribution).toEqual({ primary: ['Cab 1', 'SG/4', 'DG/7'], cc: ['Cab2'] })
  })

  it('reads the reasons as one list and the PJ as an attachment', () => {
    const list = cardiff.body.find((node) => node.type === 'list')
    expect(list && 'children' in list ? list.children : []).toHaveLength(5)
    expect(cardiff.attachments).toHaveLength(1)
    expect(cardiff.attachments[0]).toMatchObject({ label: 'PJ', title: 'Document sur la nouvelle initiative' })
    expect(cardiff.attachments[0]!.body.length).toBeGreaterThan(4)
  })

  it('keeps positions on body nodes', () => {
    expect(requete.body[0]!.position?.start).toMatchObject({ line: 31, column: 1 })
  })
})
