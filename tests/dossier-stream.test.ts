import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { fromMarkdown } from '@cablekit/core'
import type { Cable } from '@cablekit/core'
import { toDossierPdf } from '@cablekit/render'
import { linkedNumber } from './helpers/pdf.js'

const ROOT = join(import.meta.dirname, '..')
const FIXTURES = join(import.meta.dirname, 'fixtures', 'dossier')
const OUT = join(import.meta.dirname, '.output', 'dossier-stream')
const SEEDS = ['09RABAT412.md', 'maroc-otan-cardiff.md', 'maroc-otan-requete.md']

/** `count` distinct cables from the three examples (one of them has an attachment), with subjects long enough to wrap in the contents. */
function cables(count: number): Cable[] {
  const seeds = SEEDS.map((name) => fromMarkdown(readFileSync(join(FIXTURES, name)), { path: name }).cables[0]!)
  return Array.from({ length: count }, (_, index) => {
    const seed = seeds[index % seeds.length]!
    return {
      ...seed,
      id: `${seed.id ?? 'CABLE'}-${index + 1}`,
      subject: `${seed.subject ?? ''} ${'and more '.repeat(index % 7)}(${index + 1})`,
      date: `2014-0${(index % 9) + 1}-${String((index % 28) + 1).padStart(2, '0')}`,
      tags: [...(seed.tags ?? []), `T${index % 5}`],
    }
  })
}

interface Book {
  pages: number
  labels: string[]
  text: string[]
  /** Contents lines: the number printed and the 0-based page the line links to. */
  links: { printed: string; target: number }[]
  /** 0-based pages that hold contents lines. */
  linkPages: number[]
  outline: { title: string; page: number; children: { title: string; page: number }[] }[]
}

/** What pdf.js, a reader independent of pdfkit, sees of a book. */
async function readBook(bytes: Uint8Array): Promise<Book> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise
  const pageOf = async (dest: unknown): Promise<number> => {
    const explicit = (typeof dest === 'string' ? await doc.getDestination(dest) : dest) as [unknown] | null
    return doc.getPageIndex(explicit![0] as never)
  }
  const text: string[] = []
  const links: Book['links'] = []
  const linkPages: number[] = []
  for (let index = 1; index <= doc.numPages; index++) {
    const page = await doc.getPage(index)
    const items = (await page.getTextContent()).items as { str: string; transform: number[] }[]
    text.push(items.map((item) => item.str).join('\n'))
    const annotations = (await page.getAnnotations()) as { subtype: string; dest?: unknown; rect: number[] }[]
    const internal = annotations.filter((a) => a.subtype === 'Link' && a.dest)
    if (internal.length > 0) linkPages.push(index - 1)
    for (const link of internal) links.push({ printed: linkedNumber(items, link.rect), target: await pageOf(link.dest) })
  }
  const outline = await Promise.all(
    ((await doc.getOutline()) ?? []).map(async (item) => ({
      title: item.title,
      page: await pageOf(item.dest),
      children: await Promise.all(item.items.map(async (child) => ({ title: child.title, page: await pageOf(child.dest) }))),
    })),
  )
  return { pages: doc.numPages, labels: (await doc.getPageLabels()) ?? [], text, links, linkPages, outline }
}

describe('a streamed book of 90 cables (contents over several pages, duplex)', () => {
  const list = cables(90)
  let bytes: Uint8Array
  let book: Book
  beforeAll(async () => {
    bytes = await toDossierPdf({ title: 'Stream', lang: 'fr', introduction: 'Ninety cables.', cables: list }, { duplex: true, order: 'date' })
    mkdirSync(OUT, { recursive: true })
    writeFileSync(join(OUT, 'book.pdf'), bytes)
    book = await readBook(bytes)
  }, 240_000)

  it('is a sound PDF whose pages are in the order printed', () => {
    execFileSync('qpdf', ['--check', join(OUT, 'book.pdf')])
    // pdftotext reads the page tree on its own: the contents come after the introduction, the first cable after them.
    const text = execFileSync('pdftotext', ['-layout', join(OUT, 'book.pdf'), '-'], { encoding: 'utf8', maxBuffer: 1 << 28 }).split('\f')
    const contents = text.findIndex((page) => page.includes('Table des matières'))
    expect(text.findIndex((page) => page.includes('Ninety cables.'))).toBeLessThan(contents)
    expect(book.text[contents]).toContain('Table des matières')
    expect(text.slice(contents + 1).findIndex((page) => /\b(1\/\d+|PAGE 0?1 OF \d+)/.test(page))).toBeGreaterThan(0)
  })

  it('has contents over several pages, each line naming the label of the page its link leads to, where its cable starts', () => {
    const contents = book.text.map((page, index) => (page.includes('Table des matières') ? index : -1)).filter((index) => index >= 0)
    expect(contents).toHaveLength(1)
    expect(book.links).toHaveLength(list.length)
    expect(book.labels[contents[0]!]).toMatch(/^[ivx]+$/)
    for (const link of book.links) {
      expect(link.printed).toMatch(/^\d+$/)
      expect(book.labels[link.target]).toBe(link.printed)
      // The cable's own folio says page 1 there, beside the dossier's folio.
      expect(book.text[link.target]).toMatch(/\b(1\/\d+|PAGE 0?1 OF \d+)/)
      expect(book.text[link.target]!.split('\n')).toContain(link.printed)
      expect(Number(link.printed) % 2).toBe(1)
    }
    const targets = book.links.map((link) => link.target)
    expect([...targets].sort((a, b) => a - b)).toEqual(targets)
    expect(new Set(targets).size).toBe(targets.length)
    // Front matter i, ii, iii…, then 1 at the first cable; the contents take more than one page.
    expect(book.labels[targets[0]!]).toBe('1')
    expect(book.labels.slice(0, targets[0]!).every((label) => /^[ivxlc]+$/.test(label))).toBe(true)
    expect(book.linkPages.length).toBeGreaterThan(2)
    expect(book.linkPages).toEqual(book.linkPages.map((_, i) => contents[0]! + i))
    expect(book.linkPages.at(-1)!).toBeLessThan(targets[0]!)
  })

  it('has one bookmark per cable at its first page, with its attachments under it', () => {
    expect(book.outline).toHaveLength(list.length)
    expect(book.outline.map((item) => item.page)).toEqual(book.links.map((link) => link.target))
    const withAttachment = book.outline.filter((item) => item.children.length > 0)
    expect(withAttachment.length).toBe(list.filter((cable) => cable.attachments.length > 0).length)
    for (const item of withAttachment) {
      const child = item.children[0]!
      expect(child.page).toBeGreaterThan(item.page)
      expect(book.text[child.page]).toContain(child.title.replace(/^PJ : /, '').slice(0, 12))
    }
    // Each cable's folio runs 1, 2… from its first page: the second page of one of several pages says 2.
    const total = (page: number) => Number(/\b(?:1\/(\d+)|PAGE 0?1 OF (\d+))/.exec(book.text[page]!)?.slice(1).find(Boolean) ?? 0)
    const long = book.outline.find((item) => total(item.page) >= 2)!
    expect(book.text[long.page + 1]).toMatch(/\b(2\/\d+|PAGE 0?2 OF \d+)/)
    expect(book.text[long.page + 1]!.split('\n')).toContain(book.labels[long.page + 1])
  })

  it('ends with the index, whose numbers are the cables’ start pages', () => {
    const index = book.text.findIndex((page) => page.includes('Mots-clés (TAGS)'))
    expect(index).toBeGreaterThan(book.outline.at(-1)!.page)
    const text = book.text.slice(index).join('\n')
    // T3 is a TAGS term in telegrams and a hashtag (#T3) in publications: between them, every cable that carries it.
    const listed = [/(?:^|\n)T3 — ([\d, \n]+)/, /#T3 — ([\d, \n]+)/].flatMap((pattern) =>
      (pattern.exec(text)?.[1] ?? '')
        .split(',')
        .map((page) => page.trim())
        .filter(Boolean),
    )
    // The book is ordered by date: which cables carry T3 is read from the outline titles (each subject ends in its number).
    const carriers = list.flatMap((cable, i) => (cable.tags!.includes('T3') ? [`(${i + 1})`] : []))
    const expected = book.outline.filter((item) => carriers.some((number) => item.title.endsWith(number))).map((item) => book.labels[item.page]!)
    expect(expected.length).toBeGreaterThan(10)
    expect([...listed].sort((a, b) => Number(a) - Number(b))).toEqual(expected)
  })

  it('is the same bytes every time', async () => {
    const again = await toDossierPdf({ title: 'Stream', lang: 'fr', introduction: 'Ninety cables.', cables: list }, { duplex: true, order: 'date' })
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true)
  }, 240_000)

  it('embeds each font once for the whole book', () => {
    const fonts = execFileSync('pdffonts', [join(OUT, 'book.pdf')], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .filter(Boolean)
    const names = fonts.map((line) => line.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''))
    expect(fonts.every((line) => / yes /.test(line))).toBe(true)
    expect(new Set(names).size).toBe(names.length)
  })
})

/**
 * Paint a book of `count` cables in a child process (its heap is its own,
 * and `gc` is exposed there) and sample the live heap after each 50 cables;
 * also the heap taken by one laid-out cable, for scale.
 */
function measureHeap(count: number): { laidOut: number; samples: Record<string, number> } {
  const script = `
    import { readFileSync } from 'node:fs'
    import { join } from 'node:path'
    import { Writable } from 'node:stream'
    import { pipeline } from 'node:stream/promises'
    const { fromMarkdown } = await import('@cablekit/core')
    const { toDossierPdfStream, layoutCable } = await import('@cablekit/render')
    const folder = ${JSON.stringify(FIXTURES)}
    const seeds = ${JSON.stringify(SEEDS)}.map((name) => fromMarkdown(readFileSync(join(folder, name)), { path: name }).cables[0])
    const count = ${count}
    const list = Array.from({ length: count }, (_, i) => ({ ...seeds[i % 3], id: 'C-' + i, subject: seeds[i % 3].subject + ' (' + i + ')' }))
    const heap = () => { globalThis.gc(); globalThis.gc(); return process.memoryUsage().heapUsed }
    // Warm first (fonts, shaped words), so what is measured is the laid-out cables themselves.
    list.slice(0, 12).forEach((cable) => layoutCable(cable))
    const before = heap()
    const kept = list.slice(0, 12).map((cable) => layoutCable(cable))
    const laidOut = (heap() - before) / kept.length
    kept.length = 0
    const samples = {}
    const sink = new Writable({ write(chunk, encoding, done) { done() } })
    const book = toDossierPdfStream({ title: 'Heap', cables: list }, { duplex: true, onProgress(done) { if (done % 50 === 0) samples[done] = heap() } })
    await pipeline(book, sink)
    process.stdout.write(JSON.stringify({ laidOut, samples }))
  `
  const result = spawnSync(process.execPath, ['--expose-gc', '--conditions=source', '--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 280_000,
  })
  if (result.status !== 0) throw new Error(`the child failed: ${result.stderr}`)
  return JSON.parse(result.stdout) as { laidOut: number; samples: Record<string, number> }
}

describe('memory of a streamed book', () => {
  it('does not grow by anything like a laid-out cable per cable: from cable 100 to 400, under a fifth of one each', () => {
    const { laidOut, samples } = measureHeap(400)
    // A laid-out cable of these examples takes about 130 kB; the book keeps about 6 kB per cable (its pages' entries in the page tree, its contents line and index terms).
    expect(laidOut).toBeGreaterThan(50_000)
    const perCable = (samples['400']! - samples['100']!) / 300
    expect(perCable).toBeLessThan(laidOut / 5)
    // And no sample on the way is far above the line between the two ends (no build-up released only at the end).
    for (const [done, heap] of Object.entries(samples))
      if (Number(done) >= 100) expect(heap).toBeLessThan(samples['100']! + (Number(done) - 100) * (laidOut / 5) + laidOut * 20)
  }, 300_000)
})
