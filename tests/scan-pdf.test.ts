import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fromMarkdown } from '@cablekit/core'
import type { Cable } from '@cablekit/core'
import { toPdf } from '@cablekit/render'
import { fromScan, readPdf } from '@cablekit/scan'
import { headerAgreement } from './helpers/header-fields.js'

const root = join(import.meta.dirname, '..')
const examples = ['maroc-otan-requete', 'maroc-otan-cardiff', '09RABAT412']

function source(name: string): Cable {
  return fromMarkdown(readFileSync(join(root, 'examples', `${name}.md`)), { path: `${name}.md` }).cables[0]!
}

describe('text-layer PDFs', () => {
  it('our own facsimiles read back from their text layer, field by field', async () => {
    let total = 0
    let matched = 0
    for (const name of examples) {
      const cable = source(name)
      const pdf = await toPdf(cable, { env: { SOURCE_DATE_EPOCH: '0' } })
      const { cables, file } = await fromScan(pdf, { path: `${name}.pdf` })
      expect(file.messages.filter((message) => message.fatal).map(String), name).toEqual([])
      expect(cables[0]?.provenance?.format).toBe('pdf')
      const agreement = headerAgreement(cable, cables[0])
      total += agreement.total
      matched += agreement.matched
      // The subject and the classification are on every facsimile and always read back.
      expect(agreement.missed, name).not.toContain('subject')
      expect(agreement.missed, name).not.toContain('classification')
    }
    expect(matched / total).toBeGreaterThanOrEqual(0.95)
  })

  it('reads text-layer pages without OCR, and the bytes given stay whole', async () => {
    const pdf = await toPdf(source('maroc-otan-requete'), { env: { SOURCE_DATE_EPOCH: '0' } })
    const copy = new Uint8Array(pdf)
    const read = await readPdf(pdf)
    expect(read.ocred).toEqual([])
    expect(read.pages).toHaveLength(1)
    expect(read.pages[0]!.words.length).toBeGreaterThan(100)
    expect(Buffer.from(pdf).equals(Buffer.from(copy))).toBe(true)
  })

  it('gives the same words for the same bytes', async () => {
    const pdf = await toPdf(source('09RABAT412'), { env: { SOURCE_DATE_EPOCH: '0' } })
    expect(JSON.stringify((await readPdf(pdf)).pages)).toBe(JSON.stringify((await readPdf(pdf)).pages))
  })

  it('a truncated PDF, a text file named .pdf and an empty file give positioned errors, never a throw', async () => {
    const pdf = await toPdf(source('maroc-otan-requete'), { env: { SOURCE_DATE_EPOCH: '0' } })
    const cases: [string, Uint8Array, RegExp][] = [
      ['truncated.pdf', pdf.subarray(0, 900), /truncated|not a readable PDF|no page|no text|cannot be read/],
      ['text.pdf', new TextEncoder().encode('This is not a PDF at all.\n'), /not a PDF, PNG, JPEG or TIFF/],
      ['empty.pdf', new Uint8Array(0), /the file is empty/],
      ['garbage.pdf', new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage\n'), /not a readable PDF|no page|no text|cannot be read/],
    ]
    for (const [path, bytes, reason] of cases) {
      const { cables, file } = await fromScan(bytes, { path })
      expect(cables, path).toEqual([])
      const errors = file.messages.filter((message) => message.fatal)
      expect(errors.length, path).toBeGreaterThan(0)
      expect(errors.map((message) => message.reason).join('\n'), path).toMatch(reason)
      for (const message of file.messages) expect([message.line, message.column], path).toEqual([1, 1])
    }
  })
})
