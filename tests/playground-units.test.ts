import { createHash, createHmac } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { inflateRawSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { fontFiles } from '@cablekit/render'
import { createRequire, hasFontFile, readFileSync as readFontFile, registerFontFile } from '../packages/render/src/fonts/browser-fonts.js'
import { highlights } from '../playground/src/highlight-source.js'
import { outputName } from '../playground/src/output-name.js'
import { readCable } from '../playground/src/read-cable.js'
import { createHash as browserHash, createHmac as browserHmac } from '../playground/src/shims/node-crypto.js'
import { deflateRawSync } from '../playground/src/shims/node-zlib.js'

// The parts of the playground that need no browser, in Node: the list of font
// files, the browser stand-ins for Node built-ins, and the page's reading step.

describe('the playground bundles every font file the renderer asks for', () => {
  it('font-urls.ts names each file of fontFiles() once, by its package specifier', () => {
    const source = readFileSync('playground/src/font-urls.ts', 'utf8')
    const imports = new Map([...source.matchAll(/^import (\w+) from '([^']+)\?url'$/gm)].map((match) => [match[1]!, match[2]!]))
    const entries = [...source.matchAll(/^ {2}'([^']+)': (\w+),$/gm)].map((match) => [match[1]!, match[2]!] as const)
    for (const [specifier, variable] of entries) expect(imports.get(variable)).toBe(specifier)
    const expected = Object.values(fontFiles())
      .flatMap((faces) => Object.values(faces))
      .map((path) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length))
    expect(entries.map(([specifier]) => specifier).sort()).toEqual([...new Set(expected)].sort())
  })
})

describe('browser stand-ins', () => {
  it('browser-fonts: resolve gives the specifier, readFileSync the registered bytes, else ENOENT', () => {
    const specifier = 'example-fonts/Test_400Regular.ttf'
    expect(createRequire(import.meta.url).resolve(specifier)).toBe(specifier)
    expect(hasFontFile(specifier)).toBe(false)
    expect(() => readFontFile(specifier)).toThrow(/ENOENT/)
    registerFontFile(specifier, new Uint8Array([1, 2, 3]))
    expect(hasFontFile(specifier)).toBe(true)
    expect([...readFontFile(specifier)]).toEqual([1, 2, 3])
  })

  it('node-crypto: the same SHA-1 and HMAC-SHA-256 as Node', () => {
    const data = new TextEncoder().encode('Noto Serif, 400 Regular')
    expect(browserHash('sha1').update(data).digest('hex')).toBe(createHash('sha1').update(data).digest('hex'))
    const key = 'a publisher key of 16+ bytes'
    expect(browserHmac('sha256', key).update('jeandupont', 'utf8').digest('hex')).toBe(createHmac('sha256', key).update('jeandupont', 'utf8').digest('hex'))
    expect(() => browserHash('md5')).toThrow(/unsupported/)
  })

  it('node-zlib: raw deflate that zlib inflates back', () => {
    const data = new TextEncoder().encode('<w:document>'.repeat(500))
    const deflated = deflateRawSync(data, { level: 9 })
    expect(deflated.length).toBeLessThan(data.length / 10)
    expect(Buffer.from(inflateRawSync(deflated)).equals(Buffer.from(data))).toBe(true)
  })
})

describe('readCable, the page’s reading step', () => {
  const requete = readFileSync('examples/maroc-otan-requete.md', 'utf8')

  it('reads pasted text by its content, and redacts the fields, the Markdown and what is printed', () => {
    const result = readCable({ source: requete, path: 'pasted', match: ['Stamatopoulos', '  '], reason: 'vie privée' })
    expect(result.cables).toHaveLength(1)
    expect(result.cables[0]!.id).toBe('MAEC-OTAN-REQUETE-2014-08-14')
    expect(JSON.stringify(result.cables[0]!.body)).toContain('Stamatopoulos')
    for (const published of [result.json, result.markdown[0]!, JSON.stringify(result.printable)]) {
      expect(published).not.toMatch(/stamatopoulos/i)
      expect(published).toContain('vie privée')
    }
  })

  it('gives each diagnostic its line, column and offsets in the source', () => {
    const source = readFileSync('tests/fixtures/text/fr-ocr-mangled.txt', 'utf8')
    const { diagnostics } = readCable({ source, path: 'pasted', match: [] })
    const suspect = diagnostics.find((diagnostic) => diagnostic.message.includes('c0mme'))!
    expect(suspect).toMatchObject({ severity: 'warning', line: 13, ruleId: 'ocr-suspect', suggestion: expect.any(String) })
    expect(source.slice(suspect.start, suspect.start + 5)).toBe('c0mme')
    const lines = source.split('\n')
    expect(lines[suspect.line - 1]!.slice(suspect.column - 1, suspect.column + 4)).toBe('c0mme')
  })

  it('reports an empty or unreadable source as diagnostics, never throws', () => {
    const result = readCable({ source: '{ "id": ', path: 'pasted', match: [] })
    expect(result.printable).toEqual([])
    expect(result.json).toBe('')
    expect(result.diagnostics.some((diagnostic) => diagnostic.severity === 'error')).toBe(true)
  })
})

describe('highlights and names', () => {
  it('marks the word at a point, merges overlaps with the worst severity', () => {
    const source = 'TRES URGENT C0NFIDENTIEL Xx'
    const at = (start: number, end: number, severity: 'error' | 'warning' | 'info') => ({
      severity,
      message: '',
      ruleId: undefined,
      line: 1,
      column: start + 1,
      start,
      end,
    })
    expect(highlights(source, [at(0, 0, 'info'), at(12, 12, 'info'), at(14, 20, 'warning'), at(25, 25, 'warning')])).toEqual([
      { start: 0, end: 4, severity: 'info', index: 0 },
      { start: 12, end: 24, severity: 'warning', index: 1 },
      { start: 25, end: 27, severity: 'warning', index: 3 },
    ])
  })

  it('names downloads after the id, with nothing but safe characters', () => {
    expect(outputName('09RABAT412', 'pdf')).toBe('09RABAT412.pdf')
    expect(outputName('../../etc/passwd', 'md')).toBe('etc-passwd.md')
    expect(outputName('Réf 299/1P2014', 'docx')).toBe('Ref-299-1P2014.docx')
    expect(outputName(undefined, 'json')).toBe('cable.json')
  })
})
