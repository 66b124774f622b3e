import { describe, expect, it } from 'vitest'
import { annotateFixes, editorialMarks, fromJson, fromMarkdown, markEditorNotes, toMarkdown } from '@cablekit/core'
import type { Cable } from '@cablekit/core'

function md(text: string): Cable {
  const { cables, file } = fromMarkdown(text, { path: 'notes.md' })
  expect(file.messages.filter((m) => m.fatal).map(String)).toEqual([])
  return cables[0]!
}

describe('editor notes', () => {
  it('marks footnotes named nde as N.d.E. and leaves the cable’s own notes alone', () => {
    const cable = md('---\nlang: fr\n---\n\nTexte[^1] et suite[^nde-1].\n\n[^1]: Note du document.\n\n[^nde-1]: Le nom est illisible sur le scan.\n')
    const out = toMarkdown(markEditorNotes(cable))
    expect(out).toContain('[^nde-1]: **N.d.E.** Le nom est illisible sur le scan.')
    expect(out).toContain('[^1]: Note du document.')
  })

  it('is idempotent', () => {
    const cable = md('x[^nde]\n\n[^nde]: y\n')
    const once = markEditorNotes(cable)
    expect(toMarkdown(markEditorNotes(once))).toBe(toMarkdown(once))
  })

  it('turns an inline :nde[…] into a marked footnote where it stands', () => {
    const cable = md('---\nlang: en\n---\n\nThe meeting:nde[date uncertain] took place.\n')
    const out = toMarkdown(markEditorNotes(cable))
    expect(out).toBe('---\nlang: en\n---\n\nThe meeting[^nde-1] took place.\n\n[^nde-1]: **Ed. note** date uncertain\n')
  })

  it('prints sic as a directive renderers know', () => {
    const cable = md('Il a écrit :sic[cefte] lettre.\n')
    expect(JSON.stringify(cable.body)).toContain('"name":"sic"')
  })
})

describe('annotateFixes', () => {
  // Front matter reads every scalar as a string, so fixes (with numbers) come from JSON, as `parse --fix` writes them.
  const fixed = (): Cable =>
    fromJson(
      JSON.stringify({
        lang: 'fr',
        provenance: {
          fixes: [
            { original: 'cefte', replacement: 'cette', line: 12, column: 4, rule: 'ocr-confusion' },
            { original: 'Ia', replacement: 'la', line: 13, column: 1 },
            { original: 'Sommer', replacement: 'Sommet', line: 20, column: 9 },
          ],
        },
        body: [{ type: 'paragraph', children: [{ type: 'text', value: 'Dans cette lettre, la demande.' }] }],
        attachments: [],
      }),
      { path: 'fixed.json' },
    ).cables[0]!

  it('calls a N.d.E. note after each corrected word, or at the end when the word is gone', () => {
    const out = toMarkdown(annotateFixes(fixed()))
    expect(out).toContain('Dans cette[^nde-ocr-1] lettre, la[^nde-ocr-2] demande.[^nde-ocr-3]')
    expect(out).toContain('[^nde-ocr-1]: **N.d.E.** l’original porte « cefte », corrigé en « cette » (ligne 12, colonne 4).')
    expect(out).toContain('[^nde-ocr-3]: **N.d.E.** l’original porte « Sommer », corrigé en « Sommet » (ligne 20, colonne 9).')
  })

  it('changes nothing without fixes or without annotate', () => {
    const plain = md('Rien.\n')
    expect(annotateFixes(plain)).toBe(plain)
    expect(toMarkdown(editorialMarks(fixed()))).not.toContain('nde-ocr')
    expect(toMarkdown(editorialMarks(fixed(), { annotate: true }))).toContain('[^nde-ocr-2]:')
  })
})
