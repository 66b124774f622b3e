import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { fromWords, layoutWords } from '@cablekit/core'
import type { WordPage } from '@cablekit/core'
import { page, shuffled, typeset } from './helpers/words.js'

// The letterhead, place and date of the Maroc Leaks cable of 14 August 2014 (the seed), set in two columns.
const letterhead: WordPage = page(1, [
  { text: 'ROYAUME DU MAROC', x: 70, y: 60, size: 11 },
  { text: '\u200Fالمملكة المغربية\u200F', x: 530, y: 60, size: 11, align: 'right' },
  { text: 'Ministère des Affaires Étrangères et de la', x: 70, y: 75 },
  { text: 'وزارة الشؤون الخارجية والتعاون', x: 530, y: 77, align: 'right' },
  { text: 'Coopération', x: 70, y: 89 },
  { text: 'Mission du Royaume du Maroc auprès de', x: 70, y: 120 },
  { text: 'Bruxelles, le 14 août 2014', x: 530, y: 119, size: 11, align: 'right' },
  { text: "l'OTAN", x: 70, y: 134 },
  { text: 'Destinataire principal : Cab 1, SG/4', x: 70, y: 170, size: 9 },
  { text: 'Transmission : Cryptée', x: 366, y: 170, size: 9 },
  { text: 'Objet : Maroc-OTAN / Requête.', x: 70, y: 200, size: 11 },
  { text: 'J’ai l’honneur de porter à votre connaissance que lors de l’entretien téléphonique que j’ai eu,', x: 98, y: 230, size: 11 },
  { text: 'ce jour, avec M. Thrasyvoulos Terry Stamatopoulos, Secrétaire Général Adjoint de l’OTAN.', x: 70, y: 248, size: 11 },
])

describe('layoutWords', () => {
  it('reads a two-column letterhead column by column, Arabic right to left without bidi marks', () => {
    const { text } = layoutWords([letterhead])
    const letterheadText = 'ROYAUME DU MAROC\nMinistère des Affaires Étrangères et de la Coopération\n\n' + 'المملكة المغربية\nوزارة الشؤون الخارجية والتعاون\n'
    expect(text).toContain(letterheadText)
    expect(text).toContain("Mission du Royaume du Maroc auprès de l'OTAN\n\nBruxelles, le 14 août 2014\n")
    expect(text).toContain('Destinataire principal : Cab 1, SG/4\n\nTransmission : Cryptée\n')
    expect(text).not.toMatch(/[\u200E\u200F\u202A-\u202E]/)
  })

  it('gives the same text whatever order the words come in', () => {
    const expected = layoutWords([letterhead]).text
    fc.assert(
      fc.property(fc.integer(), (seed) => layoutWords([{ ...letterhead, words: shuffled(letterhead.words, seed) }]).text === expected),
      { numRuns: 50 },
    )
  })

  it('joins wrapped sentences and hyphenated words, and keeps paragraphs apart', () => {
    const body = page(1, [
      { text: 'J’ai l’honneur de porter à votre connaissance que lors de l’entretien télé-', x: 70, y: 100, size: 11 },
      { text: 'phonique que j’ai eu, ce jour, avec M. Stamatopoulos, les alliés ont été', x: 70, y: 117, size: 11 },
      { text: 'informés de la requête marocaine.', x: 70, y: 134, size: 11 },
      { text: 'Mon interlocuteur est toujours en attente de la part de notre Département.', x: 98, y: 165, size: 11 },
    ])
    const { text, lines } = layoutWords([body])
    expect(text).toBe(
      'J’ai l’honneur de porter à votre connaissance que lors de l’entretien téléphonique que j’ai eu, ce jour, avec M. Stamatopoulos, ' +
        'les alliés ont été informés de la requête marocaine.\n\nMon interlocuteur est toujours en attente de la part de notre Département.\n',
    )
    const joined = lines[0]!.words.find((word) => word.text === 'phonique')!
    expect(lines[0]!.text.slice(joined.column - 1)).toMatch(/^phonique/)
    expect(lines[0]!.text.slice(lines[0]!.words.find((word) => word.text === 'télé-')!.column - 1)).toMatch(/^téléphonique/)
  })

  it('takes out page numbers, running banners and the footer after the signature', () => {
    // 01HARARE2710 (Cablegate), as a two-page teletype printout with banner and folio on each page.
    const mono = (text: string, y: number, x = 60) => ({ text, x, y, size: 10 })
    const pages = [
      page(1, [
        mono('UNCLASSIFIED', 20, 260),
        mono('FM AMEMBASSY HARARE', 80),
        mono('TO SECSTATE WASHDC PRIORITY 9716', 94),
        mono('SUBJECT: DIPLOMATIC NOTE TO GOVERNMENT OF ZIMBABWE CONCERNING IFES', 122),
        mono('UNCLASSIFIED', 800, 260),
        mono('PAGE 01 OF 02', 815, 450),
      ]),
      page(2, [
        mono('UNCLASSIFIED', 20, 260),
        mono('IS A HIGHLY-RESPECTED, INTERNATIONALLY-RECOGNIZED NON-GOVERNMENTAL', 80),
        mono('ORGANIZATION HEADQUARTERED IN WASHINGTON, DC.', 94),
        mono('SULLIVAN', 130),
        mono('UNCLASSIFIED 2/2', 800, 260),
      ]),
    ]
    const { text, furniture } = layoutWords(pages)
    expect(text.startsWith('UNCLASSIFIED\n')).toBe(true)
    expect(text.trimEnd().endsWith('SULLIVAN')).toBe(true)
    expect(text.match(/UNCLASSIFIED/g)).toHaveLength(1)
    expect(text).not.toMatch(/PAGE 01|2\/2/)
    expect(furniture.map((item) => [item.page, item.text])).toEqual([
      [1, 'UNCLASSIFIED'],
      [1, 'PAGE 01 OF 02'],
      [2, 'UNCLASSIFIED'],
      [2, 'UNCLASSIFIED'],
    ])
  })

  it('sets a stamp (much larger, or rotated) on a line of its own', () => {
    const words = typeset([{ text: 'Objet : Sommet de l’OTAN prévu à Cardiff.', x: 70, y: 200, size: 11 }])
    words.push({ text: 'CONFIDENTIEL', box: { x0: 150, y0: 190, x1: 330, y1: 226 }, angle: 15 })
    const { lines } = layoutWords([{ number: 1, width: 595, height: 842, words }])
    expect(lines.map((line) => line.text)).toEqual(['CONFIDENTIEL', 'Objet : Sommet de l’OTAN prévu à Cardiff.'])
  })
})

describe('fromWords', () => {
  it('reads the header and keeps the page and box of each field', () => {
    const { cables, file } = fromWords([letterhead], { path: 'scan.pdf', format: 'pdf' })
    expect(file.messages.filter((message) => message.fatal).map(String)).toEqual([])
    const cable = cables[0]!
    expect(cable.issuer).toMatchObject({
      state: 'ROYAUME DU MAROC',
      ministry: 'Ministère des Affaires Étrangères et de la Coopération',
      localized: { ar: { state: 'المملكة المغربية' } },
    })
    expect(cable).toMatchObject({ place: 'Bruxelles', date: '2014-08-14', transmission: 'Cryptée', subject: 'Maroc-OTAN / Requête.' })
    expect(cable.provenance?.format).toBe('pdf')
    expect(cable.provenance?.fields?.['subject']).toEqual({ page: 1, box: { x0: 70, y0: 200, x1: 229.5, y1: 211 } })
    expect(cable.provenance?.fields?.['date']?.box.x1).toBe(530)
  })

  it('warns of words read with a low confidence, naming the page, the box and the line', () => {
    const scan = page(1, [
      { text: 'BRUXELLES, LE 14 AOUT 2014', x: 300, y: 100, size: 11, confidence: 91 },
      { text: 'Objet : Sommet de l’OTAN.', x: 70, y: 140, size: 11, confidence: 95 },
    ])
    scan.words[1]!.confidence = 31
    const { file } = fromWords([{ ...scan, number: 2 }], { path: 'scan.png', format: 'image' })
    const warning = file.messages.find((message) => message.ruleId === 'ocr-low-confidence')!
    expect(warning.fatal).toBe(false)
    expect(warning.reason).toContain('`LE`')
    expect(warning.reason).toContain('page 2, box 360.5,100–371.5,111')
    expect([warning.line, warning.column]).toEqual([1, 12])
  })

  it('gives a positioned error for pages without a word', () => {
    const { cables, file } = fromWords([{ number: 1, width: 595, height: 842, words: [] }], { path: 'blank.png' })
    expect(cables).toEqual([])
    expect(file.messages.map((message) => [message.ruleId, message.fatal, message.line, message.column])).toEqual([['no-text', true, 1, 1]])
  })
})
