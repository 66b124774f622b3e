import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromMarkdown, fromText, severityOf, stripPositions, toJson, toMarkdown } from '@cablekit/core'
import type { Cable } from '@cablekit/core'

/**
 * The newer families of raw text, on real public texts (see
 * `fixtures/families/SOURCES.md`): French TDs, FCO telegrams, notes
 * verbales, 1970s printed State Department pages, FRUS transcripts, and
 * the labelled-line reader for a layout none of them knows. Every fixture
 * has a golden model (`fixtures/families/golden/`, `UPDATE=1` rewrites
 * them); the tests below pin what each family must do.
 */
const root = join(import.meta.dirname, 'fixtures', 'families')
const goldenDir = join(root, 'golden')
const fixtures = ['dev', 'holdout'].flatMap((set) =>
  readdirSync(join(root, set))
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => ({ set, name })),
)

function read(set: string, name: string, options: { fix?: boolean } = {}) {
  return fromText(readFileSync(join(root, set, name)), { path: name, ...options })
}

function text(set: string, name: string): string {
  return readFileSync(join(root, set, name), 'utf8')
}

function messages(result: ReturnType<typeof fromText>) {
  return result.file.messages.map((message) => ({
    severity: severityOf(message),
    rule: message.ruleId,
    line: message.line,
    column: message.column,
    reason: message.reason,
  }))
}

/** The body's text, paragraphs joined by blank lines. */
function bodyText(cable: Cable): string {
  const out: string[] = []
  const walk = (node: unknown): string => {
    const value = node as { type: string; value?: string; children?: unknown[] }
    if (value.type === 'text') return value.value ?? ''
    return (value.children ?? []).map(walk).join('')
  }
  for (const node of cable.body) out.push(walk(node))
  return out.join('\n\n')
}

describe('golden models of the family fixtures', () => {
  for (const { set, name } of fixtures) {
    it(`${set}/${name} parses to its golden model, deterministically`, () => {
      const result = read(set, name)
      const actual = toJson(result.cables)
      // The Nanking telegram of 1949 is a layout no reader knows: it must still give a cable, with a warning.
      expect(result.cables.length).toBeGreaterThan(0)
      expect(toJson(read(set, name).cables)).toBe(actual)
      const golden = join(goldenDir, name.replace(/\.txt$/, '.json'))
      if (process.env['UPDATE'] || !existsSync(golden)) {
        mkdirSync(goldenDir, { recursive: true })
        writeFileSync(golden, actual)
      }
      expect(actual).toBe(readFileSync(golden, 'utf8'))
    })

    it(`${set}/${name}: every diagnostic names a line and column; Markdown round trip keeps the model`, () => {
      const result = read(set, name)
      for (const message of result.file.messages) {
        expect(message.line).toBeGreaterThan(0)
        expect(message.column).toBeGreaterThan(0)
      }
      for (const cable of result.cables) {
        const back = fromMarkdown(toMarkdown(cable), { path: 'round-trip.md' })
        expect(back.file.messages.filter((message) => message.fatal === true)).toEqual([])
        expect(stripPositions(back.cables[0])).toEqual(stripPositions(cable))
      }
    })
  }
})

describe('French TDs', () => {
  it('reads the post time as local (no zone), AD as addressees and CQ as copies without serials', () => {
    const cable = read('holdout', 'td-kigali-315.txt').cables[0]!
    expect(cable.family).toBe('french-td')
    expect(cable.date).toBe('1994-04-07T22:23')
    expect(cable.to).toEqual(['DIPLOMATIE'])
    expect(cable.info?.every((name) => !/\d/.test(name))).toBe(true)
    expect(cable.signature).toBe('MARLAUD')
    // The closing banner is furniture, not the last paragraph.
    expect(bodyText(cable)).not.toMatch(/CONFIDENTIEL DIPLOMATIE$/)
  })

  it('takes a TD number OCR mangled from the archive listing line, with a warning at the TD line', () => {
    const result = read('holdout', 'td-kigali-315.txt')
    expect(result.cables[0]!.reference).toBe('TD KIGALI 315')
    const warning = messages(result).find((message) => message.rule === 'ocr-suspect' && message.reason.includes('TD number'))
    expect(warning).toMatchObject({ severity: 'warning', line: 9, column: 1 })
  })

  it('drops service codes, listing lines and distribution notes, saying so once with a position', () => {
    const result = read('holdout', 'td-kigali-39.txt')
    const body = bodyText(result.cables[0]!)
    expect(body).not.toMatch(/CM5|TD_KIGALI|DISTRIBUTION DIRECTEURS|2STR/)
    expect(body.startsWith('RESUME : COMME L')).toBe(true)
    expect(messages(result).filter((message) => message.rule === 'furniture-dropped')).toHaveLength(1)
    // The ORIGINE line's OCR debris is reported where it stands.
    expect(messages(result).find((message) => message.rule === 'ocr-noise')).toMatchObject({ line: 12, column: 29 })
  })

  it('reads CQ markers OCR turned into CO, C0, Co or ©, reporting the guess once', () => {
    const result = read('holdout', 'td-dfra-new-york-1691.txt')
    expect(result.cables[0]!.info).toContain('DJIBOUTI')
    expect(messages(result).filter((message) => message.rule === 'guessed-field')).toHaveLength(1)
  })
})

describe('FCO telegrams', () => {
  it('puts neither the precedence, TELNO nor the date-time group into `to`', () => {
    const result = read('holdout', 'fco-1972-fco-peking-1176.txt')
    const cable = result.cables[0]!
    expect(cable.family).toBe('fco-telegram')
    expect(cable.to).toEqual(['PEKING'])
    expect(cable.precedence).toEqual({ level: 'priority', label: 'PRIORITY' })
    expect(cable.reference).toBe('1176')
    expect(cable.info).toEqual(['GOVERNOR HONG KONG (PERSONAL)'])
    expect(cable.references).toEqual(['MIPT'])
    expect(cable.from).toBe('FCO')
  })

  it('leaves out a date without a year and says so at its line', () => {
    const result = read('holdout', 'fco-1972-fco-peking-1176.txt')
    expect(result.cables[0]!.date).toBeUndefined()
    expect(messages(result).find((message) => message.reason.includes('no year'))).toMatchObject({ severity: 'warning', line: 13 })
  })
})

describe('notes verbales', () => {
  it('gives a cable, not "no cable found": sender and addressee from the opening, reference and subject from the labels', () => {
    const result = read('holdout', 'nv-2017-oda-ndv.txt')
    expect(messages(result).filter((message) => message.severity === 'error')).toEqual([])
    const cable = result.cables[0]!
    expect(cable.family).toBe('note-verbale')
    expect(cable.from).toBe('The Office for Disarmament Affairs')
    // The text starts at the opening sentence, and the UN letterhead is not text.
    expect(bodyText(cable).startsWith('The Office for Disarmament Affairs presents its compliments')).toBe(true)
    expect(bodyText(cable)).not.toMatch(/H E A D Q U A|NY 10017/)
  })
})

describe('older US layouts', () => {
  it('drops the 1970s page furniture and joins a paragraph across the page break', () => {
    const cable = read('holdout', 'us-1973-london-11275.txt').cables[0]!
    const body = bodyText(cable)
    expect(body).not.toMatch(/PAGE 0\d|AF-18|OCT-01|121269/)
    expect(body).toMatch(/COVERING THE INDIAN OCEAN, ARE TO BE IMPROVED/)
  })

  it('stops a short printed-page subject at its line (the text follows with no blank line)', () => {
    expect(read('holdout', 'us-1976-usun-00934.txt').cables[0]!.subject).toBe('FALKLAND ISLANDS')
  })

  it('reads a FRUS transcript: heading, number line, source note; footnote and page marks are apparatus', () => {
    const cable = read('holdout', 'frus-1981-88v13-d36.txt').cables[0]!
    expect(cable.publication?.source).toMatch(/^Reagan Library/)
    const body = bodyText(cable)
    expect(body).toMatch(/Sincerely, Ron\. Unquote\.$/)
    expect(body).not.toMatch(/See Document|Islands\.2|Source:/)
    expect(bodyText(read('holdout', 'frus-1981-88v13-d38.txt').cables[0]!)).not.toMatch(/\[Page/)
  })
})

describe('the FRUS dateline', () => {
  it('gives the place and the UTC date-time when the transcript carries it', () => {
    // The dateline the issue quotes from a published record, in its place under the heading of a real transcript.
    const lines = text('holdout', 'frus-1981-88v13-d36.txt').split('\n')
    const withDateline = [lines[0], '', 'Washington, March 2, 1982, 0154Z.', ...lines.slice(1)].join('\n')
    const cable = fromText(withDateline, { path: 'dateline.txt' }).cables[0]!
    expect(cable).toMatchObject({ place: 'Washington', date: '1982-03-02T01:54Z', reference: '86916' })
    expect(bodyText(cable)).not.toMatch(/Washington, March/)
  })
})

describe('unknown layouts are never silent', () => {
  it('reads labelled lines of a layout no reader knows, with a warning at its first line saying what was recognised', () => {
    const result = read('dev', 'fo-1949-nanking-1140.txt')
    const cable = result.cables[0]!
    expect(cable.family).toBeUndefined()
    expect(cable).toMatchObject({ from: 'NANKING', to: ['FOREIGN OFFICE'], date: '1949-08-01' })
    const warning = messages(result).find((message) => message.rule === 'unknown-layout')
    expect(warning).toMatchObject({ severity: 'warning', line: 1, column: 1 })
    expect(warning?.reason).toMatch(/recognised from, to/)
  })

  it('still answers "no cable" on prose with no header at all', () => {
    const prose = text('holdout', 'frus-1981-88v13-d123.txt').split('\n').slice(4).join('\n')
    const result = fromText(prose, { path: 'prose.txt' })
    expect(result.cables).toEqual([])
    expect(messages(result).map((message) => message.rule)).toContain('no-cable')
  })
})

describe('several cables of any family in one file', () => {
  it('splits a TD, a printed page, a FRUS transcript, an FCO telegram and a note verbale pasted one after the other', () => {
    const names: [string, string][] = [
      ['holdout', 'td-kigali-315.txt'],
      ['holdout', 'us-1973-london-11275.txt'],
      ['holdout', 'frus-1981-88v13-d36.txt'],
      ['holdout', 'fco-1972-fco-peking-1176.txt'],
      ['holdout', 'nv-2017-oda-ndv.txt'],
    ]
    const joined = names.map(([set, name]) => text(set, name)).join('\n————————————\n\n')
    const result = fromText(joined, { path: 'mixed.txt' })
    expect(result.cables.map((cable) => cable.family)).toEqual(['french-td', 'us-telegram', 'us-telegram', 'fco-telegram', 'note-verbale'])
    // Each reads as it does alone.
    for (const [k, [set, name]] of names.entries()) expect(result.cables[k]!.subject).toBe(read(set, name).cables[0]!.subject)
  })

  it('splits two TDs of an archive dump at the second listing line, with no rule between', () => {
    const joined = `${text('holdout', 'td-kigali-315.txt')}${text('dev', 'td-kigali-305.txt')}`
    const result = fromText(joined, { path: 'dump.txt' })
    expect(result.cables.map((cable) => cable.reference)).toEqual(['TD KIGALI 315', 'TD KIGALI 305'])
  })
})

describe('OCR rules for --fix: l’ read as P, Jai, doubled apostrophes', () => {
  // A sentence of the seed (maroc-leaks-otan.txt), with the confusions the issue reports made on it.
  const sentence = 'J’ai l’honneur de porter à votre connaissance que le Sommet de POTAN prévu à Cardiff'
  const read1 = (value: string, fix = false) => fromText(`Objet : Sommet de l’OTAN.\n\n${value}\n`, { path: 'ocr.txt', fix })

  it('suggests l’OTAN for POTAN in prose, and --fix applies and records it', () => {
    const result = read1(sentence)
    expect(messages(result).find((message) => message.rule === 'ocr-suspect')).toMatchObject({ severity: 'warning', line: 3, column: 64 })
    const fixed = read1(sentence, true)
    expect(bodyText(fixed.cables[0]!)).toContain('le Sommet de l’OTAN prévu')
    expect(fixed.cables[0]!.provenance?.fixes).toEqual([{ original: 'POTAN', replacement: 'l’OTAN', line: 3, column: 64, rule: 'ocr-suspect' }])
  })

  it('never fires on real words that start with P and a vowel, nor in a line in capitals', () => {
    for (const line of ['POUR la PARIS POLITIQUE du PAYS', 'PUIS le POTENTIEL de POTASSE', 'LE SOMMET DE POTAN PREVU A CARDIFF']) {
      expect(messages(read1(line)).filter((message) => message.rule === 'ocr-suspect')).toEqual([])
    }
    // The TDs are in capitals and full of POUR, PARIS, POLITIQUE: none of the new rules fires on them.
    for (const name of ['td-kigali-39.txt', 'td-kigali-315.txt', 'td-kigali-460.txt', 'td-dfra-new-york-1691.txt']) {
      expect(messages(read('holdout', name)).filter((message) => message.rule === 'ocr-suspect' && /l’|J’|''/.test(message.reason))).toEqual([])
    }
  })

  it('suggests J’ai for Jai, with the apostrophe the line uses', () => {
    const curly = read1('Jai l’honneur de porter à votre connaissance', true)
    expect(bodyText(curly.cables[0]!).startsWith('J’ai l’honneur')).toBe(true)
    const straight = read1("Jai l'honneur de porter à votre connaissance", true)
    expect(bodyText(straight.cables[0]!).startsWith("J'ai l'honneur")).toBe(true)
  })

  it('makes a doubled apostrophe one, but leaves a quote opened with two (D’’…’’, as TD KIGALI 460 types them)', () => {
    const fixed = read1("le Sommet de l''OTAN et aujourd’’hui", true)
    expect(bodyText(fixed.cables[0]!)).toContain("le Sommet de l'OTAN et aujourd’hui")
    expect(fixed.cables[0]!.provenance?.fixes?.map((fix) => fix.replacement)).toEqual(["l'OTAN", 'aujourd’hui'])
    const td = read('holdout', 'td-kigali-460.txt', { fix: true })
    expect(bodyText(td.cables[0]!)).toContain("D'''INTERMEDIAIRE'' POUR ''EXPLIQUER''")
  })
})

describe('robustness', () => {
  const pool = fixtures.flatMap(({ set, name }) => text(set, name).split('\n'))
  it("never throws on mixes of the families' lines; every diagnostic has a position; the same input gives the same bytes", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pool), { maxLength: 60 }), (lines) => {
        const input = lines.join('\n')
        const result = fromText(input, { path: 'mix.txt' })
        for (const message of result.file.messages) {
          expect(message.line).toBeGreaterThan(0)
          expect(message.column).toBeGreaterThan(0)
        }
        expect(toJson(fromText(input, { path: 'mix.txt' }).cables)).toBe(toJson(result.cables))
      }),
      { numRuns: 60, seed: 13 },
    )
  })
})
