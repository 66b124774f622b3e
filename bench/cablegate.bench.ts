/**
 * Cablegate scale: `cablekit batch` over a generated archive of Cablegate's
 * shape (WikiLeaks raw-text US telegrams, the release's lengths,
 * classifications, years and posts: `profile: 'cablegate'` of
 * `scripts/gen-archive-lib.ts`), run as users run it, with the BUILT command
 * (`node packages/cli/bin/cablekit.js batch DIR -o OUT --to pdf --jobs 2`, then
 * `--to docx`). For each format it records the wall time, the CPU time of the
 * whole tree, cables and pages per second, the peak RSS of the process tree
 * and of the parent, and the output's size, and projects the time and size of
 * the whole release (251,287 cables) linearly from the measured rate: a
 * projection, not a measurement.
 *
 * Then the parent's peak RSS for a resumed run over 1,000 and over 100,000 tiny
 * inputs, each already in the manifest, as `bench/batch.bench.ts` measures it:
 * the walk, hashing, the resume map, compaction and progress events run for
 * every input and only rendering is left out.
 *
 *   npm run bench -- cablegate [--count=20000] [--jobs=2] [--seed=1] [--formats=pdf,docx|--formats=]
 *                              [--rss-count=100000] [--skip-rss] [--keep-outputs] [--build]
 *
 * (`npm run bench` passes on only the arguments that start with `-`: join each
 * value to its option with `=`. An empty `--formats=` measures only the
 * resumed runs.)
 *
 * It prints a table and writes it as JSON to `bench/.output/cablegate/result.json`.
 * The archive is generated once per count, seed and generator version and kept
 * under `bench/.output/cablegate/`; output folders are removed before and after
 * each run. A missing build stops the bench with a message; a build older than
 * its sources is measured as it is, with a warning, unless `--build` asks for
 * `npm run build` first.
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { ParseArgsConfig } from 'node:util'
import { batchOptionsHash } from '../packages/cli/src/batch/run-batch.js'
import { CABLEGATE_SHAPE, generateArchive } from '../scripts/gen-archive-lib.js'
import { measure, newestUnder } from './process-tree.js'
import type { Measured } from './process-tree.js'
import { prepareResumed } from './resumed-archive.js'

const { values } = readArgs({
  options: {
    count: { type: 'string', default: '20000' },
    jobs: { type: 'string', default: '2' },
    seed: { type: 'string', default: '1' },
    formats: { type: 'string', default: 'pdf,docx' },
    'rss-count': { type: 'string', default: '100000' },
    'skip-rss': { type: 'boolean', default: false },
    'keep-outputs': { type: 'boolean', default: false },
    build: { type: 'boolean', default: false },
  },
})
const count = Number(values.count)
const jobs = Number(values.jobs)
const seed = Number(values.seed)
const rssCount = Number(values['rss-count'])
const formats = (values.formats ?? '').split(',').filter(Boolean)
for (const [name, value] of [
  ['--count', count],
  ['--jobs', jobs],
  ['--seed', seed],
  ['--rss-count', rssCount],
] as const) {
  if (!Number.isSafeInteger(value) || value < 1) fail(`${name} takes a whole number ≥ 1`)
}
// `--formats=` (empty) renders nothing and measures only the resumed runs.
for (const format of formats) if (format !== 'pdf' && format !== 'docx') fail(`--formats takes pdf and/or docx, not \`${format}\``)

const RELEASE = CABLEGATE_SHAPE.total
const repo = join(import.meta.dirname, '..')
const root = join(import.meta.dirname, '.output', 'cablegate')
const bin = join(repo, 'packages', 'cli', 'bin', 'cablekit.js')
const MB = 1024 * 1024
const GB = 1e9
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')

ensureBuilt()
mkdirSync(root, { recursive: true })

interface EndEvent {
  rendered: number
  failed: number
  skipped: number
  resumed: number
}

/** What one format's run gave, and what it projects for the release. */
interface FormatResult {
  format: string
  files: number
  rendered: number
  failed: number
  cables: number
  seconds: number
  cpuSeconds: number
  cablesPerSecond: number
  cpuMsPerCable: number
  pages: number | null
  pagesPerSecond: number | null
  treeRssMB: number
  parentRssMB: number
  largestWorkerRssMB: number
  outputBytes: number
  outputGB: number
  bytesPerCable: number
  /**
   * Linear projections to the release: from the wall time, and from the tree's
   * CPU time spread over `--jobs` otherwise idle cores (what the wall time
   * would be with the machine to itself; the machine is shared).
   */
  projected: { cables: number; seconds: number; minutes: number; cpuBoundMinutes: number; outputGB: number }
}

const started = new Date()
console.log(
  `load average at start: ${load()} (${availableParallelism()} cores, ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB), ${started.toISOString()}`,
)

// 1. The archive, generated once per count, seed and generator version; other versions are removed to spare the disk.
const generator = createHash('sha256')
  .update(readFileSync(join(repo, 'scripts', 'gen-archive-lib.ts')))
  .digest('hex')
  .slice(0, 12)
const archiveName = `archive-${count}-seed${seed}-${generator}`
const archive = join(root, archiveName)
// With no format to render (`--formats=`, only the resumed runs), no archive is needed.
let generated: { files: number; bytes: number; seconds: number } = { files: 0, bytes: 0, seconds: 0 }
if (formats.length > 0 && existsSync(join(archive, '.complete'))) {
  generated = JSON.parse(readFileSync(join(archive, '.complete'), 'utf8')) as typeof generated
} else if (formats.length > 0) {
  for (const name of readdirSync(root)) if (name.startsWith('archive-')) rmSync(join(root, name), { recursive: true, force: true })
  const t0 = performance.now()
  const made = await generateArchive({ out: archive, count, seed, profile: 'cablegate' })
  generated = { files: made.files.length, bytes: made.bytes, seconds: (performance.now() - t0) / 1000 }
  writeFileSync(join(archive, '.complete'), JSON.stringify(generated))
}
if (formats.length > 0)
  console.log(
    `archive: ${generated.files} Cablegate-shaped records (profile cablegate, seed ${seed}), ${(generated.bytes / MB).toFixed(1)} MB of text, generated in ${generated.seconds.toFixed(1)} s → ${archive}`,
  )

// 2. cablekit batch, one format at a time, all the --jobs asked for.
const results: FormatResult[] = []
let pagesFromPdf: number | null = null
for (const format of formats) {
  const out = join(root, `out-${format}`)
  rmSync(out, { recursive: true, force: true })
  console.log(`cablekit batch --to ${format} --jobs ${jobs} over ${generated.files} files… (load ${load()})`)
  const run = await batch([archive, '-o', out, '--to', format, '--jobs', String(jobs), '--no-resume'])
  if (!run.end) fail(`cablekit batch --to ${format} gave no end event (exit ${run.code}); its output is in ${out}\n${run.stderr}`)
  const manifest = readManifest(join(out, 'manifest.jsonl'))
  const pages: number | null = format === 'pdf' ? countPages(out, manifest.paths) : pagesFromPdf
  if (format === 'pdf') pagesFromPdf = pages
  const result: FormatResult = {
    format,
    files: run.end.rendered + run.end.failed,
    rendered: run.end.rendered,
    failed: run.end.failed,
    cables: manifest.outputs,
    seconds: run.seconds,
    cpuSeconds: run.cpu,
    cablesPerSecond: manifest.outputs / run.seconds,
    cpuMsPerCable: (1000 * run.cpu) / manifest.outputs,
    pages,
    pagesPerSecond: format === 'pdf' && pages !== null ? pages / run.seconds : null,
    treeRssMB: run.treeRss / MB,
    parentRssMB: run.mainRss / MB,
    largestWorkerRssMB: run.childRss / MB,
    outputBytes: manifest.bytes,
    outputGB: manifest.bytes / GB,
    bytesPerCable: manifest.bytes / manifest.outputs,
    projected: {
      cables: RELEASE,
      seconds: (run.seconds * RELEASE) / manifest.outputs,
      minutes: (run.seconds * RELEASE) / manifest.outputs / 60,
      cpuBoundMinutes: (run.cpu * RELEASE) / manifest.outputs / Math.min(jobs, availableParallelism()) / 60,
      outputGB: (manifest.bytes * RELEASE) / manifest.outputs / GB,
    },
  }
  results.push(result)
  console.log(
    `  ${result.cables} cables (${result.failed} files failed) in ${result.seconds.toFixed(1)} s: ${result.cablesPerSecond.toFixed(1)} cables/s` +
      `${result.pagesPerSecond !== null ? `, ${result.pagesPerSecond.toFixed(1)} pages/s (${result.pages} pages)` : ''}, ${result.cpuMsPerCable.toFixed(1)} ms CPU a cable; ` +
      `peak RSS tree ${result.treeRssMB.toFixed(0)} MB, parent ${result.parentRssMB.toFixed(0)} MB, largest worker ${result.largestWorkerRssMB.toFixed(0)} MB; ` +
      `output ${result.outputGB.toFixed(3)} GB (${(result.bytesPerCable / 1024).toFixed(1)} KB a cable)`,
  )
  if (result.failed > 0) console.log(`  note: ${result.failed} inputs failed; see ${join(out, 'manifest.jsonl')}`)
  if (!values['keep-outputs']) rmSync(out, { recursive: true, force: true })
}

// 3. The parent's peak RSS for resumed runs over 1,000 and `--rss-count` tiny inputs, all already rendered.
const resumed: { inputs: number; resumed: number; seconds: number; parentRssMB: number; treeRssMB: number }[] = []
if (!values['skip-rss']) {
  const version = (JSON.parse(readFileSync(join(repo, 'packages', 'cli', 'package.json'), 'utf8')) as { version: string }).version
  const hash = batchOptionsHash({ to: ['pdf'], version }, {})
  for (const n of [...new Set([1000, rssCount])]) {
    const base = join(root, `rss-${n}`)
    // The prepared manifest names the options hash: a new version of the CLI needs a new one.
    const stamp = `${version} ${hash}`
    if (!existsSync(join(base, '.complete')) || readFileSync(join(base, '.complete'), 'utf8') !== stamp) {
      rmSync(base, { recursive: true, force: true })
      prepareResumed(base, n, hash)
      writeFileSync(join(base, '.complete'), stamp)
    }
    const env = { ...process.env }
    delete env['SOURCE_DATE_EPOCH']
    const run = await batch([join(base, 'archive'), '-o', join(base, 'out'), '--to', 'pdf', '--jobs', String(jobs)], env)
    // No end event: the run failed (a build being rewritten under it, say); its figure would mean nothing.
    if (!run.end) fail(`the resumed run over ${n} inputs gave no end event (exit ${run.code}):\n${run.stderr}`)
    resumed.push({ inputs: n, resumed: run.end.resumed, seconds: run.seconds, parentRssMB: run.mainRss / MB, treeRssMB: run.treeRss / MB })
    console.log(
      `resumed run over ${n} inputs: ${run.end.resumed} resumed in ${run.seconds.toFixed(1)} s; peak RSS of the parent ${(run.mainRss / MB).toFixed(0)} MB (tree ${(run.treeRss / MB).toFixed(0)} MB)`,
    )
  }
}

// 4. The table, and the JSON.
const pdf = results.find((result) => result.format === 'pdf')
const goal = pdf
  ? { minutes: 30, projectedMinutes: pdf.projected.minutes, cpuBoundMinutes: pdf.projected.cpuBoundMinutes, met: pdf.projected.minutes <= 30 }
  : null
const table = [
  `Cablegate scale: ${formats.length > 0 ? `${generated.files} generated records` : 'resumed runs only'}, --jobs ${jobs}, ${availableParallelism()} cores (shared machine), ${started.toISOString().slice(0, 10)}`,
  '',
  '| format | cables | wall time | cables/s | pages/s | CPU a cable | peak RSS tree / parent | output | a cable | 251,287 projected: wall | from CPU on idle cores | size |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...results.map(
    (r) =>
      `| ${r.format} | ${r.cables} | ${r.seconds.toFixed(0)} s | ${r.cablesPerSecond.toFixed(1)} | ${r.pagesPerSecond === null ? '–' : r.pagesPerSecond.toFixed(1)} | ${r.cpuMsPerCable.toFixed(1)} ms | ${r.treeRssMB.toFixed(0)} / ${r.parentRssMB.toFixed(0)} MB | ${r.outputGB.toFixed(2)} GB | ${(r.bytesPerCable / 1024).toFixed(1)} KB | ${r.projected.minutes.toFixed(1)} min | ${r.projected.cpuBoundMinutes.toFixed(1)} min | ${r.projected.outputGB.toFixed(1)} GB |`,
  ),
  '',
  ...(pdf?.pages ? [`pages: ${pdf.pages} in ${pdf.cables} PDFs, ${(pdf.pages / pdf.cables).toFixed(2)} a cable`] : []),
  ...resumed.map(
    (r) =>
      `parent's peak RSS, resumed run over ${r.inputs} inputs: ${r.parentRssMB.toFixed(0)} MB (tree ${r.treeRssMB.toFixed(0)} MB, ${r.seconds.toFixed(1)} s)`,
  ),
  ...(goal
    ? [
        `goal: the release to PDF in ≤ 30 min: projected ${goal.projectedMinutes.toFixed(1)} min from the wall time, ${goal.met ? 'met' : 'NOT met'}; ` +
          `${goal.cpuBoundMinutes.toFixed(1)} min from the CPU time on ${Math.min(jobs, availableParallelism())} idle cores (linear projections)`,
      ]
    : []),
  `load average at end: ${load()}`,
]
console.log(`\n${table.join('\n')}`)
const result = {
  date: started.toISOString(),
  machine: { cores: availableParallelism(), cpu: cpus()[0]?.model ?? null, memoryGB: totalmem() / 2 ** 30, shared: true },
  command: `node packages/cli/bin/cablekit.js batch DIR -o OUT --to FORMAT --jobs ${jobs} --no-resume --progress json`,
  archive: { profile: 'cablegate', count, seed, generator, ...generated },
  formats: results,
  projection: `linear from the measured rate (wall time; and CPU time over ${Math.min(jobs, availableParallelism())} idle cores) and bytes a cable, to ${RELEASE} cables: a projection, not a measurement`,
  resumed,
  goal,
  loadAverageEnd: loadavg(),
}
writeFileSync(join(root, 'result.json'), `${JSON.stringify(result, null, 2)}\n`)
console.log(`written: ${join(root, 'result.json')}`)

/**
 * `parseArgs`, with its errors as a message. `npm run bench` passes on only the
 * arguments that start with `-`, so a value must be joined to its option.
 */
function readArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config)
  } catch (error) {
    fail(`${(error as Error).message.split('\n')[0]} (through \`npm run bench\`, join values to their options: --count=20000)`)
  }
}

/** Stop with a message, never a stack trace. */
function fail(message: string): never {
  process.stderr.write(`cablegate.bench: ${message}\n`)
  process.exit(2)
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

/** How many outputs (one per cable and format) a manifest records, their bytes, and their paths. */
function readManifest(path: string): { outputs: number; bytes: number; paths: string[] } {
  if (!existsSync(path)) fail(`no manifest at ${path}`)
  const paths: string[] = []
  let bytes = 0
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line) continue
    for (const output of (JSON.parse(line) as { outputs: { path: string; bytes: number }[] }).outputs) {
      paths.push(output.path)
      bytes += output.bytes
    }
  }
  return { outputs: paths.length, bytes, paths }
}

/**
 * Pages of every PDF: its `/Type /Page` objects, read from the file (pdfkit
 * writes no object streams); a file where none is found is asked of `pdfinfo`.
 * Counted after the timed run, so it costs the measurement nothing.
 */
function countPages(out: string, paths: string[]): number | null {
  let pages = 0
  for (const path of paths) {
    const text = readFileSync(join(out, path)).toString('latin1')
    let found = text.match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0
    if (found === 0) {
      const info = spawnSync('pdfinfo', [join(out, path)], { encoding: 'utf8' })
      found = Number(/^Pages:\s+(\d+)/m.exec(info.stdout ?? '')?.[1] ?? Number.NaN)
      if (!Number.isFinite(found)) return null
    }
    pages += found
  }
  return pages
}

/**
 * The built CLI must exist: a missing `packages/*\/dist` stops the bench with
 * a message. One older than its sources is measured as it is, with a warning
 * (other work may be half-done in the sources), unless `--build`.
 */
function ensureBuilt(): void {
  const outputs = ['core', 'render', 'cli'].map((name) => join(repo, 'packages', name, 'dist', 'index.js'))
  outputs.push(join(repo, 'packages', 'cli', 'dist', 'batch-worker.js'))
  const missing = outputs.filter((path) => !existsSync(path))
  const oldestOutput = missing.length > 0 ? 0 : Math.min(...outputs.map((path) => statSync(path).mtimeMs))
  const newestSource = Math.max(...['core', 'render', 'cli'].map((name) => newestUnder(join(repo, 'packages', name, 'src'))))
  if (values.build && (missing.length > 0 || oldestOutput < newestSource)) {
    console.log('running npm run build')
    if (spawnSync('npm', ['run', 'build', '--silent'], { cwd: repo, stdio: 'inherit' }).status !== 0) fail('npm run build failed')
    return
  }
  if (missing.length > 0)
    fail(`the built CLI is missing (${missing.map((path) => path.slice(repo.length + 1)).join(', ')}): run \`npm run build\` first, or pass --build`)
  if (oldestOutput < newestSource)
    console.log('warning: packages/*/dist is older than its sources; measuring the build as it is (pass --build to rebuild first)')
}
