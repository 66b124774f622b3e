/**
 * Cables per second for `toPdf` on a 3-page French cable, against raw pdfkit
 * drawing the same text with the same embedded fonts and no layout logic
 * (`doc.text` per paragraph). Both run side by side in this process, on one
 * core, after a warm-up; the ratio is what matters.
 *
 * Run: node --import tsx bench/pdf.bench.ts [--seconds=4]   (or npm run bench -- pdf)
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import PDFDocument from 'pdfkit'
import { parse } from '@cablekit/core'
import type { Cable } from '@cablekit/core'
import { fontFiles, layoutCable, toPdf } from '@cablekit/render'

const secondsArg = process.argv.find((arg) => arg.startsWith('--seconds='))
const seconds = Number(secondsArg?.slice('--seconds='.length)) || 4
const source = fileURLToPath(new URL('../tests/fixtures/pdf/three-pages.md', import.meta.url))
const cable: Cable = parse(readFileSync(source), { path: source }).cables[0]!
const fonts = fontFiles()

function paragraphs(nodes: readonly unknown[]): string[] {
  const text = (node: unknown): string => {
    const value = node as { value?: unknown; children?: unknown[] }
    return typeof value.value === 'string' ? value.value : (value.children ?? []).map(text).join('')
  }
  return nodes.map(text).filter(Boolean)
}

const bodyText = [...paragraphs(cable.body), ...cable.attachments.flatMap((attachment) => [attachment.title, ...paragraphs(attachment.body)])]
const headerText = [cable.issuer?.state, cable.issuer?.ministry, cable.from, ...(cable.to ?? []), cable.subject].filter((line): line is string => Boolean(line))
const arabic = Object.values(cable.issuer?.localized ?? {})
  .flatMap((lines) => [lines.state, lines.ministry])
  .filter((line): line is string => Boolean(line))

/** The baseline: pdfkit with the same TTF files, one `text` call per paragraph, no layout of our own. */
async function rawPdfkit(withArabic = true): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4', margin: 64, info: { CreationDate: new Date(0) } })
  doc.font(fonts.serif.bold!).fontSize(11)
  for (const line of headerText) doc.text(line)
  if (withArabic) {
    doc.font(fonts.arabic.regular).fontSize(11)
    for (const line of arabic) doc.text(line, { align: 'right' })
  }
  doc.font(fonts.serif.regular).fontSize(11)
  for (const paragraph of bodyText) doc.text(paragraph, { align: 'justify', paragraphGap: 6 })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<void>((resolve) => doc.on('end', resolve))
  doc.end()
  await done
  return Buffer.concat(chunks)
}

async function cablekit(): Promise<Uint8Array> {
  return toPdf(cable)
}

async function rate(name: string, run: () => Promise<Uint8Array>, budget: number): Promise<number> {
  let count = 0
  const start = performance.now()
  while (performance.now() - start < budget * 1000) {
    await run()
    count++
  }
  return count / ((performance.now() - start) / 1000)
}

const pages = layoutCable(cable).pages.length
console.log(`cable: ${source.split('/').slice(-3).join('/')} (${pages} pages), ${seconds}s per round, 3 rounds alternating`)
// Warm-up: both sides parse fonts and JIT once before timing.
for (let index = 0; index < 3; index++) {
  await rawPdfkit()
  await cablekit()
}
const results = { raw: [] as number[], latin: [] as number[], cablekit: [] as number[] }
for (let round = 0; round < 3; round++) {
  results.raw.push(await rate('raw', rawPdfkit, seconds / 3))
  results.latin.push(await rate('raw-latin', () => rawPdfkit(false), seconds / 3))
  results.cablekit.push(await rate('cablekit', cablekit, seconds / 3))
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const raw = median(results.raw)
const ours = median(results.cablekit)
console.log(`raw pdfkit, embedded TTF, no layout: ${raw.toFixed(1)} cables/s`)
const latin = median(results.latin)
console.log(`  (same without the two Arabic lines:  ${latin.toFixed(1)} cables/s)`)
console.log(`cablekit toPdf (layout + caches):    ${ours.toFixed(1)} cables/s`)
console.log(`ratio: ${(ours / raw).toFixed(2)}x against the baseline (goal >= 3x); ${(ours / latin).toFixed(2)}x against the Latin-only variant`)
