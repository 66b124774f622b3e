import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fromText } from '@cablekit/core'
import type { Cable } from '@cablekit/core'
import { toDocx, toPdf } from '@cablekit/render'
import { openDocx } from './helpers/docx.js'
import { popplerPages, squash } from './helpers/pdf.js'

/** A metadata-only WikiLeaks record and a partial extract: neither has a precedence nor a date-time group. */
const dir = join(import.meta.dirname, 'fixtures', 'cablegate')
const read = (name: string): Cable => fromText(readFileSync(join(dir, name)), { path: name }).cables[0]!
const metadataOnly = read('06TUNIS55.txt')
const partial = read('02ANKARA8231.txt')
/** An action line: precedence letter and date-time group (`R 090000Z JAN 06`), or a date-time group alone. */
const DTG = /\b\d{6}Z [A-Z]{3} \d{2}\b/

/** The text of a DOCX body, paragraph by paragraph. */
async function docxText(cable: Cable): Promise<string> {
  const xml = (await openDocx(await toDocx(cable))).xml.get('word/document.xml') ?? ''
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&apos;/g, "'")
}

describe('telegram facsimile of records without a routing header', () => {
  it('the records have neither precedence nor time, and a warning says why', () => {
    expect(metadataOnly.precedence).toBeUndefined()
    expect(metadataOnly.date).toBe('2006-01-09')
    expect(partial.precedence).toBeUndefined()
    expect(partial.date).toBe('2002-11-14')
  })

  for (const [name, cable] of [
    ['metadata-only', metadataOnly],
    ['partial extract', partial],
  ] as const) {
    it(`PDF of the ${name} record prints its day, no precedence letter and no date-time group`, async () => {
      const text = squash((await popplerPages(await toPdf(cable)))[0]!)
      expect(text).not.toMatch(DTG)
      expect(text).not.toMatch(/(?:^|\s)[RPOZ] (?:JANUARY|NOVEMBER)\b/)
      expect(text).toMatch(/(?:JANUARY 9, 2006|NOVEMBER 14, 2002)/)
      expect(text).toContain(cable.id!)
    })

    it(`DOCX of the ${name} record prints its day, no precedence letter and no date-time group`, async () => {
      const text = await docxText(cable)
      expect(text).not.toMatch(DTG)
      expect(text).not.toMatch(/(?:^|\n)[RPOZ] (?:JANUARY|NOVEMBER)\b/)
      expect(text).toMatch(/(?:JANUARY 9, 2006|NOVEMBER 14, 2002)/)
    })
  }

  it('a cable with no classification gets no invented UNCLAS banner', async () => {
    const { classification, ...unmarked } = metadataOnly
    void classification
    const text = squash((await popplerPages(await toPdf({ ...unmarked, body: [] })))[0]!)
    expect(text).not.toContain('U N C L A S')
  })

  it('a full telegram still prints its action line and the Classified By reasons', async () => {
    const full = read('09TUNIS516.txt')
    const text = squash((await popplerPages(await toPdf(full)))[0]!)
    expect(text).toContain('P 271609Z JUL 09')
    expect(text).toContain('Classified By: Ambassador Robert F. Godec for reasons 1.4 (b) and (d)')
    expect(await docxText(full)).toContain('Classified By: Ambassador Robert F. Godec for reasons 1.4 (b) and (d)')
  })
})
