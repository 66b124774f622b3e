/**
 * DOCX writing speed: cables/s on one core for the 3-page French cable
 * (`tests/fixtures/docx/cardiff-3-pages.md`), Markdown to DOCX bytes with
 * cablekit (`fromMarkdown` + `toDocx`, fonts embedded), side by side in the
 * same run with pandoc converting the same Markdown, one process per cable
 * as a user would script it. `toDocx` alone (model → bytes) is measured in
 * the same rounds, since `fromMarkdown` is most of the Markdown → DOCX time.
 * Rounds alternate between the three so that machine noise hits all.
 * Goal: Markdown → DOCX at least 8× pandoc.
 *
 * The embedded fonts are subsets of each document's characters, cached by
 * (font, characters): rendering one cable again and again hits that cache.
 * So `toDocx` is also measured over distinct generated French cables
 * (`DISTINCT_CABLES`, more than the cache holds), as a batch renders them,
 * where every document pays for its subsets.
 *
 * Run: `node --conditions=source --import tsx bench/docx.bench.ts` (or `npm run bench -- docx`);
 * `BENCH_ROUNDS` and `BENCH_SECONDS` change the rounds and their length.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fromMarkdown } from '@cablekit/core'
import { toDocx } from '@cablekit/render'
import { generateFile } from '../scripts/gen-archive-lib.js'

const FIXTURE = join(import.meta.dirname, '..', 'tests', 'fixtures', 'docx', 'cardiff-3-pages.md')
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3)
const SECONDS_PER_ROUND = Number(process.env['BENCH_SECONDS'] ?? 3)

const source = readFileSync(FIXTURE, 'utf8')
const dir = mkdtempSync(join(tmpdir(), 'cablekit-docx-bench-'))

async function cablekitOnce(): Promise<number> {
  const { cables } = fromMarkdown(source, { path: FIXTURE })
  const bytes = await toDocx(cables[0]!)
  return bytes.length
}

const parsed = fromMarkdown(source, { path: FIXTURE }).cables[0]!
async function toDocxOnly(): Promise<number> {
  return (await toDocx(parsed)).length
}

/** Distinct one- to three-page French cables: more documents than the subset cache holds (256 subsets, 4 faces each). */
const DISTINCT_CABLES = 300
const distinct = Array.from({ length: DISTINCT_CABLES }, (_, index) => {
  const file = generateFile(index, 7, { kinds: ['markdown-fr'], pages: [1, 3] })
  return fromMarkdown(Buffer.from(file.bytes).toString('utf8'), { path: file.path }).cables[0]!
})
let next = 0
let distinctBytes = 0
async function toDocxDistinct(): Promise<number> {
  const bytes = (await toDocx(distinct[next++ % distinct.length]!)).length
  distinctBytes += bytes
  return bytes
}

function pandocOnce(): void {
  execFileSync('pandoc', ['-f', 'markdown', '-t', 'docx', '-o', join(dir, 'out.docx'), FIXTURE], { stdio: 'ignore' })
}

async function rate(fn: () => unknown, seconds: number): Promise<number> {
  const end = performance.now() + seconds * 1000
  const start = performance.now()
  let count = 0
  while (performance.now() < end || count < 3) {
    await fn()
    count++
  }
  return count / ((performance.now() - start) / 1000)
}

const hasPandoc = spawnSync('pandoc', ['--version'], { stdio: 'ignore' }).status === 0
const size = await cablekitOnce()
// Warm up: fonts read and compressed once per process, JIT.
for (let i = 0; i < 20; i++) await cablekitOnce()

const ours: number[] = []
const writerOnly: number[] = []
const writerDistinct: number[] = []
const theirs: number[] = []
for (let round = 0; round < ROUNDS; round++) {
  ours.push(await rate(cablekitOnce, SECONDS_PER_ROUND))
  writerOnly.push(await rate(toDocxOnly, SECONDS_PER_ROUND))
  writerDistinct.push(await rate(toDocxDistinct, SECONDS_PER_ROUND))
  if (hasPandoc) theirs.push(await rate(pandocOnce, SECONDS_PER_ROUND))
}
rmSync(dir, { recursive: true, force: true })

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const cablekitRate = median(ours)
console.log(`3-page French cable, Markdown → DOCX (${(size / 1024).toFixed(0)} KB with fonts), one core, median of ${ROUNDS} rounds of ${SECONDS_PER_ROUND} s:`)
console.log(`  cablekit md → docx      ${cablekitRate.toFixed(1).padStart(7)} cables/s  (fromMarkdown + toDocx)`)
console.log(`  toDocx alone            ${median(writerOnly).toFixed(1).padStart(7)} cables/s  (model → bytes)`)
console.log(
  `  toDocx, distinct cables ${median(writerDistinct).toFixed(1).padStart(7)} cables/s  (${DISTINCT_CABLES} generated French cables, ${(distinctBytes / next / 1024).toFixed(0)} KB each on average)`,
)
if (hasPandoc) {
  const pandocRate = median(theirs)
  const ratio = cablekitRate / pandocRate
  console.log(`  pandoc, one process     ${pandocRate.toFixed(1).padStart(7)} cables/s`)
  console.log(`  ratio md → docx         ${ratio.toFixed(1).padStart(7)}×  (goal ≥ 8×: ${ratio >= 8 ? 'met' : 'NOT met'})`)
  console.log(`  ratio toDocx alone      ${(median(writerOnly) / pandocRate).toFixed(1).padStart(7)}×`)
} else {
  console.log('  pandoc not installed: no baseline (apt-get install pandoc)')
}
