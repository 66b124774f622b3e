import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { hasErrors, parse } from '@cablekit/core'
import { CABLEGATE_SHAPE, generateArchive, generateFile } from '../scripts/gen-archive-lib.js'

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

/** The text of a model node, its `value`s in order. */
const textOf = (node: unknown): string =>
  typeof node !== 'object' || node === null
    ? ''
    : `${'value' in node && typeof node.value === 'string' ? node.value : ''}${'children' in node && Array.isArray(node.children) ? node.children.map(textOf).join('') : ''}`

/** Words after a WikiLeaks record's five metadata lines, as the profile counts them. */
const recordWords = (text: string) => text.split('\n').slice(5).join('\n').split(/\s+/).filter(Boolean).length
const share = (rows: readonly { weight: number }[], row: { weight: number }) => row.weight / rows.reduce((sum, each) => sum + each.weight, 0)

describe('generateArchive, cablegate profile', () => {
  it('is reproducible, writes only raw-text records in year/post folders, and ignores kinds and pages', async () => {
    const [a, b, c] = [temp(), temp(), temp()]
    const first = await generateArchive({ out: a, count: 60, seed: 4, profile: 'cablegate' })
    const second = await generateArchive({ out: b, count: 60, seed: 4, profile: 'cablegate', kinds: ['json'], pages: [6, 6] })
    const third = await generateArchive({ out: c, count: 60, seed: 5, profile: 'cablegate' })
    expect(second).toEqual(first)
    for (const path of first.files) expect(readFileSync(join(b, path)).equals(readFileSync(join(a, path))), path).toBe(true)
    expect(third.files).not.toEqual(first.files)
    expect(first.byKind).toEqual({ 'text-us': 60 })
    expect(new Set(first.files).size).toBe(60)
    for (const path of first.files) {
      const [year, folder, name] = path.split('/')
      const lines = readFileSync(join(a, path), 'utf8').split('\n')
      // The id is the year's last two digits, the post and the serial, and names the file.
      expect(name, path).toBe(`${lines[0]}.txt`)
      expect(lines[0]!.slice(0, 2), path).toBe(year!.slice(2))
      expect(lines[0]!.toLowerCase(), path).toContain(folder)
      expect(lines[2], path).toMatch(new RegExp(`^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} \\d{2} 00:00:00 \\+0[12]00 ${year}$`))
    }
  })

  it("makes every record parse with no error into one cable with the record's id, classification, tags and text", async () => {
    const out = temp()
    const archive = await generateArchive({ out, count: 160, seed: 11, profile: 'cablegate' })
    const warnings = new Set<string>()
    let partial = 0
    for (const path of archive.files) {
      const text = readFileSync(join(out, path), 'utf8')
      const lines = text.split('\n')
      const { cables, file } = parse(readFileSync(join(out, path)), { path })
      expect(file.messages.filter((message) => message.fatal === true).map(String), path).toEqual([])
      for (const message of file.messages) if (message.fatal === false) warnings.add(message.ruleId ?? '')
      expect(cables, path).toHaveLength(1)
      const cable = cables[0]!
      expect(cable.id, path).toBe(lines[0])
      expect(cable.subject, path).toBe(lines[1])
      expect(cable.classification?.label, path).toBe(lines[3])
      const tags = /^TAGS: (.*)$/m.exec(text)![1]!.split(' ')
      expect(cable.tags, path).toEqual(tags)
      // Each numbered paragraph is one paragraph of the body, in order (caption and office lines before them may form another, as in the release's own).
      const numbered = text.match(/^¶(\d+)\./gm)!.map((mark) => mark.slice(1))
      expect(cable.body.map((node) => /^\d+\./.exec(textOf(node))?.[0]).filter(Boolean), path).toEqual(numbered)
      // Routing and section lines are the transmission's, not the message's.
      expect(JSON.stringify(cable.body), path).not.toMatch(/VZCZC|\d{8} {2}\d{3} OF \d{3}|ZZH/)
      if (text.includes('partial extract')) partial++
      else expect(cable.to?.length, path).toBeGreaterThan(0)
    }
    // A partial extract is said so, as for the release's own; nothing else warns.
    expect([...warnings]).toEqual(partial > 0 ? ['partial-extract'] : [])
  })

  it('draws lengths, classifications and years as the profile table says, and spreads the records over posts', () => {
    const n = 3000
    const records = Array.from({ length: n }, (_, index) => generateFile(index, 21, { profile: 'cablegate' }))
    const texts = records.map((record) => new TextDecoder().decode(record.bytes))
    const words = texts.map(recordWords)
    for (const band of CABLEGATE_SHAPE.words) {
      const [low, high] = band.value
      const observed = words.filter((count) => count >= low && count < high).length / n
      expect(Math.abs(observed - share(CABLEGATE_SHAPE.words, band)), `${low}–${high} words: ${observed}`).toBeLessThan(0.03)
    }
    const [lowest] = CABLEGATE_SHAPE.words[0]!.value
    const [, highest] = CABLEGATE_SHAPE.words.at(-1)!.value
    expect(Math.min(...words)).toBeGreaterThanOrEqual(lowest)
    expect(Math.max(...words)).toBeLessThanOrEqual(highest)
    for (const row of CABLEGATE_SHAPE.classifications) {
      const observed = texts.filter((text) => text.split('\n')[3] === row.value).length / n
      expect(Math.abs(observed - share(CABLEGATE_SHAPE.classifications, row)), `${row.value}: ${observed}`).toBeLessThan(0.03)
    }
    const years = texts.map((text) => Number(text.split('\n')[2]!.slice(-4)))
    const from2004 = CABLEGATE_SHAPE.years.filter((row) => row.value[0] >= 2004)
    const expected2004 = from2004.reduce((sum, row) => sum + share(CABLEGATE_SHAPE.years, row), 0)
    expect(Math.abs(years.filter((year) => year >= 2004).length / n - expected2004)).toBeLessThan(0.02)
    expect(Math.min(...years)).toBeGreaterThanOrEqual(CABLEGATE_SHAPE.years[0]!.value[0])
    expect(Math.max(...years)).toBeLessThanOrEqual(CABLEGATE_SHAPE.years.at(-1)!.value[1])
    // Many posts, none holding a large share: no folder of a full-size archive grows huge.
    const folders = new Map<string, number>()
    const posts = new Set<string>()
    for (const record of records) {
      const [year, post] = record.path.split('/')
      posts.add(post!)
      folders.set(`${year}/${post}`, (folders.get(`${year}/${post}`) ?? 0) + 1)
    }
    expect(posts.size).toBeGreaterThan(150)
    expect(Math.max(...folders.values()) / n).toBeLessThan(0.02)
  })

  it('has a table that adds up to the release: its cables by classification, and 1,040 words a cable', () => {
    const cables = (prefix: string) => CABLEGATE_SHAPE.classifications.filter((row) => row.value.startsWith(prefix)).reduce((sum, row) => sum + row.weight, 0)
    expect(cables('')).toBe(CABLEGATE_SHAPE.total)
    expect([cables('UNCLASSIFIED'), cables('CONFIDENTIAL'), cables('SECRET')]).toEqual([133_887, 101_748, 15_652])
    // Log-uniform within each band: the mean of a band [a, b] is (b - a) / ln(b / a).
    const mean = CABLEGATE_SHAPE.words.reduce(
      (sum, row) => sum + share(CABLEGATE_SHAPE.words, row) * ((row.value[1] - row.value[0]) / Math.log(row.value[1] / row.value[0])),
      0,
    )
    expect(Math.abs(mean / (261_276_536 / 251_287) - 1)).toBeLessThan(0.05)
  })

  it('spans the lengths of the real records in tests/fixtures/cablegate', () => {
    const dir = join(import.meta.dirname, 'fixtures', 'cablegate')
    const words = readdirSync(dir)
      .filter((name) => name.endsWith('.txt'))
      .map((name) => recordWords(readFileSync(join(dir, name), 'utf8')))
      .filter((count) => count > 0)
    expect(words.length).toBeGreaterThan(50)
    expect(Math.min(...words)).toBeGreaterThanOrEqual(CABLEGATE_SHAPE.words[0]!.value[0])
    expect(Math.max(...words)).toBeLessThan(CABLEGATE_SHAPE.words.at(-1)!.value[1])
  })

  it('breaks the malformed files it is asked for, in the profile folders', async () => {
    const out = temp()
    const archive = await generateArchive({ out, count: 30, malformed: 6, seed: 3, profile: 'cablegate' })
    expect(archive.malformed).toHaveLength(6)
    for (const path of archive.malformed) {
      const { cables, file } = parse(readFileSync(join(out, path)), { path })
      expect(hasErrors(file) || cables.length === 0, path).toBe(true)
    }
  })
})
