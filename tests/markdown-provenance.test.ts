import { describe, expect, it } from 'vitest'
import { fromMarkdown, fromText, stripPositions, toMarkdown } from '@cablekit/core'

describe('provenance and redactions through Markdown', () => {
  it('OCR fixes recorded by --fix read back from front matter', () => {
    const raw =
      'BRUXELLES, LE 14 AOUT 2014\nL’AMBASSADEUR DE SA MAJESTE LE ROI\nA\nMonsieur le Ministre des Affaires Etrangères et de la Coopération\nObjet : Sommet de I’OTAN.\n\nJ’ai I’honneur de porter à votre connaissance.\n'
    const fixed = fromText(raw, { path: 'ocr.txt', fix: true }).cables[0]!
    expect(fixed.provenance?.fixes?.length).toBeGreaterThan(0)
    const again = fromMarkdown(toMarkdown(fixed), { path: 'ocr.md' })
    expect(again.file.messages.filter((m) => m.fatal).map(String)).toEqual([])
    expect(stripPositions(again.cables[0])).toEqual(stripPositions(fixed))
  })

  it('a redaction keeps where it started, not where it ended', () => {
    const short = fromMarkdown('Vu :redact[Al]{reason="x"} hier.', { path: 'a.md' }).cables[0]!
    const long = fromMarkdown('Vu :redact[Alexander Vershbow]{reason="x"} hier.', { path: 'b.md' }).cables[0]!
    const bar = (cable: typeof short) => (cable.body[0] as { children: { type: string; position?: unknown }[] }).children[1]!
    expect(bar(short)).toEqual(bar(long))
    expect(bar(short)).toMatchObject({ type: 'redaction', reason: 'x' })
  })

  it(':nde[…] is a known directive', () => {
    const result = fromMarkdown('Texte :nde[note de l’éditeur].', { path: 'n.md' })
    expect(JSON.stringify(result.cables[0]!.body)).toContain('"name":"nde"')
  })
})
