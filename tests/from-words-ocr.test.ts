import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fromMarkdown, fromText, fromWords, layoutWords } from '@cablekit/core'
import type { WordPage } from '@cablekit/core'
import { readBannerLine } from '../packages/core/src/parse/from-text/banner.js'
import { repairOcrDtg } from '../packages/core/src/parse/from-text/telegram.js'
import { characterErrorRate, headerAgreement } from './helpers/header-fields.js'

// Recorded OCR output (tesseract.js 7, best_int models) of degraded scans of our facsimiles: what the
// readers meet on a real scan, tested without running OCR. See tests/fixtures/words/SOURCES.md.
const root = join(import.meta.dirname, '..')
const fixtures = join(import.meta.dirname, 'fixtures/words')
const words = (name: string) => JSON.parse(readFileSync(join(fixtures, name), 'utf8')) as WordPage[]
const source = (name: string) => fromMarkdown(readFileSync(join(root, 'examples', `${name}.md`)), { path: `${name}.md` }).cables[0]!

describe('recorded OCR of degraded scans (0.5° tilt, noise, blur, JPEG 70)', () => {
  it('the French cable: its header read back, low-confidence words reported by page and box', () => {
    const pages = words('maroc-otan-requete.degraded.ocr.json')
    const { cables, file } = fromWords(pages, { path: 'requete.jpg', format: 'image' })
    expect(file.messages.filter((message) => message.fatal).map(String)).toEqual([])
    // Close to the text layer's reading of the same page.
    expect(characterErrorRate(layoutWords(words('maroc-otan-requete.pdf.json')).text, String(file.value))).toBeLessThan(0.05)
    expect(cables[0]).toMatchObject({ date: '2014-08-14', place: 'Bruxelles', classification: { level: 'confidential' }, subject: 'Maroc-OTAN / Requête.' })
    // OCR lost the lone `A` between sender and addressee: the addressee, in capitals, is still read as such.
    expect(cables[0]!.to).toEqual(['MONSIEUR LE MINISTRE DES AFFAIRES ÉTRANGÈRES ET DE LA COOPÉRATION'])
    const agreement = headerAgreement(source('maroc-otan-requete'), cables[0])
    expect(agreement.matched / agreement.total, agreement.missed.join(', ')).toBeGreaterThanOrEqual(9 / 11)
    const low = file.messages.filter((item) => item.ruleId === 'ocr-low-confidence')
    expect(low.length).toBeGreaterThan(0)
    for (const message of low) {
      expect(message.reason).toMatch(/page 1, box \d+,\d+–\d+,\d+/)
      expect(message.line).toBeGreaterThan(0)
    }
  })

  it('the telegram: the date-time group read with its precedence `O` as a zero, with a warning', () => {
    const { cables, file } = fromWords(words('09RABAT412.degraded.ocr.json'), { path: '09RABAT412.jpg', format: 'image' })
    expect(String(file.value)).toMatch(/^0 141530Z AUG 09$/m)
    expect(cables[0]).toMatchObject({ date: '2009-08-14T15:30Z', precedence: { level: 'immediate' }, signature: 'JONES' })
    const warning = file.messages.find((message) => message.ruleId === 'ocr-suspect' && message.reason.includes('date-time group'))
    expect(warning?.reason).toContain('`O 141530Z AUG 09`')
    const agreement = headerAgreement(source('09RABAT412'), cables[0])
    // The reference is the reader's known gap (tests/from-words-pdf.test.ts), not the scan's.
    expect(agreement.missed).toEqual(['reference'])
  })
})

describe('OCR misreadings of telegram headers, put right with a warning', () => {
  it('a banner whose words OCR ran together, lost a slash of, or misread the year of the id in', () => {
    expect(readBannerLine('LIMITEDOFFICIALUSE 09RABAT412')).toMatchObject({ label: 'LIMITED OFFICIAL USE', id: '09RABAT412', misread: 'LIMITEDOFFICIALUSE' })
    expect(readBannerLine('UNCLASSIFIED /FOROFFICIALUSEONLY')).toMatchObject({ label: 'UNCLASSIFIED//FOR OFFICIAL USE ONLY' })
    // Two letters off (an `S` and a `T` read in): still the caption, the run being long.
    expect(readBannerLine('UNCLASSIFIED //FOROFFICIALUSESONTLY 09RABAT412')).toMatchObject({
      label: 'UNCLASSIFIED//FOR OFFICIAL USE ONLY',
      misreadAs: 'FOR OFFICIAL USE ONLY',
    })
    expect(readBannerLine('CONFIDENTIAL //NOFORN O9RABAT412')).toMatchObject({ label: 'CONFIDENTIAL//NOFORN', id: '09RABAT412', misread: 'O9' })
    expect(readBannerLine('SECRET l0RABAT77')).toMatchObject({ label: 'SECRET', id: '10RABAT77' })
    // A banner read right is not second-guessed, and other lines stay none.
    expect(readBannerLine('CONFIDENTIAL SECTION 01 OF 02 RABAT 000412')).not.toHaveProperty('misread')
    expect(readBannerLine('MOROCCO ASKS NATO FOR SUPPORT')).toBeUndefined()
    expect(readBannerLine('PRIORITYOFFICIALUSE')).toBeUndefined()
  })

  it('a date-time group with a letter for a digit or a digit for a letter', () => {
    expect(repairOcrDtg('0 141530Z AUG 09')).toBe('O 141530Z AUG 09')
    expect(repairOcrDtg('P 1415307 AUG 09')).toBe('P 141530Z AUG 09')
    expect(repairOcrDtg('R l4153OZ AUG O9')).toBe('R 141530Z AUG 09')
    expect(repairOcrDtg('O 141530Z AUG 09')).toBeUndefined()
    // Not a group at all: a day past the month's, or a line of prose.
    expect(repairOcrDtg('P 3215307 AUG 09')).toBeUndefined()
    expect(repairOcrDtg('0 CASES IN AUG 09')).toBeUndefined()
  })

  it('in a whole telegram: the group, the banner and `E.O.` read twice, each fixed and warned about', () => {
    const text = [
      'LIMITEDOFFICIALUSE',
      '',
      'P 1415307 AUG 09',
      'FM AMEMBASSY RABAT',
      'TO SECSTATE WASHDC PRIORITY',
      'BT',
      'LIMITEDOFFICIALUSE O9RABAT412',
      '',
      'E.O0. 12958: N/A',
      'TAGS: PREL, MO',
      'SUBJECT: MOROCCO ASKS NATO FOR COUNTERTERRORISM SUPPORT',
      '',
      '1. Moroccan officials asked NATO for support.',
      '',
      'JONES',
      '',
    ].join('\n')
    const { cables, file } = fromText(text, { path: 'telegram.txt' })
    expect(cables[0]).toMatchObject({
      date: '2009-08-14T15:30Z',
      precedence: { level: 'priority' },
      classification: { level: 'restricted', label: 'LIMITED OFFICIAL USE' },
      declassification: 'E.O. 12958: N/A',
      to: ['SECSTATE WASHDC'],
    })
    const suspects = file.messages.filter((message) => message.ruleId === 'ocr-suspect')
    expect(suspects.map((message) => message.line)).toEqual(expect.arrayContaining([1, 3, 9]))
    for (const message of suspects) expect(message.column).toBeGreaterThan(0)
  })
})
