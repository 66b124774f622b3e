import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fromMarkdown, fromText, stripPositions, toMarkdown } from '@cablekit/core'
import type { Cable } from '@cablekit/core'

/** French raw text: marker lists, letterheads in capitals, blank lines inside the header. Vectors written for these tests. */
function read(text: string) {
  return fromText(text, { path: 'cable.txt' })
}
function one(text: string): Cable {
  const result = read(text)
  expect(result.cables).toHaveLength(1)
  return result.cables[0]!
}
const head = ['ROYAUME DU MAROC', 'Ministère des Affaires Étrangères', '', 'Rabat, le 12 mai 2014', '', 'Objet : Essai.', '']
const body = (...lines: string[]) => one([...head, ...lines, '', 'Signé : Le Ministre'].join('\n')).body
const kinds = (nodes: Cable['body']) =>
  nodes.map((node) =>
    node.type === 'list'
      ? `list:${(node as { ordered: boolean }).ordered ? 'ordered' : 'bullets'}:${(node as { children: unknown[] }).children.length}`
      : node.type,
  )
const texts = (node: Cable['body'][number]) =>
  JSON.stringify(node)
    .match(/"value":"[^"]*"/g)
    ?.map((value) => value.slice(9, -1))

describe('French marker lists', () => {
  it.each([
    [
      ['Les points suivants :', '- premier point ;', '- second point.'],
      ['paragraph', 'list:bullets:2'],
      ['premier point ;', 'second point.'],
    ],
    [['• premier point ;', '• second point.'], ['list:bullets:2'], ['premier point ;', 'second point.']],
    [
      ['Comme suit :', 'a) premier point ;', 'b) second point ;', 'c) troisième point.'],
      ['paragraph', 'list:bullets:3'],
      ['a) premier point ;', 'b) second point ;', 'c) troisième point.'],
    ],
    [['1° premier point ;', '2° second point.'], ['list:bullets:2'], ['1° premier point ;', '2° second point.']],
    [['1. premier point ;', '2. second point.'], ['list:ordered:2'], ['premier point ;', 'second point.']],
    // Items separated by blank lines, and an item wrapped onto a second line.
    [
      ['- premier point, qui se poursuit', 'sur la ligne suivante ;', '', '- second point.'],
      ['list:bullets:2'],
      ['premier point, qui se poursuit sur la ligne suivante ;', 'second point.'],
    ],
  ])('%j', (lines, expectedKinds, items) => {
    const nodes = body(...lines)
    expect(kinds(nodes)).toEqual(expectedKinds)
    expect(texts(nodes.at(-1)!)).toEqual(items)
  })

  it('an ordered list starts at its first number', () => {
    const [list] = body('3. troisième ;', '4. quatrième.')
    expect(list).toMatchObject({ type: 'list', ordered: true, start: 3 })
  })

  it('a lone marker line, or numbers out of sequence, stay text', () => {
    expect(kinds(body('La réunion est fixée au', '1. semestre prochain.'))).toEqual(['paragraph'])
    expect(texts(body('La réunion est fixée au', '1. semestre prochain.')[0]!)).toEqual(['La réunion est fixée au 1. semestre prochain.'])
    expect(texts(body('1. premier ;', '3. troisième.')[0]!)).toEqual(['1. premier ; 3. troisième.'])
  })

  it('en-dash bullets stay paragraphs, as the family prints them', () => {
    expect(kinds(body('– premier ;', '', '– second.'))).toEqual(['paragraph', 'paragraph'])
  })

  it('the lists read back from the Markdown written from them', () => {
    const cable = fromText(readFileSync(join(import.meta.dirname, 'fixtures', 'text', 'fr-circulaire-listes.txt')), { path: 'c.txt' }).cables[0]!
    expect(kinds(cable.body)).toEqual([
      'paragraph',
      'list:bullets:3',
      'paragraph',
      'list:bullets:3',
      'paragraph',
      'list:bullets:2',
      'paragraph',
      'list:ordered:2',
      'list:bullets:2',
    ])
    expect(stripPositions(fromMarkdown(toMarkdown(cable), { path: 'c.md' }).cables[0])).toEqual(stripPositions(cable))
  })
})

describe('French letterheads', () => {
  it('a ministry name in capitals continued on the next line is one ministry, not a post', () => {
    const result = read(['ROYAUME DU MAROC', 'MINISTERE DES AFFAIRES ETRANGERES', 'ET DE LA COOPERATION', 'N° 12/DAE/2014', 'Objet : Essai.'].join('\n'))
    expect(result.cables[0]!.issuer).toEqual({ state: 'ROYAUME DU MAROC', ministry: 'MINISTERE DES AFFAIRES ETRANGERES ET DE LA COOPERATION' })
    expect(result.file.messages.map((message) => message.ruleId)).not.toContain('guessed-field')
  })

  it('also across a blank line, and in mixed case', () => {
    expect(one(['MINISTERE DES AFFAIRES ETRANGERES', '', 'ET DE LA COOPERATION', '', 'Objet : Essai.'].join('\n')).issuer).toEqual({
      ministry: 'MINISTERE DES AFFAIRES ETRANGERES ET DE LA COOPERATION',
    })
    expect(one(['Ministère de l’Europe', 'et des Affaires étrangères', 'Objet : Essai.'].join('\n')).issuer).toEqual({
      ministry: 'Ministère de l’Europe et des Affaires étrangères',
    })
  })

  it('a word that only starts like a continuation is not one', () => {
    expect(one(['MINISTERE DES AFFAIRES ETRANGERES', 'ENVOI PAR VALISE', 'Objet : Essai.'].join('\n')).issuer?.ministry).toBe(
      'MINISTERE DES AFFAIRES ETRANGERES',
    )
  })
})

describe('a blank line inside the header does not end it', () => {
  it('letterhead lines split by blank lines are the issuer, not a publication title and summary', () => {
    const result = read(
      [
        "Direction des Français à l'étranger",
        "et de l'administration consulaire",
        '',
        "Service de l'action consulaire",
        '',
        'N° 57/FAE/2014',
        '',
        'Paris, le 12 mai 2014',
        '',
        'LE DIRECTEUR',
        '',
        'A',
        '',
        'Mesdames et Messieurs les Chefs de poste',
        '',
        'Objet : Permanences.',
        '',
        "J'ai l'honneur de vous écrire.",
      ].join('\n'),
    )
    const cable = result.cables[0]!
    expect(cable.publication).toBeUndefined()
    expect(cable).toMatchObject({
      issuer: { post: "Direction des Français à l'étranger et de l'administration consulaire, Service de l'action consulaire" },
      reference: '57/FAE/2014',
      date: '2014-05-12',
      from: 'LE DIRECTEUR',
      to: ['Mesdames et Messieurs les Chefs de poste'],
      subject: 'Permanences.',
    })
    const guess = result.file.messages.find((message) => message.ruleId === 'guessed-field')!
    expect([guess.line, guess.column]).toEqual([4, 1])
  })
})
