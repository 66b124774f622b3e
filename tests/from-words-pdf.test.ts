import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fromMarkdown, fromWords, layoutWords } from '@cablekit/core'
import type { WordPage } from '@cablekit/core'
import { headerAgreement } from './helpers/header-fields.js'

const root = join(import.meta.dirname, '..')
const fixtures = join(import.meta.dirname, 'fixtures/words')

// Words of our own facsimiles of examples/*.md, read from their text layer by pdf.js
// (`readPdf`) and committed, so the layout step is tested without rendering.
// Each golden `.txt` is the laid-out text; regenerate with UPDATE=1.
const cases = [
  // A field the raw-text reader does not give back yet, whatever the layout: `RABAT 000412` in the
  // banner is not read as the reference (the reader keeps it as the post and serial of the id).
  { name: 'maroc-otan-requete', missed: [] },
  { name: 'maroc-otan-cardiff', missed: [] },
  { name: '09RABAT412', missed: ['reference'] },
]

describe('layout of our own facsimiles, from their text layer', () => {
  for (const { name, missed } of cases) {
    const pages = JSON.parse(readFileSync(join(fixtures, `${name}.pdf.json`), 'utf8')) as WordPage[]

    it(`${name}: the laid-out text matches its golden file`, () => {
      const { text } = layoutWords(pages)
      const golden = join(fixtures, `${name}.txt`)
      if (process.env['UPDATE'] === '1' || !existsSync(golden)) writeFileSync(golden, text)
      expect(text).toBe(readFileSync(golden, 'utf8'))
    })

    it(`${name}: gives back the header fields of its source`, () => {
      const source = fromMarkdown(readFileSync(join(root, 'examples', `${name}.md`)), { path: `${name}.md` }).cables[0]!
      const { cables, file } = fromWords(pages, { path: `${name}.pdf`, format: 'pdf' })
      expect(file.messages.filter((message) => message.fatal).map(String)).toEqual([])
      expect(cables).toHaveLength(1)
      expect(headerAgreement(source, cables[0]).missed).toEqual(missed)
      // Every field read has a page and a box on it.
      const fields = cables[0]!.provenance?.fields ?? {}
      for (const key of ['subject', 'classification', 'from']) expect(fields[key]?.page, key).toBe(1)
    })
  }
})
