import { describe, expect, it } from 'vitest'
import { fromMarkdown, fromText, redact, toJson, toMarkdown } from '@cablekit/core'
import type { Cable } from '@cablekit/core'
import { toDocx, toPdf } from '@cablekit/render'
import { docxEvidence, findLeaks, pdfEvidence } from './helpers/leaks.js'
import { withPdfFile } from './helpers/pdf.js'

/** Everything a reader finds in the PDF and the DOCX of a cable, by where. */
async function evidenceOf(cable: Cable): Promise<Record<string, string>> {
  const pdf = await withPdfFile(await toPdf(cable), async (path) => pdfEvidence(path))
  const docx = (await docxEvidence(await toDocx(cable))).evidence
  return { ...prefixed('pdf', pdf), ...prefixed('docx', docx) }
}

function prefixed(prefix: string, evidence: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(evidence).map(([key, value]) => [`${prefix}:${key}`, value]))
}

/** Regression tests for the findings of the hostile review (issue 15), one each. */

const md = (text: string, keepRedacted = false): Cable => {
  const { cables, file } = fromMarkdown(text, { path: 'x.md', keepRedacted })
  expect(cables, file.messages.map(String).join('\n')).toHaveLength(1)
  return cables[0]!
}

const FR = `---
id: 2014-08-14-rabat
lang: fr
issuer:
  state: Royaume du Maroc
  ministry: Ministère des Affaires étrangères
distribution:
  primary: [Mary Smith]
date: 2014-08-14
subject: Entretien
---

Le ministre a reçu l’ambassadeur. Il a évoqué la visite du prince Renaud.

## PJ : Note

Texte de la note.
`

describe('redaction matches values, never the model’s keys (finding 1)', () => {
  it.each([['Sue'], ['Mary'], ['al'], ['Ren'], ['children'], ['value'], ['type']])('--match %s keeps every field whose name it matches', (secret) => {
    const { cable } = redact(md(FR), { match: [secret] })
    expect(cable.issuer).toBeDefined()
    expect(cable.distribution?.primary).toHaveLength(1)
    expect(cable.body.length).toBeGreaterThan(0)
    expect(cable.attachments).toHaveLength(1)
    // The structure survives: still a paragraph of text nodes around the bars.
    const paragraph = cable.body[0] as { type: string; children: { type: string }[] }
    expect(paragraph.type).toBe('paragraph')
    expect(paragraph.children.some((child) => child.type === 'text')).toBe(true)
  })

  it('still withholds a secret written as a key of a directive’s attributes', () => {
    const { cable } = redact(md('---\nid: X\n---\n\nVu :sic[cefte]{Dupont=1} hier.\n'), { match: ['Dupont'] })
    expect(JSON.stringify(cable).toLowerCase()).not.toContain('dupont')
  })
})

describe('directives the Markdown reader did not apply (findings 5, 6, 12)', () => {
  const secret = 'Zorglub Amrani'
  const sources: [string, string][] = [
    ['image alt text', `Voir ![:redact[${secret}] au balcon](photo.png).`],
    ['a capitalised name', `Vu :Redact[${secret}] hier.`],
    ['a space before the bracket', `Vu :redact [${secret}] hier.`],
    ['an unclosed bracket', `Vu :redact[${secret} hier, et *encore* ${secret}.`],
  ]
  it.each(sources)('withholds the text of %s, with a warning where it was a typo', (what, line) => {
    for (const keepRedacted of [false, true]) {
      const { cables, file } = fromMarkdown(`---\nid: X\n---\n\n${line}\n`, { path: 'x.md', keepRedacted })
      const cable = keepRedacted ? redact(cables[0]!).cable : cables[0]!
      expect(findLeaks({ json: toJson(cable), md: toMarkdown(cable) }, [secret]), `${what}, keepRedacted ${keepRedacted}`).toEqual([])
      if (what !== 'image alt text') {
        const warning = file.messages.find((message) => message.ruleId === 'redact-typo')
        expect(warning?.line).toBe(5)
        expect(warning?.fatal).toBe(false)
      }
    }
  })

  it('leaves an escaped bracket after a bar as the text it is (the canonical Markdown of a bar and text)', () => {
    const { cables, file } = fromMarkdown('---\nid: X\n---\n\nVu :redact{reason="source"} \\[TITRE CAVIARDÉ] hier.\n', { path: 'x.md' })
    expect(JSON.stringify(cables[0]!.body)).toContain('[TITRE CAVIARDÉ] hier.')
    expect(file.messages.filter((message) => message.ruleId === 'redact-typo')).toEqual([])
  })

  it('applies a directive in a front-matter value, with a positioned warning', () => {
    const { cables, file } = fromMarkdown(`---\nid: X\nsubject: "Visite de :redact[${secret}]{reason=\\"vie privée\\"}"\n---\n\nTexte.\n`, { path: 'x.md' })
    expect(cables[0]!.subject).toBe('Visite de [redacted: vie privée]')
    const warning = file.messages.find((message) => message.ruleId === 'redact-in-front-matter')
    expect(warning).toMatchObject({ line: 3, fatal: false })
    expect(String(warning)).not.toContain('Zorglub')
  })

  it('applies a directive in an attachment heading, in cablekit redact’s mode too', () => {
    const source = `---\nid: X\n---\n\nCorps.\n\n## PJ : Lettre de :redact[${secret}]\n\nTexte.\n`
    for (const keepRedacted of [false, true]) {
      const parsed = md(source, keepRedacted)
      const { cable } = redact(parsed)
      expect(cable.attachments[0]!.title).toBe('Lettre de [redacted]')
      expect(toMarkdown(cable)).not.toContain('Zorglub')
    }
  })
})

describe('spellings the matcher must cover (findings 7, 8, 9, 11)', () => {
  const cases: [string, string, string][] = [
    ['a percent-encoded link target', 'Hélène Dupont', '[fiche](https://ex.org/wiki/H%C3%A9l%C3%A8ne_Dupont)'],
    ['a percent-encoded bare URL', 'Qarqoubi', 'Voir https://ex.org/Qarq%6Fubi ici.'],
    ['a digit read for a letter', 'Qarqoubi', 'M. Qarq0ubi a dit.'],
    ['an empty-alt image inside', 'Dupont', 'M. Du![](x.png)pont a dit.'],
    ['a soft hyphen before a line break', 'Dupont', 'M. Du\u00AD\npont a dit.'],
    ['<wbr> inside', 'Dupont', 'M. Du<wbr>pont a dit.'],
    ['an HTML comment inside', 'Dupont', 'M. Du<!-- x -->pont a dit.'],
    ['a span around a part', 'Dupont', 'M. <span>Du</span>pont a dit.'],
    ['a footnote call inside', 'Dupont', 'M. Du[^1]pont a dit.\n\n[^1]: Une note.'],
    ['¬ at a line end', 'Dupont', 'M. Du¬\npont a dit.'],
  ]
  it.each(cases)('finds the secret behind %s', async (_what, secret, body) => {
    const { cable } = redact(md(`---\nid: X\nlang: fr\n---\n\n${body}\n`), { match: [secret] })
    const evidence = { json: toJson(cable), md: toMarkdown(cable), ...(await evidenceOf(cable)) }
    expect(findLeaks(evidence, [secret])).toEqual([])
    // Either a bar where the name was, or (a link's target) the link unwrapped to its text.
    const tree = JSON.stringify(cable.body)
    expect(tree.includes('"redaction"') || !tree.includes('ex.org/wiki')).toBe(true)
  })

  it('finds a name hyphenated across a line end in raw text, as the docs say', () => {
    const { cables } = fromText(
      'MINISTERE DES AFFAIRES ETRANGERES\n\nRabat, le 3 mars 2014\n\nObjet : entretien\n\nJ’ai rencontré M. Benmou-\nssa hier à Rabat.\n\nSigné : X\n',
      { path: 'x.txt' },
    )
    const { cable } = redact(cables[0]!, { match: ['Benmoussa'] })
    expect(toMarkdown(cable).toLowerCase()).not.toMatch(/benmou|ssa hier/)
  })

  it('finds a flagged OCR variant in editor’s notes and provenance too', () => {
    const text = 'MINISTERE DES AFFAIRES ETRANGERES\n\nRabat, le 3 mars 2014\n\nObjet : entretien\n\nJ’ai rencontré M. Qarq0ubi hier à Rabat.\n\nSigné : X\n'
    const { cables } = fromText(text, { path: 'x.txt', fix: true })
    const { cable } = redact(cables[0]!, { match: ['Qarqoubi'] })
    expect(JSON.stringify(cable).toLowerCase()).not.toMatch(/qarq/)
  })

  it('does not make common words match a short secret', () => {
    const { cable } = redact(md('---\nid: X\n---\n\nAll of them, and Ali.\n'), { match: ['Ali'] })
    expect(toMarkdown(cable)).toContain('All of them')
  })
})

describe('lengths that could be recovered (finding 13) and derived fields (finding 14)', () => {
  it('logs no columns: two redactions on one line give no length', () => {
    const { log } = redact(md('---\nid: X\n---\n\nOn a vu Dupont puis Durand hier.\n'), { match: ['Dupont', 'Durand'] })
    expect(log).toHaveLength(2)
    for (const entry of log) expect(entry).not.toHaveProperty('column')
    expect(log.map((entry) => [entry.line, entry.nthOnLine])).toEqual([
      [5, 1],
      [5, 2],
    ])
  })

  it('--field date takes the date out of the id, and so out of the PDF and DOCX metadata', async () => {
    const { cable } = redact(md(FR), { fields: ['date'] })
    expect(cable.date).toBeUndefined()
    expect(cable.id).not.toContain('2014-08-14')
    const evidence = await evidenceOf(cable)
    for (const [where, text] of Object.entries(evidence)) expect(text, where).not.toMatch(/2014-08-14|20140814/)
  })
})
