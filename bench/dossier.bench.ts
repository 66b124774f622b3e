/**
 * Books of many cables: wall time, pages, pages/s and peak RSS of
 * `toDossierPdfStream` written to a file, against the baseline of rendering
 * the same 1,000 cables as separate PDFs with `toPdf` (what a publisher would
 * otherwise do), measured side by side in this run. Each run is its own child
 * process, so its peak RSS (`maxRSS`) is its own.
 *
 * With `--count=N` (N above 1,000) a book of N cables is made too, beside the
 * 1,000-cable one: a streamed book's pages/s should hold and its peak RSS
 * should barely move. Goal (issue 17): 10,000 cables in at most 120 s and
 * under 1 GB.
 *
 * Run: npm run bench -- dossier [--count=10000]
 *  (or node --conditions=source --import tsx bench/dossier.bench.ts [--count=10000])
 */
import { spawnSync } from 'node:child_process'
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { fileURLToPath } from 'node:url'
import { fromMarkdown } from '@cablekit/core'
import type { Cable } from '@cablekit/core'
import { toDossierPdfStream, toPdf } from '@cablekit/render'

const argument = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3)
const BASE = 1000
const count = Number(argument('count') ?? argument('cables')) || BASE
const mode = argument('mode')
const GOAL = { cables: 10_000, seconds: 120, rssMB: 1024 }

/** `n` distinct cables made from the three examples (ids, subjects and dates vary, so nothing is shared by accident). */
function cables(n: number): Cable[] {
  const folder = fileURLToPath(new URL('../tests/fixtures/dossier/', import.meta.url))
  const seeds = ['09RABAT412.md', 'maroc-otan-cardiff.md', 'maroc-otan-requete.md'].map(
    (name) => fromMarkdown(readFileSync(join(folder, name)), { path: name }).cables[0]!,
  )
  return Array.from({ length: n }, (_, index) => {
    const seed = seeds[index % seeds.length]!
    const day = String((index % 28) + 1).padStart(2, '0')
    return {
      ...seed,
      id: `${seed.id ?? 'CABLE'}-${index + 1}`,
      subject: `${seed.subject ?? ''} (${index + 1})`,
      date: `2014-08-${day}`,
      tags: [...(seed.tags ?? []).slice(0, 5), `T${index % 40}`],
    }
  })
}

/** Pages of a PDF written by pdfkit: one uncompressed `/Type /Page` dictionary each. */
function pagesOf(path: string): number {
  return (
    readFileSync(path)
      .toString('latin1')
      .match(/\/Type \/Page\n/g)?.length ?? 0
  )
}

interface Figures {
  seconds: number
  /** CPU time of the process (user and system): on a shared machine, what the wall time would be alone on a core. */
  cpuSeconds: number
  rssMB: number
  bytes: number
  pages: number
}

async function child(kind: string, n: number): Promise<void> {
  const list = cables(n)
  const folder = mkdtempSync(join(tmpdir(), 'cablekit-bench-dossier-'))
  const start = performance.now()
  const cpu = process.cpuUsage()
  const cpuSeconds = () => {
    const used = process.cpuUsage(cpu)
    return (used.user + used.system) / 1e6
  }
  let bytes = 0
  let pages = 0
  if (kind === 'dossier') {
    const path = join(folder, 'book.pdf')
    await pipeline(
      toDossierPdfStream({ title: 'Benchmark', introduction: 'One book of many cables.', cables: list }, { duplex: true, order: 'date' }),
      createWriteStream(path),
    )
    bytes = statSync(path).size
    const seconds = (performance.now() - start) / 1000
    const cpuTime = cpuSeconds()
    pages = pagesOf(path)
    rmSync(folder, { recursive: true, force: true })
    process.stdout.write(JSON.stringify({ seconds, cpuSeconds: cpuTime, rssMB: process.resourceUsage().maxRSS / 1024, bytes, pages } satisfies Figures))
    return
  }
  for (const cable of list) {
    const pdf = await toPdf(cable)
    bytes += pdf.length
    pages +=
      Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength)
        .toString('latin1')
        .match(/\/Type \/Page\n/g)?.length ?? 0
  }
  const seconds = (performance.now() - start) / 1000
  rmSync(folder, { recursive: true, force: true })
  process.stdout.write(JSON.stringify({ seconds, cpuSeconds: cpuSeconds(), rssMB: process.resourceUsage().maxRSS / 1024, bytes, pages } satisfies Figures))
}

if (mode) await child(mode, count)
else {
  const run = (kind: string, n: number): Figures => {
    const result = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', fileURLToPath(import.meta.url), `--mode=${kind}`, `--count=${n}`], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    })
    if (result.status !== 0) throw new Error(`${kind} of ${n} cables failed: ${result.stderr}`)
    return JSON.parse(result.stdout) as Figures
  }
  console.log(`cables made from the three examples, one core, each run in its own process`)
  const separate = run('separate', BASE)
  const book = run('dossier', BASE)
  const big = count > BASE ? run('dossier', count) : undefined
  const row = (name: string, r: Figures) =>
    [
      name.padEnd(36),
      `${r.seconds.toFixed(1).padStart(7)} s (${r.cpuSeconds.toFixed(1)} s CPU)`,
      `${String(r.pages).padStart(7)} pages`,
      `${(r.pages / r.seconds).toFixed(0).padStart(5)} pages/s`,
      `${r.rssMB.toFixed(0).padStart(6)} MB peak RSS`,
      `${(r.bytes / 1024 / 1024).toFixed(1).padStart(7)} MB written`,
    ].join(' ')
  console.log(row(`baseline: toPdf per cable, ${BASE}`, separate))
  console.log(row(`toDossierPdfStream: one book, ${BASE}`, book))
  console.log(`ratio (book / separate): time ${(book.seconds / separate.seconds).toFixed(2)}×, peak RSS ${(book.rssMB / separate.rssMB).toFixed(2)}×`)
  if (big) {
    console.log(row(`toDossierPdfStream: one book, ${count}`, big))
    const pace = big.pages / big.seconds / (book.pages / book.seconds)
    console.log(`ratio (${count} / ${BASE} cables): pages/s ${pace.toFixed(2)}×, peak RSS ${(big.rssMB / book.rssMB).toFixed(2)}×`)
    const scale = GOAL.cables / count
    const verdict = (seconds: number) => (seconds * scale <= GOAL.seconds && big.rssMB < GOAL.rssMB ? 'met' : 'NOT met')
    console.log(
      `goal: ${GOAL.cables} cables in ≤ ${GOAL.seconds} s and < ${GOAL.rssMB} MB — ${verdict(big.seconds)} by wall time, ${verdict(big.cpuSeconds)} by CPU time` +
        (count === GOAL.cables ? '' : ` (times scaled from ${count})`),
    )
  } else console.log(`(add --count=${GOAL.cables} for the goal of issue 17: ${GOAL.cables} cables in ≤ ${GOAL.seconds} s and < ${GOAL.rssMB} MB)`)
}
