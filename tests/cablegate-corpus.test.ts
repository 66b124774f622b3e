import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fromMarkdown, fromText, stripPositions, toJson, toMarkdown } from '@cablekit/core'

/** 70 real Cablegate records (WikiLeaks release format), copied so tests run without /work/shared. */
const dir = join(import.meta.dirname, 'fixtures', 'cablegate')
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.txt'))
  .sort()

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** Spot checks of what the text itself gives, read by a person from the files. */
const EXPECTED: Record<string, Record<string, unknown>> = {
  '00HARARE2271.txt': {
    references: ['(A) 98 HARARE 7612', '(B) 98 HARARE 5986', '(C) HARARE 1609', '(D) HARARE 2221', '(E) HARARE 2205'],
    signature: 'MCDONALD',
    date: '2000-04-27T10:36Z',
  },
  '01CAIRO3757.txt': {
    subject: "EGYPT'S MUSLIM BROTHERS - PART 2: A POPULAR POLITICAL FORCE",
    info: ['ARAB LEAGUE COLLECTIVE'],
    classifiedBy: 'DCM RENO HARNISH',
    classificationReasons: ['1.5(b)', '1.5(d)'],
  },
  '01PRETORIA1173.txt': {
    tags: ['PREL', 'PGOV', 'SF'],
    references: [
      'A. 99 PRETORIA 12315',
      'B. 99 PRETORIA 12316',
      'C. 00 PRETORIA 9150',
      'D. 00 CAPE TOWN 2150',
      'E. PRETORIA 425',
      'F. PRETORIA 533',
      'G. CAPE TOWN 179',
      'H. PRETORIA 619',
    ],
    signature: 'LEWIS',
    precedence: { level: 'immediate', label: 'IMMEDIATE' },
  },
  '04BRUSSELS1868.txt': {
    subject: 'DINING WITH CHRIS: RANDOM THOUGHTS FROM RELEX COMMISSIONER PATTEN',
    classifiedBy: 'Political Minister Counselor Kyle Scott',
    classificationReasons: ['1.4(b)', '1.4(d)'],
    signature: 'SCHNABEL',
  },
  '07RABAT1695.txt': {
    from: 'AMEMBASSY RABAT',
    references: ['RABAT 1687'],
    classifiedBy: "Charge d'Affaires Robert P. Jackson",
    classificationReasons: ['1.4(b)', '1.4(d)'],
    signature: 'Jackson',
    date: '2007-11-02T17:42Z',
  },
  '08CASABLANCA104.txt': {
    references: ['A) CASABLANCA 86', 'B) CASABLANCA 93', 'C) CASABLANCA 270'],
    from: 'AMCONSUL CASABLANCA',
    place: 'Casablanca',
    signature: 'GREENE',
  },
  '09ALGIERS1077.txt': { tags: ['PREL', 'PGOV', 'PTER', 'PBTS', 'KPAL', 'KWBG', 'US', 'IR', 'IZ', 'IS', 'AF', 'XA'], signature: 'JORDAN' },
  '01HANOI3294.txt': { signature: 'BURGHARDT', subject: 'NONG DUC MANH VISITS CHINA: BOTH SIDES REAFFIRM FRIENDSHIP, CONDEMN TERRORISM' },
  '02ADANA388.txt': {
    subject: 'SOUTHEAST TURKEY PRESS SUMMARY NOVEMBER 8, 2002',
    signature: 'HOLTZ',
    tags: ['PREL', 'PINS', 'PGOV', 'PHUM', 'TU', 'IZ', 'ADANA'],
  },
}

describe('Cablegate corpus', () => {
  it('holds the 70 records', () => expect(files).toHaveLength(70))

  for (const name of files) {
    it(`${name} parses and renders`, () => {
      const bytes = readFileSync(join(dir, name))
      const text = bytes.toString('utf8')
      const [idLine, subjectLine, dateLine, classificationLine, originLine] = text.split('\n')
      const result = fromText(bytes, { path: name })
      expect(result.file.messages.filter((message) => message.fatal === true).map((message) => message.reason)).toEqual([])
      expect(result.cables).toHaveLength(1)
      const cable = result.cables[0]!
      expect(cable.id).toBe(name.replace(/\.txt$/, ''))
      expect(cable.id).toBe(idLine!.trim())
      expect(cable.lang).toBe('en')
      const subject = subjectLine!.replace(/\s+/g, ' ').trim()
      if (subject) expect(cable.subject?.startsWith(subject)).toBe(true)
      const [, month, day, , , year] = dateLine!.trim().split(/\s+/)
      expect(cable.date?.slice(0, 10)).toBe(`${year}-${String(MONTHS.indexOf(month!) + 1).padStart(2, '0')}-${day}`)
      expect(cable.classification?.label).toBe(classificationLine!.trim())
      const origin = originLine!.trim()
      expect(cable.place === undefined || origin.endsWith(cable.place)).toBe(true)
      expect(cable.from).toBeDefined()
      const body = text.split('\n').slice(5).join('\n')
      const tags = /^TAGS:?\s+(.+)$/m.exec(body)
      if (tags) expect(cable.tags?.[0]).toBe(tags[1]!.split(/[\s,]+/)[0])
      if (/^REFS?:/m.test(body)) expect(cable.references?.length).toBeGreaterThan(0)
      if (/^(?:¶1|1)\./m.test(body)) {
        expect(cable.body.length).toBeGreaterThan(0)
        expect(JSON.stringify(cable.body)).not.toContain('¶')
      }
      if (body.includes('XXXXXXXXXXXX')) expect(JSON.stringify(cable.body)).toContain('withheld by the publisher')
      for (const noise of ['VZCZC', 'PAGE 02 ', 'ZNY ', 'Visit Embassy']) expect(JSON.stringify(cable.body)).not.toContain(noise)
      if (EXPECTED[name]) expect(cable).toMatchObject(EXPECTED[name]!)

      // Renders: to canonical Markdown and JSON, and the Markdown reads back as the same cable.
      expect(toJson(cable)).toContain(`"id": "${cable.id}"`)
      const back = fromMarkdown(toMarkdown(cable), { path: `${cable.id}.md` })
      expect(stripPositions(back.cables[0])).toEqual(stripPositions(cable))
    })
  }

  it('records with only the five metadata lines still give id, subject, date, classification and origin', () => {
    const cable = fromText(readFileSync(join(dir, '06TUNIS55.txt')), { path: '06TUNIS55.txt' }).cables[0]!
    expect(cable).toMatchObject({
      id: '06TUNIS55',
      subject: 'SUCCESSION IN TUNISIA: FINDING A SUCCESSOR OR FEET FIRST?',
      date: '2006-01-09',
      classification: { level: 'secret', label: 'SECRET' },
      from: 'Embassy Tunis',
      place: 'Tunis',
      body: [],
    })
  })

  it('a concatenated archive parses to one cable per record', () => {
    const archive = files.map((name) => readFileSync(join(dir, name), 'utf8')).join('\n')
    const result = fromText(archive, { path: 'archive.txt' })
    expect(result.cables.map((cable) => cable.id)).toEqual(files.map((name) => name.replace(/\.txt$/, '')))
  })
})
