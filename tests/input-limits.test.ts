import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fromJson, fromMarkdown, fromText } from '@cablekit/core'
import { missingCharacters, toDocx, toPdf } from '@cablekit/render'
import { cli } from './helpers/cli.js'
import { openDocx } from './helpers/docx.js'
import { popplerPages } from './helpers/pdf.js'

/** Hangs, limits, decoding and text (issue 15, findings 15 and 18). */

const header = '---\nid: X\nlang: fr\n---\n\n'

describe('Markdown parses in bounded time (finding 15)', () => {
  it('refuses a paragraph of unclosed HTML comments with a positioned error', () => {
    const { cables, file } = fromMarkdown(header + 'a <!-- b '.repeat(20_000), { path: 'x.md' })
    expect(cables).toEqual([])
    expect(file.messages[0]).toMatchObject({ ruleId: 'unclosed-openers', line: 6, column: 1, fatal: true })
  })

  it('refuses growing backtick runs that never close', () => {
    let text = ''
    for (let n = 1; text.length < 1_000_000; n++) text += `${'`'.repeat(n)} x `
    const { cables, file } = fromMarkdown(header + text, { path: 'x.md' })
    expect(cables).toEqual([])
    expect(file.messages[0]?.ruleId).toBe('unclosed-openers')
  })

  it('still reads prose with many closed code spans and comments', () => {
    const { cables, file } = fromMarkdown(header + 'Voir `a` et `b` <!-- note -->. '.repeat(300), { path: 'x.md' })
    expect(file.messages.filter((message) => message.fatal)).toEqual([])
    expect(cables).toHaveLength(1)
  })
})

describe('decoding and text (finding 18)', () => {
  it('keeps a UTF-8 file with one bad byte as UTF-8, warning where the byte is', () => {
    const bytes = Buffer.concat([
      Buffer.from(`${header}Le ministre a évoqué la sécurité à Rabat.\nUne `, 'utf8'),
      Buffer.from([0xff]),
      Buffer.from(' erreur, déjà.\n', 'utf8'),
    ])
    const { cables, file } = fromMarkdown(bytes, { path: 'x.md' })
    expect(JSON.stringify(cables[0]!.body)).toContain('évoqué la sécurité')
    expect(JSON.stringify(cables[0]!.body)).toContain('déjà')
    const warning = file.messages.find((message) => message.ruleId === 'bad-utf8')
    expect(warning).toMatchObject({ line: 7, column: 5, fatal: false })
  })

  it('still reads a Windows-1252 file as such', () => {
    const bytes = Buffer.from(`${header}Le ministre a \xe9voqu\xe9 la s\xe9curit\xe9.\n`, 'latin1')
    const { cables, file } = fromMarkdown(bytes, { path: 'x.md' })
    expect(JSON.stringify(cables[0]!.body)).toContain('évoqué la sécurité')
    expect(file.messages.some((message) => message.ruleId === 'legacy-encoding')).toBe(true)
  })

  it('prints decomposed accents (NFD) as composed letters in PDF and DOCX', async () => {
    const nfd = 'Le ministre a évoqué la sécurité.'.normalize('NFD')
    const { cables } = fromMarkdown(`${header}${nfd}\n`, { path: 'x.md' })
    const pages = await popplerPages(await toPdf(cables[0]!))
    expect(pages.join('').normalize('NFC')).toContain('évoqué la sécurité')
    expect(pages.join('')).not.toContain('\uFFFD')
    expect(missingCharacters(cables[0]!)).toEqual([])
    const docx = await openDocx(await toDocx(cables[0]!))
    expect(docx.xml.get('word/document.xml')).toContain('évoqué la sécurité')
  })

  it('warns, with a position, about a character no font of the theme has', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cablekit-glyph-'))
    writeFileSync(join(dir, 'x.md'), `${header}Le sceau \u{10000} figure en bas.\n`)
    const result = await cli(['render', 'x.md', '-o', 'out'], { cwd: dir })
    expect(result.code).toBe(0)
    expect(result.stderr).toMatch(/6:1\s+warning\s+U\+10000 .* is in no font of the theme/)
  })

  it('caps .txt and .json inputs with a clear error, raised by maxSize', () => {
    const big = 'x'.repeat(17 * 1024 * 1024)
    for (const read of [fromText, fromJson]) {
      const { cables, file } = read(big, { path: 'big' })
      expect(cables).toEqual([])
      expect(file.messages[0]).toMatchObject({ ruleId: 'too-large', line: 1, column: 1, fatal: true })
      const raised = read(big, { path: 'big', maxSize: 32 * 1024 * 1024 })
      expect(raised.file.messages[0]?.ruleId).not.toBe('too-large')
    }
  })
})
