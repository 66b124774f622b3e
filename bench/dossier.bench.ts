/**
 * One book of 1,000 cables: time and peak RSS of `toDossierPdfStream` written
 * to a file, against the baseline of rendering the same cables as separate
 * PDFs with `toPdf` (what a publisher would otherwise do), measured side by
 * side in this run. Each side runs in its own child process so its peak RSS
 * (`maxRSS`) is its own. Goal: under 1 GB and under 60 s on this machine.
 *
 * Run: node --import tsx bench/dossier.bench.ts [--cables=1000]   (or npm run bench -- dossier)
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
const count = Number(argument('cables')) || 1000
const mode = argument('mode')

/** `count` distinct cables made from the three examples (ids, subjects and dates vary, so nothing is shared by accident). */
function cables(): Cable[] {
  const folder = fileURLToPath(new URL('../tests/fixtures/dossier/', import.meta.url))
  const seeds = ['09RABAT412.md', 'maroc-otan-cardiff.md', 'maroc-otan-requete.md'].map(
    (name) => fromMarkdown(readFileSync(join(folder, name)), { path: name }).cables[0]!,
  )
  return Array.from({ length: count }, (_, index) => {
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

async function child(kind: string): Promise<void> {
  const list = cables()
  const folder = mkdtempSync(join(tmpdir(), 'cablekit-bench-dossier-'))
  const start = performance.now()
  let bytes = 0
  if (kind === 'dossier') {
    const path = join(folder, 'book.pdf')
    await pipeline(
      toDossierPdfStream({ title: 'Benchmark', introduction: 'One book of many cables.', cables: list }, { duplex: true, order: 'date' }),
      createWriteStream(path),
    )
    bytes = statSync(path).size
  } else {
    for (const cable of list) bytes += (await toPdf(cable)).length
  }
  const seconds = (performance.now() - start) / 1000
  rmSync(folder, { recursive: true, force: true })
  process.stdout.write(JSON.stringify({ seconds, rssMB: process.resourceUsage().maxRSS / 1024, bytes }))
}

if (mode) await child(mode)
else {
  const run = (kind: string) => {
    const result = spawnSync(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', fileURLToPath(import.meta.url), `--mode=${kind}`, `--cables=${count}`],
      { encoding: 'utf8', maxBuffer: 1 << 20 },
    )
    if (result.status !== 0) throw new Error(`${kind} failed: ${result.stderr}`)
    return JSON.parse(result.stdout) as { seconds: number; rssMB: number; bytes: number }
  }
  console.log(`${count} cables from the three examples, one core, each side in its own process`)
  const separate = run('separate')
  const dossier = run('dossier')
  const row = (name: string, r: typeof dossier) =>
    `${name.padEnd(34)} ${r.seconds.toFixed(1).padStart(7)} s ${r.rssMB.toFixed(0).padStart(7)} MB peak RSS ${(r.bytes / 1024 / 1024).toFixed(1).padStart(7)} MB written`
  console.log(row('baseline: toPdf per cable', separate))
  console.log(row('toDossierPdfStream: one book', dossier))
  console.log(`ratio (book / separate): time ${(dossier.seconds / separate.seconds).toFixed(2)}×, peak RSS ${(dossier.rssMB / separate.rssMB).toFixed(2)}×`)
  console.log(`goal: under 60 s and under 1024 MB — ${dossier.seconds < 60 && dossier.rssMB < 1024 ? 'met' : 'NOT met'}`)
}
