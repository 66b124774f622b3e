import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { fromMarkdown, redact } from '@cablekit/core'
import type { Cable } from '@cablekit/core'
import { toDocx, toPdf } from '@cablekit/render'
import { docxEvidence, findLeaks, pdfEvidence, xmllintDocx } from './helpers/leaks.js'

const OUT = join(import.meta.dirname, '.output', 'redaction-render')
const SOURCE = readFileSync(join(import.meta.dirname, 'fixtures', 'redaction', 'cable.md'), 'utf8')
/** The name matched by rule, written in many guises in the fixture; and the secrets hidden by directive. */
const NAME = 'Zbigniew Qarqoubi'
const SHORT = 'Wojtek'
const LONG = 'Wojciechowskaya-Brzęczyszczykiewicz de Qarnowska'
const REASON = 'source protégée'
const EPOCH = new Date(Date.UTC(2014, 7, 14))

/** The fixture with the directive hiding `secret` and the matched name written as `name`. */
function cable(secret: string, name = NAME): Cable {
  const [first, last] = name.split(' ') as [string, string]
  const text = SOURCE.replaceAll('{{SECRET}}', secret)
    .replaceAll(NAME, name)
    .replaceAll(NAME.toUpperCase(), name.toUpperCase())
    .replaceAll('zbigniew-qarqoubi', `${first.toLowerCase()}-${last.toLowerCase()}`)
    .replace('**Zbigniew** Qar-\nqoubi', `**${first}** ${last.slice(0, 3)}-\n${last.slice(3)}`)
  const { cables, file } = fromMarkdown(text, { path: 'cable.md' })
  expect(file.messages.filter((m) => m.fatal).map(String)).toEqual([])
  return redact(cables[0]!, { match: [name], reason: 'vie privée' }).cable
}

function write(name: string, bytes: Uint8Array): string {
  mkdirSync(OUT, { recursive: true })
  const path = join(OUT, name)
  writeFileSync(path, bytes)
  return path
}

describe('PDF: nothing redacted is left in any byte', () => {
  let path: string
  let bytes: Uint8Array
  beforeAll(async () => {
    bytes = await toPdf(cable(LONG), { creationDate: EPOCH })
    path = write('long.pdf', bytes)
  })

  it('is a sound PDF of one revision, not an incremental update', () => {
    execFileSync('qpdf', ['--check', path])
    const text = Buffer.from(bytes).toString('latin1')
    expect(text.match(/%%EOF/g)).toHaveLength(1)
    expect(text).not.toMatch(/\/Prev\s+\d/)
  })

  it('holds neither the directive secret nor the matched name, nor any fragment, in text off the page, strings, streams, maps, metadata or outline', () => {
    const evidence = pdfEvidence(path)
    expect(evidence['fitz: page text (infinite clip)']).toContain('Cardiff')
    expect(findLeaks(evidence, [LONG, NAME, 'Qarqoubi'])).toEqual([])
  })

  it('prints the reason on the bar and sic as written', () => {
    const text = pdfEvidence(path)['fitz: page text (infinite clip)']!.replace(/\s+/g, ' ')
    expect(text).toContain(REASON)
    expect(text).toContain('vie privée')
    expect(text).toMatch(/cefte\s*\[sic\]/)
  })

  it('gives the same bytes for secrets of different lengths', async () => {
    const short = await toPdf(cable(SHORT, 'Bo Lindqvist'), { creationDate: EPOCH })
    expect(Buffer.from(short).equals(Buffer.from(bytes))).toBe(true)
  })
})

describe('DOCX: nothing redacted is left in any part', () => {
  let bytes: Uint8Array
  beforeAll(async () => {
    bytes = await toDocx(cable(LONG), { sourceDateEpoch: 1_400_000_000 })
    write('long.docx', bytes)
  })

  it('holds neither secret nor fragment in any part, with runs joined per paragraph, attributes, names, or python-docx', async () => {
    const { evidence, hidden } = await docxEvidence(bytes)
    expect(evidence['word/document.xml: paragraphs, runs joined']).toContain('Cardiff')
    expect(findLeaks(evidence, [LONG, NAME, 'Qarqoubi'])).toEqual([])
    expect(hidden).toEqual([])
  })

  it('shows the reason, and every part is well-formed XML', async () => {
    const { evidence } = await docxEvidence(bytes)
    // The bar's reason is set with no-break spaces so the bar never breaks across lines.
    expect(evidence['python-docx: paragraphs and properties']!.replace(/\u00A0/g, ' ')).toContain(REASON)
    expect(await xmllintDocx(bytes)).toEqual([])
  })

  it('gives the same bytes for secrets of different lengths', async () => {
    const short = await toDocx(cable(SHORT, 'Bo Lindqvist'), { sourceDateEpoch: 1_400_000_000 })
    expect(Buffer.from(short).equals(Buffer.from(bytes))).toBe(true)
  })
})

describe('the leak finders can fail', () => {
  it('find a secret split across DOCX runs and in a PDF rendered without redaction', async () => {
    const { cables } = fromMarkdown(SOURCE.replaceAll('{{SECRET}}', LONG), { path: 'cable.md', keepRedacted: true })
    const plain = {
      ...cables[0]!,
      body: JSON.parse(JSON.stringify(cables[0]!.body).replaceAll('"textDirective","name":"redact"', '"emphasis","name":"x"')),
    } as Cable
    const pdf = write('unredacted.pdf', await toPdf(plain, { creationDate: EPOCH }))
    const leaks = findLeaks(pdfEvidence(pdf), [LONG, NAME])
    expect(leaks.some((leak) => leak.startsWith('fitz: page text'))).toBe(true)
    expect(leaks.some((leak) => leak.startsWith('qpdf --qdf: content streams'))).toBe(true)
    const docx = await docxEvidence(await toDocx(plain, { sourceDateEpoch: 1_400_000_000 }))
    expect(findLeaks(docx.evidence, [NAME]).some((leak) => leak.startsWith('word/document.xml: paragraphs'))).toBe(true)
  })
})
