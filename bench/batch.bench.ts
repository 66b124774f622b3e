/**
 * `cablekit batch` on a generated archive, run as users run it: the BUILT
 * command (`node packages/cli/bin/cablekit.js`, plain Node, no tsx). It reports
 * cables and files per second and the peak resident memory of the whole
 * process tree (the parent and its workers) for PDF and DOCX, with `--jobs N`
 * and `--jobs 1`, side by side in the same run with the baselines the issue
 * names, on the same number of cores:
 *
 * - raw pdfkit drawing the same cables' text with the same embedded TTF fonts,
 *   in N plain Node processes, each writing its share of PDFs;
 * - pandoc converting the same Markdown files to DOCX with `xargs -P N`.
 *
 * Then the parent's peak RSS for a resumed run over 1,000 and over 100,000
 * inputs, to show that the walk, the resume map and compaction do not grow
 * with the archive.
 *
 *   node --import tsx bench/batch.bench.ts [--count 10000] [--jobs N] [--baseline-count 1000]
 *                                          [--rss-count 100000] [--skip-rss] [--no-build]
 *
 * The bench runs `npm run build` first when a build output is missing or
 * older than a source file; `--no-build` makes it stop with a message instead.
 * The baselines convert a sample (`--baseline-count`, the first Markdown files
 * in walk order): their rate does not depend on the archive's size.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { availableParallelism, loadavg } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { toString } from 'mdast-util-to-string'
import { parse } from '@cablekit/core'
import { fontFiles } from '@cablekit/render'
import { batchOptionsHash } from '../packages/cli/src/batch/run-batch.js'
import { generateArchive } from '../scripts/gen-archive-lib.js'
import { measure, newestUnder } from './process-tree.js'
import type { Measured } from './process-tree.js'
import { prepareResumed } from './resumed-archive.js'

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    jobs: { type: 'string', default: String(availableParallelism()) },
    'baseline-count': { type: 'string', default: '1000' },
    'rss-count': { type: 'string', default: '100000' },
    'skip-rss': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
  },
})
const count = Number(values.count)
const jobs = Number(values.jobs)
const repo = join(import.meta.dirname, '..')
const root = join(import.meta.dirname, '.output', 'batch')
const bin = join(repo, 'packages', 'cli', 'bin', 'cablekit.js')
const MB = 1024 * 1024
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')

// 0. The built CLI, fresh.
ensureBuilt()

interface EndEvent {
  rendered: number
  failed: number
  skipped: number
  resumed: number
}

/** The built `cablekit batch`, with `--progress json` so the end event gives the counts. */
async function batch(args: string[], env?: NodeJS.ProcessEnv): Promise<Measured & { end: EndEvent | undefined }> {
  const run = await measure(process.execPath, [bin, 'batch', ...args, '--progress', 'json'], env)
  let end: EndEvent | undefined
  try {
    const last = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '') as EndEvent & { event?: string }
    if (last.event === 'end') end = last
  } catch {
    end = undefined
  }
  return { ...run, end }
}

const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`

console.log(`load average at start: ${load()} (${availableParallelism()} cores)`)

// 1. The archive: generated once per count and kept under bench/.output.
const archive = join(root, `archive-${count}`)
if (!existsSync(join(archive, '.complete'))) {
  rmSync(archive, { recursive: true, force: true })
  const made = await generateArchive({ out: archive, count, seed: 1, malformed: Math.round(count / 50) })
  writeFileSync(join(archive, '.complete'), JSON.stringify(made.byKind))
}
const markdown = execFileSync('find', [archive, '-name', '*.md', '-type', 'f'], { encoding: 'utf8', maxBuffer: 64 * MB })
  .trim()
  .split('\n')
  .sort()
const sample = markdown.slice(0, Number(values['baseline-count']))
console.log(
  `archive: ${count} files (${markdown.length} Markdown); cablekit batch with --jobs ${jobs} and 1; baselines on ${sample.length} Markdown files, ${jobs} processes`,
)

// 2. cablekit batch, PDF and DOCX, all cores and one.
interface Row {
  name: string
  cables: number
  cablesPerSecond: number
  filesPerSecond: number
  run: Measured
}
const rows: Row[] = []
const rates: Record<string, number> = {}
const cpuPerCable: Record<string, number> = {}
const report = (row: Row, detail: string) => {
  rows.push(row)
  console.log(
    `${row.name}: ${row.cablesPerSecond.toFixed(1)} cables/s, ${row.filesPerSecond.toFixed(1)} files/s (${detail}), ${((1000 * row.run.cpu) / row.cables).toFixed(0)} ms CPU a cable; peak RSS tree ${mb(row.run.treeRss)}, parent ${mb(row.run.mainRss)}, largest child ${mb(row.run.childRss)}`,
  )
}
for (const to of ['pdf', 'docx']) {
  for (const n of [jobs, 1]) {
    const out = join(root, `out-${to}-${n}`)
    rmSync(out, { recursive: true, force: true })
    const run = await batch([archive, '-o', out, '--to', to, '--jobs', String(n), '--no-resume'])
    if (!run.end) throw new Error(`cablekit batch --to ${to} --jobs ${n} gave no end event (exit ${run.code})`)
    const files = run.end.rendered + run.end.failed
    const cables = countOutputs(join(out, 'manifest.jsonl'))
    rates[`${to}-${n}`] = cables / run.seconds
    cpuPerCable[`${to}-${n}`] = run.cpu / cables
    report(
      { name: `cablekit batch --to ${to} --jobs ${n}`, cables, cablesPerSecond: cables / run.seconds, filesPerSecond: files / run.seconds, run },
      `${cables} cables from ${files} files in ${run.seconds.toFixed(1)} s, ${run.end.failed} failed`,
    )
    rmSync(out, { recursive: true, force: true })
  }
}

// 3. Baseline for PDF: raw pdfkit with the same embedded TTF fonts drawing the same cables' text, N processes.
{
  const fonts = fontFiles()
  const shares: { lang: string; header: string[]; paragraphs: string[] }[][] = Array.from({ length: jobs }, () => [])
  let cables = 0
  for (const path of sample) {
    for (const cable of parse(readFileSync(path), { path }).cables) {
      const header = [cable.issuer?.state, cable.from, ...(cable.to ?? []), cable.subject].filter(
        (line): line is string => typeof line === 'string' && line !== '',
      )
      shares[cables++ % jobs]!.push({ lang: cable.lang ?? 'en', header, paragraphs: cable.body.map((node) => toString(node)) })
    }
  }
  const out = join(root, 'out-pdfkit')
  rmSync(out, { recursive: true, force: true })
  mkdirSync(out, { recursive: true })
  const pdfkit = pathToFileURL(createRequire(import.meta.url).resolve('pdfkit')).href
  const script = `
    import { readFileSync, writeFileSync } from 'node:fs'
    const { default: PDFDocument } = await import(${JSON.stringify(pdfkit)})
    const [share, fonts, out] = [JSON.parse(readFileSync(process.argv[1], 'utf8')), JSON.parse(process.argv[2]), process.argv[3]]
    let n = 0
    for (const cable of share) {
      const french = cable.lang === 'fr'
      const doc = new PDFDocument({ size: 'A4', margin: 64, info: { CreationDate: new Date(0) } })
      const chunks = []
      doc.on('data', (chunk) => chunks.push(chunk))
      const ended = new Promise((resolve) => doc.on('end', resolve))
      doc.font(french ? fonts.serif.bold : fonts.mono.bold ?? fonts.mono.regular).fontSize(11)
      for (const line of cable.header) doc.text(line)
      doc.moveDown().font(french ? fonts.serif.regular : fonts.mono.regular).fontSize(french ? 11 : 10)
      for (const paragraph of cable.paragraphs) doc.text(paragraph, { align: 'justify', paragraphGap: 6 })
      doc.end()
      await ended
      writeFileSync(out + '/' + process.pid + '-' + n++ + '.pdf', Buffer.concat(chunks))
    }`
  const args = shares.map((share, index) => {
    const file = join(root, `pdfkit-share-${index}.json`)
    writeFileSync(file, JSON.stringify(share))
    return file
  })
  // One shell parent, like xargs for pandoc, so the tree sampler sees every process.
  const run = await measure('sh', [
    '-c',
    'js="$0"; fonts="$1"; out="$2"; shift 2; for share in "$@"; do node --input-type=module -e "$js" "$share" "$fonts" "$out" & done; wait',
    script,
    JSON.stringify(fonts),
    out,
    ...args,
  ])
  rates['pdfkit'] = cables / run.seconds
  cpuPerCable['pdfkit'] = run.cpu / cables
  report(
    { name: `raw pdfkit, embedded TTF, ${jobs} processes`, cables, cablesPerSecond: cables / run.seconds, filesPerSecond: sample.length / run.seconds, run },
    `${cables} cables in ${run.seconds.toFixed(1)} s`,
  )
  rmSync(out, { recursive: true, force: true })
}

// 4. Baseline for DOCX: pandoc, one process per Markdown file, xargs -P on the same cores.
{
  const out = join(root, 'out-pandoc')
  rmSync(out, { recursive: true, force: true })
  mkdirSync(out, { recursive: true })
  const list = join(root, 'markdown.list')
  writeFileSync(list, sample.join('\0'))
  const run = await measure('sh', [
    '-c',
    `xargs -0 -P ${jobs} -n 1 sh -c 'pandoc -f markdown -t docx "$1" -o "$0/$(basename "$1" .md).docx" 2>/dev/null || true' "${out}" < "${list}"`,
  ])
  rates['pandoc'] = sample.length / run.seconds
  cpuPerCable['pandoc'] = run.cpu / sample.length
  report(
    {
      name: `pandoc md→docx, xargs -P ${jobs}`,
      cables: sample.length,
      cablesPerSecond: sample.length / run.seconds,
      filesPerSecond: sample.length / run.seconds,
      run,
    },
    `${sample.length} files in ${run.seconds.toFixed(1)} s`,
  )
  rmSync(out, { recursive: true, force: true })
}

// 5. Peak RSS against archive size: a resumed run over N tiny inputs, every one already in the manifest,
//    so the walk, hashing, resume map, manifest compaction and progress events all run for every input.
const rss: Record<number, Measured> = {}
if (!values['skip-rss']) {
  const version = (JSON.parse(readFileSync(join(repo, 'packages', 'cli', 'package.json'), 'utf8')) as { version: string }).version
  const hash = batchOptionsHash({ to: ['pdf'], version }, {})
  for (const n of [1000, Number(values['rss-count'])]) {
    const base = join(root, `rss-${n}`)
    if (!existsSync(join(base, '.complete'))) {
      rmSync(base, { recursive: true, force: true })
      prepareResumed(base, n, hash)
      writeFileSync(join(base, '.complete'), '')
    }
    const env = { ...process.env }
    delete env['SOURCE_DATE_EPOCH']
    rss[n] = await batch([join(base, 'archive'), '-o', join(base, 'out'), '--to', 'pdf', '--jobs', String(jobs)], env)
    const end = (rss[n] as { end?: EndEvent }).end
    console.log(
      `resumed run over ${n} inputs: ${end?.resumed ?? '?'} resumed in ${rss[n]!.seconds.toFixed(1)} s; peak RSS of the parent ${mb(rss[n]!.mainRss)} (tree ${mb(rss[n]!.treeRss)})`,
    )
  }
}

// 6. Ratios and goals.
console.log(`\nload average at end: ${load()}`)
console.log('ratios (same run, same machine, cables per second):')
const pdfRatio = rates[`pdf-${jobs}`]! / rates['pdfkit']!
const docxRatio = rates[`docx-${jobs}`]! / rates['pandoc']!
console.log(`  PDF, --jobs ${jobs} vs raw pdfkit in ${jobs} processes: ${pdfRatio.toFixed(2)}× (goal ≥ 3×) ${pdfRatio >= 3 ? 'met' : 'NOT met'}`)
console.log(`  DOCX, --jobs ${jobs} vs pandoc xargs -P ${jobs}: ${docxRatio.toFixed(2)}× (goal ≥ 8×) ${docxRatio >= 8 ? 'met' : 'NOT met'}`)
console.log(
  `  CPU a cable, baseline over cablekit (less sensitive to other load): PDF ${(cpuPerCable['pdfkit']! / cpuPerCable[`pdf-${jobs}`]!).toFixed(2)}×, DOCX ${(cpuPerCable['pandoc']! / cpuPerCable[`docx-${jobs}`]!).toFixed(2)}×`,
)
console.log(
  `  PDF --jobs ${jobs} vs 1: ${(rates[`pdf-${jobs}`]! / rates['pdf-1']!).toFixed(2)}×, DOCX --jobs ${jobs} vs 1: ${(rates[`docx-${jobs}`]! / rates['docx-1']!).toFixed(2)}×`,
)
for (const row of rows.filter((row) => row.name.startsWith('cablekit'))) {
  console.log(`  peak RSS of the tree, ${row.name}: ${mb(row.run.treeRss)} (goal < 400 MB) ${row.run.treeRss < 400 * MB ? 'met' : 'NOT met'}`)
}
const ns = Object.keys(rss).map(Number)
if (ns.length === 2)
  console.log(
    `  parent peak RSS, ${ns[1]} vs ${ns[0]} inputs: ${(rss[ns[1]!]!.mainRss / rss[ns[0]!]!.mainRss).toFixed(2)}× (${mb(rss[ns[1]!]!.mainRss)} vs ${mb(rss[ns[0]!]!.mainRss)})`,
  )

/** How many outputs (one per cable and format) a manifest records. */
function countOutputs(manifest: string): number {
  let outputs = 0
  for (const line of readFileSync(manifest, 'utf8').split('\n')) if (line) outputs += (JSON.parse(line) as { outputs: unknown[] }).outputs.length
  return outputs
}

/**
 * Make sure `packages/*\/dist` is built from the current sources: build when
 * an output is missing or older than a source file, unless `--no-build`,
 * which stops with a message instead.
 */
function ensureBuilt(): void {
  const outputs = [
    join(repo, 'packages', 'core', 'dist', 'index.js'),
    join(repo, 'packages', 'render', 'dist', 'index.js'),
    join(repo, 'packages', 'cli', 'dist', 'index.js'),
    join(repo, 'packages', 'cli', 'dist', 'batch-worker.js'),
  ]
  const oldestOutput = Math.min(...outputs.map((path) => (existsSync(path) ? statSync(path).mtimeMs : 0)))
  const newestSource = Math.max(...['core', 'render', 'cli'].map((name) => newestUnder(join(repo, 'packages', name, 'src'))))
  if (oldestOutput >= newestSource) return
  const why = oldestOutput === 0 ? 'is missing' : 'is older than its sources'
  if (values['no-build']) {
    process.stderr.write(`batch.bench: the built CLI (packages/*/dist) ${why}: run \`npm run build\` first, or drop --no-build\n`)
    process.exit(2)
  }
  console.log(`the built CLI ${why}: running npm run build`)
  const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: repo, stdio: 'inherit' })
  if (result.status !== 0) {
    process.stderr.write('batch.bench: npm run build failed\n')
    process.exit(2)
  }
}
