import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { fromMarkdown } from '@cablekit/core'
import type { Cable } from '@cablekit/core'
import { toDossierDocx, toDossierPdf } from '@cablekit/render'
import type { Dossier } from '@cablekit/render'
import { docxEvidence, findLeaks, pdfEvidence } from './helpers/leaks.js'

const OUT = join(import.meta.dirname, '.output', 'redaction-dossier')
const SOURCE = readFileSync(join(import.meta.dirname, 'fixtures', 'redaction', 'cable.md'), 'utf8')
const FIXTURES = join(import.meta.dirname, 'fixtures', 'dossier')
const NAME = 'Zbigniew Qarqoubi'

/** A dossier whose cables hide `secret` by directive and name NAME everywhere, as do its title, subtitle and introduction. */
function dossier(secret: string): Dossier {
  const leak = fromMarkdown(SOURCE.replaceAll('{{SECRET}}', secret), { path: 'cable.md' }).cables[0]!
  // Tags, place and sender feed the index: put the name there too.
  const indexed: Cable = { ...leak, tags: ['OTAN', NAME], place: `Chez ${NAME}` }
  const others = ['09RABAT412.md', 'maroc-otan-cardiff.md'].map((name) => fromMarkdown(readFileSync(join(FIXTURES, name)), { path: name }).cables[0]!)
  return {
    title: `Les confidences de ${NAME}`,
    subtitle: `Avec ${NAME.toUpperCase()}`,
    editor: 'La rédaction',
    date: '2026-11-01',
    introduction: `Un dossier sur **${NAME.split(' ')[0]}** ${NAME.split(' ')[1]} et :redact[${secret}]{reason="source"}.`,
    cables: [indexed, ...others],
  }
}

const OPTIONS = { redact: { match: [NAME], reason: 'vie privée' }, duplex: true }
const SECRETS = [NAME, 'Qarqoubi']

describe('dossier PDF with redaction', () => {
  let bytes: Uint8Array
  let path: string
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true })
    bytes = await toDossierPdf(dossier('Maximilian Wojciechowskaya-Brzęczyszczykiewicz'), OPTIONS)
    path = join(OUT, 'long.pdf')
    writeFileSync(path, bytes)
  }, 120_000)

  it('leaves nothing of the secrets in pages, contents, index, outline, metadata, links, strings, streams or maps', () => {
    execFileSync('qpdf', ['--check', path])
    const evidence = pdfEvidence(path)
    expect(evidence['fitz: outline']).toContain('[redacted: vie privée]')
    expect(evidence['fitz: page text (infinite clip)']).toContain('vie privée')
    expect(findLeaks(evidence, [...SECRETS, 'Wojciechowskaya-Brzęczyszczykiewicz'])).toEqual([])
  })

  it('gives the same bytes when the directive secret has another length', async () => {
    const other = await toDossierPdf(dossier('Al'), OPTIONS)
    expect(Buffer.from(other).equals(Buffer.from(bytes))).toBe(true)
  })
})

describe('dossier DOCX with redaction', () => {
  let bytes: Uint8Array
  beforeAll(async () => {
    bytes = await toDossierDocx(dossier('Maximilian Wojciechowskaya-Brzęczyszczykiewicz'), OPTIONS)
  }, 120_000)

  it('leaves nothing of the secrets in any part, and holds no hidden or tracked text', async () => {
    const { evidence, hidden } = await docxEvidence(bytes)
    expect(evidence['python-docx: paragraphs and properties']).toContain('vie privée')
    expect(findLeaks(evidence, [...SECRETS, 'Wojciechowskaya-Brzęczyszczykiewicz'])).toEqual([])
    expect(hidden).toEqual([])
  })

  it('gives the same bytes when the directive secret has another length', async () => {
    const other = await toDossierDocx(dossier('Al'), OPTIONS)
    expect(Buffer.from(other).equals(Buffer.from(bytes))).toBe(true)
  })
})
