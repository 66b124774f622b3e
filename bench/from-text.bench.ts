/**
 * Linear-time check of the raw-text ingester: builds a ~20 MB file of
 * concatenated cables in memory (WikiLeaks records, telegram dumps and French
 * cables from the test fixtures) and times `fromText` on its first 5, 10 and
 * 20 MB. Throughput (MB/s) should stay flat as the input grows.
 *
 * Run: node --import tsx bench/from-text.bench.ts
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fromText } from '../packages/core/src/index.js'

const root = join(import.meta.dirname, '..', 'tests', 'fixtures')
const MB = 1024 * 1024

/** One "round" of cables, each family as it appears in dumps; separators keep the families apart. */
function round(): string[] {
  const records = readdirSync(join(root, 'cablegate'))
    .filter((name) => name.endsWith('.txt'))
    .map((name) => readFileSync(join(root, 'cablegate', name), 'utf8'))
  const text = (name: string) => readFileSync(join(root, 'text', name), 'utf8')
  const telegrams = ['us-telegram-full.txt', 'us-telegram-refs.txt', 'us-telegram-runin.txt'].map(text)
  const french = ['fr-letterhead-rabat.txt', 'fr-ambassade-paris.txt', 'maroc-leaks-otan.txt'].map(text)
  // Families pasted one after the other with no rule between: the split looks for foreign cables inside each record.
  const mixed = ['multi-cable-mixed.txt', 'us-telegram-wrapped-header.txt', 'fr-circulaire-listes.txt', 'us-telegram-subject-runon.txt'].map(text)
  return [records.join('\n'), telegrams.join('\n'), french.join('\n————————————\n\n'), mixed.join('\n\n')]
}

function build(size: number): string[] {
  const parts = round()
  const chunks: string[] = []
  let total = 0
  for (let k = 0; total < size; k++) {
    const part = parts[k % parts.length]!
    chunks.push(part)
    total += Buffer.byteLength(part) + 1
  }
  return chunks
}

/** The first `size` bytes' worth of whole chunks, as bytes (what the CLI hands the ingester). */
function prefix(chunks: string[], size: number): Buffer {
  const out: string[] = []
  let total = 0
  for (const chunk of chunks) {
    if (total >= size) break
    out.push(chunk)
    total += Buffer.byteLength(chunk) + 1
  }
  // Families are never mixed in one segment: a rule and a blank line between them.
  return Buffer.from(out.join('\n————————————\n\n'))
}

const chunks = build(20 * MB)
const rows: { size: string; cables: number; seconds: number; rate: number }[] = []
fromText(prefix(chunks, MB), { path: 'warm-up.txt' })
for (const target of [5, 10, 20]) {
  const bytes = prefix(chunks, target * MB)
  const start = performance.now()
  // The default size cap of one input is below the largest row: the benchmark's input is trusted.
  const result = fromText(bytes, { path: `${target}mb.txt`, maxSize: 64 * MB })
  const seconds = (performance.now() - start) / 1000
  rows.push({ size: `${(bytes.length / MB).toFixed(1)} MB`, cables: result.cables.length, seconds, rate: bytes.length / MB / seconds })
}

console.log('fromText on concatenated cables')
console.log('| input    | cables  | time (s) | MB/s  |')
console.log('|----------|---------|----------|-------|')
for (const row of rows)
  console.log(`| ${row.size.padEnd(8)} | ${String(row.cables).padStart(7)} | ${row.seconds.toFixed(2).padStart(8)} | ${row.rate.toFixed(1).padStart(5)} |`)
const [first, , last] = rows
if (first && last) console.log(`time ratio 20 MB / 5 MB: ${(last.seconds / first.seconds).toFixed(2)} (linear ≈ 4)`)
