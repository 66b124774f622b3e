import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fromMarkdown, fromText, parse, severityOf, stripPositions, toJson, toMarkdown } from '@cablekit/core'
import type { Cable } from '@cablekit/core'

const dir = join(import.meta.dirname, 'fixtures', 'text')
const fixtures = readdirSync(dir)
  .filter((name) => name.endsWith('.txt'))
  .sort()

function read(name: string, options: { fix?: boolean } = {}) {
  return fromText(readFileSync(join(dir, name)), { path: name, ...options })
}

function messages(result: ReturnType<typeof read>) {
  return result.file.messages.map((message) => ({
    severity: severityOf(message),
    rule: message.ruleId,
    line: message.line,
    column: message.column,
    reason: message.reason,
  }))
}

describe('fromText golden fixtures', () => {
  it('has at least 12 raw fixtures of our own besides the seed', () => {
    expect(fixtures.filter((name) => name !== 'maroc-leaks-otan.txt').length).toBeGreaterThanOrEqual(12)
  })

  for (const name of fixtures) {
    it(`${name} parses to its golden model`, () => {
      const result = read(name)
      expect(messages(result).filter((message) => message.severity === 'error')).toEqual([])
      expect(result.cables.length).toBeGreaterThan(0)
      const golden = join(dir, name.replace(/\.txt$/, '.json'))
      const actual = toJson(result.cables)
      if (process.env['UPDATE'] || !existsSync(golden)) writeFileSync(golden, actual)
      expect(actual).toBe(readFileSync(golden, 'utf8'))
    })

    it(`${name}: convert to Markdown then parse gives the same model`, () => {
      for (const cable of read(name).cables) {
        const back = fromMarkdown(toMarkdown(cable), { path: 'round-trip.md' })
        expect(back.file.messages.filter((message) => message.fatal === true)).toEqual([])
        expect(stripPositions(back.cables[0])).toEqual(stripPositions(cable))
      }
    })

    it(`${name}: every diagnostic names a line and column`, () => {
      for (const message of read(name).file.messages) {
        expect(message.line).toBeGreaterThan(0)
        expect(message.column).toBeGreaterThan(0)
      }
    })
  }
})

describe('the seed', () => {
  const result = read('maroc-leaks-otan.txt')
  const [first, second] = result.cables as [Cable, Cable]

  it('gives two cables', () => {
    expect(result.cables).toHaveLength(2)
  })

  it('puts the publication title and Résumé into publication', () => {
    expect(first.publication?.title).toBe(
      'Maroc Leaks : L’OTAN propose au Maroc de bénéficier d’une nouvelle initiative de renforcement des capacités de défense',
    )
    expect(first.publication?.summary).toMatch(/^L’OTAN propose au Maroc de bénéficier .* modernisation des FAR\)\.$/)
    expect(second.publication?.title).toBe('Maroc Leaks : L’OTAN demande plus de détails sur la menace invoquée par Rabat')
    expect(second.publication?.summary).toMatch(/^Document confidentiel de l’ambassadeur du Maroc/)
  })

  it('splits the run-together line into to, distribution and transmission, reporting each split', () => {
    expect(first.to).toEqual(['Monsieur le Ministre des Affaires Etrangéres et de la Coopération'])
    expect(first.distribution).toEqual({ primary: ['Cab 1', 'SG/4', 'DG/7'], cc: ['Cab2'] })
    expect(first.transmission).toBe('Cryptée')
    const splits = messages(result).filter((message) => message.rule === 'label-split')
    expect(splits.map((message) => [message.line, message.column])).toEqual([
      [9, 73],
      [9, 115],
      [9, 136],
    ])
    expect(splits.every((message) => message.severity === 'info')).toBe(true)
  })

  it('reads Objet, the ;-ended reasons as one list, and PJ with the text after the rule as its body', () => {
    expect(first.subject).toBe('Sommet de I’OTAN prévu a Cardiff.')
    const list = first.body.find((node) => node.type === 'list')
    expect(list && 'children' in list ? list.children.length : 0).toBe(5)
    expect(first.attachments).toHaveLength(1)
    expect(first.attachments[0]).toMatchObject({ label: 'PJ', title: 'Document sur la nouvelle initiative' })
    expect(first.attachments[0]!.body).toHaveLength(6)
    expect(JSON.stringify(first.attachments[0]!.body)).toContain('– A leur réunion de juin')
    expect(JSON.stringify(first)).not.toContain('Source')
  })

  it('reads place, date, stamps, sender, addressee, Objet and Réf of the second cable', () => {
    expect(second).toMatchObject({
      lang: 'fr',
      place: 'Bruxelles',
      date: '2014-08-14',
      precedence: { level: 'very-urgent', label: 'TRÈS URGENT' },
      classification: { level: 'confidential', label: 'CONFIDENTIEL' },
      from: 'L’AMBASSADEUR DE SA MAJESTE LE ROI',
      to: ['Monsieur le Ministre des Affaires Etrangéres et de la Coopération'],
      distribution: { primary: ['Cab 1', 'SG/4'], cc: ['Cab2'] },
      transmission: 'Cryptée',
      subject: 'Maroc-OTAN/ Requête.',
      references: ['Ma lettre N° 299/1P2014/CRY du 6/08/2014'],
    })
    expect(second.body).toHaveLength(5)
  })

  it('puts the hashtags into tags and drops the site noise', () => {
    expect(second.tags?.slice(0, 3)).toEqual(['MarocOTAN', 'NATO', 'Maroc'])
    expect(second.tags).toContain('Renforcement des capacités de défense')
    const all = JSON.stringify(result.cables)
    for (const noise of ['Visited 34', 'Soyez le premier', 'Laisser un commentaire', 'adresse de messagerie']) expect(all).not.toContain(noise)
  })

  it('reports the fuzzy stamps as infos and OCR suspects as warnings with a fix, text unchanged', () => {
    const list = messages(result)
    expect(list).toContainEqual(expect.objectContaining({ severity: 'info', rule: 'fuzzy-stamp', line: 74, column: 14 }))
    expect(list).toContainEqual(expect.objectContaining({ severity: 'warning', rule: 'ocr-suspect', line: 11, column: 19 }))
    expect(list).toContainEqual(expect.objectContaining({ severity: 'warning', rule: 'ocr-suspect', line: 47, column: 128 }))
    const suspect = result.file.messages.find((message) => message.ruleId === 'ocr-suspect') as { suggestion?: string } | undefined
    expect(suspect?.suggestion).toBe('l’OTAN')
    expect(first.provenance).toBeUndefined()
  })

  it('with fix, applies the suggestions and records each in provenance.fixes', () => {
    const fixed = read('maroc-leaks-otan.txt', { fix: true })
    const [one] = fixed.cables as [Cable]
    expect(one.subject).toBe('Sommet de l’OTAN prévu a Cardiff.')
    expect(one.provenance?.fixes?.[0]).toEqual({ original: 'I’OTAN', replacement: 'l’OTAN', line: 11, column: 19, rule: 'ocr-suspect' })
    expect(JSON.stringify(one.body)).not.toMatch(/\bI’OTAN|\bcefte\b|\bIe Maroc/)
    expect(fixed.file.messages.some((message) => message.ruleId === 'ocr-suspect')).toBe(false)
  })
})

describe('fromText families and quirks', () => {
  it('French letterhead: issuer with Arabic, reference as id, dashed Réf items, numbered P.J. with their texts, Signé', () => {
    const [cable] = read('fr-letterhead-rabat.txt').cables as [Cable]
    expect(cable.issuer).toEqual({
      state: 'ROYAUME DU MAROC',
      ministry: 'Ministère des Affaires Étrangères et de la Coopération',
      post: 'Direction des Affaires Européennes',
      localized: { ar: { state: 'المملكة المغربية', ministry: 'وزارة الشؤون الخارجية والتعاون' } },
    })
    expect(cable.id).toBe('412-DAE-2015')
    expect(cable.references).toHaveLength(2)
    expect(cable.attachments.map((attachment) => [attachment.label, attachment.title, attachment.body.length])).toEqual([
      ['P.J. 1', 'Note sur le statut avancé', 1],
      ['P.J. 2', 'Calendrier des réunions préparatoires', 2],
    ])
    expect(cable.signature).toBe('Mohamed Alami')
    expect(cable.classification).toEqual({ level: 'restricted', label: 'DIFFUSION RESTREINTE' })
  })

  it('lettered Réf items on one line', () => {
    const [cable] = read('fr-ambassade-paris.txt').cables as [Cable]
    expect(cable.references).toEqual(['a) TD Rabat 98 du 2 mars 2016', 'b) TD Diplomatie 4410 du 15 mars 2016', 'c) Note DAM/2016/77'])
    expect(cable.date).toBe('2016-04-01')
  })

  it('OCR: fuzzy classification, digits in words and broken words are reported', () => {
    const result = read('fr-ocr-mangled.txt')
    const rules = result.file.messages.map((message) => message.ruleId)
    expect(rules).toEqual(expect.arrayContaining(['fuzzy-stamp', 'ocr-noise', 'ocr-suspect', 'ocr-broken-word']))
    expect(result.cables[0]!.classification).toEqual({ level: 'confidential', label: 'CONFIDENTIEL' })
    expect(JSON.stringify(result.cables[0]!.body)).toContain('renforce- ment')
    const fixed = read('fr-ocr-mangled.txt', { fix: true }).cables[0]!
    expect(JSON.stringify(fixed.body)).toContain('renforcement')
    expect(JSON.stringify(fixed.body)).toContain('comme une priorité')
    expect(fixed.provenance?.fixes?.map((fix) => fix.rule)).toContain('ocr-broken-word')
  })

  it('telegram: multi-section cable joined into one, paragraph cut by the section break joined', () => {
    const result = read('us-telegram-full.txt')
    expect(result.cables).toHaveLength(1)
    const cable = result.cables[0]!
    expect(cable).toMatchObject({
      id: '09RABAT412',
      date: '2009-08-14T15:30Z',
      precedence: { level: 'immediate' },
      references: ['A. RABAT 398', 'B. STATE 81234'],
      signature: 'JONES',
    })
    expect(JSON.stringify(cable.body)).toContain('The Moroccans want training for their maritime units above all.')
  })

  it('telegram: REF and Classified By run into the subject, banner run into INFO', () => {
    const cable = read('us-telegram-runin.txt').cables[0]!
    expect(cable.subject).toBe('ALGERIA ON SAHEL COOPERATION')
    expect(cable.references).toEqual(['A. ALGIERS 190', 'B. STATE 20113'])
    expect(cable.info).toEqual(['AMEMBASSY RABAT', 'AMEMBASSY TUNIS'])
    expect(cable.body.some((node) => JSON.stringify(node).includes('"redaction"'))).toBe(true)
  })

  it('WikiLeaks: metadata wins for id, date, classification; entities decoded; redactions kept as nodes', () => {
    const cable = read('wl-partial-extract.txt').cables[0]!
    expect(cable).toMatchObject({
      id: '05RABAT1234',
      date: '2005-06-13',
      classification: { level: 'confidential', label: 'CONFIDENTIAL//NOFORN' },
      subject: "MOROCCO: KING'S SPEECH ON REGIONALIZATION & REFORM",
      from: 'Embassy Rabat',
      place: 'Rabat',
    })
    expect(JSON.stringify(cable.body)).toContain('{"type":"redaction","reason":"withheld by the publisher"}')
    expect(JSON.stringify(cable.body)).not.toContain('&#x')
  })
})

describe('fromText on what is not a cable', () => {
  it('reports a clear error for text with no cable', () => {
    const result = fromText('Bonjour,\n\nceci est une lettre sans en-tête.\n', { path: 'note.txt' })
    expect(result.cables).toEqual([])
    expect(result.file.messages.map((message) => message.ruleId)).toContain('no-cable')
  })

  it('reports empty input as no cable', () => {
    const result = fromText('', { path: 'empty.txt' })
    expect(result.cables).toEqual([])
    expect(result.file.messages[0]?.ruleId).toBe('no-cable')
  })

  it('is used by parse() for .txt files', () => {
    const result = parse(readFileSync(join(dir, 'us-telegram-refs.txt')), { path: 'us-telegram-refs.txt' })
    expect(result.cables[0]!.id).toBe('08CASABLANCA12')
  })
})
