import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { hasErrors, parse } from '@cablekit/core'
import { generateArchive, generateFile } from '../scripts/gen-archive-lib.js'

const roots: string[] = []
const temp = () => {
  const root = mkdtempSync(join(tmpdir(), 'cablekit-gen-'))
  roots.push(root)
  return root
}
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })))

describe('generateArchive', () => {
  it('is reproducible: the same seed gives the same files and bytes, another seed others', async () => {
    const [a, b, c] = [temp(), temp(), temp()]
    const first = await generateArchive({ out: a, count: 40, malformed: 4, seed: 5, others: 2 })
    const second = await generateArchive({ out: b, count: 40, malformed: 4, seed: 5, others: 2 })
    const third = await generateArchive({ out: c, count: 40, malformed: 4, seed: 6, others: 2 })
    expect(second).toEqual(first)
    for (const path of [...first.files, ...first.others]) expect(readFileSync(join(b, path)).equals(readFileSync(join(a, path))), path).toBe(true)
    expect(third.files).not.toEqual(first.files)
  })

  it('writes both families, Markdown, raw text and JSON, in year/post folders, with the malformed share asked for', async () => {
    const out = temp()
    const archive = await generateArchive({ out, count: 60, malformed: 7, seed: 9 })
    expect(archive.files).toHaveLength(60)
    expect(new Set(archive.files).size).toBe(60)
    expect(archive.malformed).toHaveLength(7)
    for (const kind of ['markdown-fr', 'markdown-us', 'text-us', 'json']) expect(archive.byKind[kind]).toBeGreaterThan(5)
    for (const path of archive.files) expect(path).toMatch(/^20(0\d|10)\/[a-z]+\/[^/]+\.(md|txt|json)$/)
  })

  it('makes every well-formed file parse without error and every malformed one fail', async () => {
    const out = temp()
    const archive = await generateArchive({ out, count: 70, malformed: 14, seed: 2, pages: [1, 2] })
    const languages = new Set<string>()
    for (const path of archive.files) {
      const { cables, file } = parse(readFileSync(join(out, path)), { path })
      if (archive.malformed.includes(path)) {
        expect(hasErrors(file) || cables.length === 0, path).toBe(true)
      } else {
        expect(file.messages.filter((message) => message.fatal === true).map(String), path).toEqual([])
        expect(cables.length, path).toBeGreaterThan(0)
        for (const cable of cables) languages.add(cable.lang ?? '')
      }
    }
    expect([...languages].sort()).toEqual(['en', 'fr'])
  })

  it('sizes bodies by pages', () => {
    const short = generateFile(0, 1, { kinds: ['markdown-us'], pages: [1, 1] })
    const long = generateFile(0, 1, { kinds: ['markdown-us'], pages: [6, 6] })
    expect(long.bytes.byteLength).toBeGreaterThan(short.bytes.byteLength * 4)
  })
})
