/**
 * Start-up and whole runs of the BUILT command (`node packages/cli/bin/cablekit.js`,
 * plain Node), as users run it, side by side with the baselines of issue 17:
 *
 * 1. Start-up: `node -e ''`, `cablekit --help`, `parse` of one cable and
 *    `render --to pdf` / `--to docx` of one cable, interleaved, median wall
 *    time and CPU time of each.
 * 2. Whole runs over 200 copies of a 4-page cable on ONE pinned core
 *    (`taskset -c 0` on both sides): `batch --jobs 1 --to pdf` against raw
 *    pdfkit (one plain Node process drawing the same cables' text with
 *    `doc.text` and the same embedded TTF fonts), and `batch --jobs 1 --to
 *    docx` against pandoc (md→docx, one process per file, one after the other).
 *    Each run counts its own start-up, as a user's run does.
 * 3. `batch --jobs 2` against `--jobs 1`, unpinned.
 *
 * Rounds are interleaved (A B C… A B C…) and medians reported, so a burst of
 * load on the shared machine hits every side alike.
 *
 *   node --import tsx bench/startup.bench.ts [--count 200] [--rounds 3] [--startup-runs 15]
 *                                            [--cli PATH/TO/cablekit.js] [--other PATH/TO/cablekit.js] [--no-build]
 *
 * `--no-build` measures the build as it is, even when older than its sources.
 * `--cli` measures another build instead of this checkout's (a copy, safe from
 * rebuilds while it runs); `--other` adds a second build of the command (a copy of an older tree) to
 * every measurement, to compare before and after in the same run.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { availableParallelism, loadavg } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { toString } from 'mdast-util-to-string'
import { parse } from '@cablekit/core'
import { fontFiles, toPdf } from '@cablekit/render'

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '3' },
    'startup-runs': { type: 'string', default: '15' },
    cli: { type: 'string' },
    other: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
  },
})
const count = Number(values.count)
const rounds = Number(values.rounds)
const startupRuns = Number(values['startup-runs'])
const repo = join(import.meta.dirname, '..')
const root = join(import.meta.dirname, '.output', 'startup')
const bins: Record<string, string> = { cablekit: values.cli ?? join(repo, 'packages', 'cli', 'bin', 'cablekit.js') }
if (values.other) bins['other'] = values.other
const pinned = existsSync('/usr/bin/taskset') ? ['taskset', '-c', '0'] : []
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')

if (!values.cli) ensureBuilt()
rmSync(root, { recursive: true, force: true })
mkdirSync(root, { recursive: true })

interface Measured {
  seconds: number
  /** CPU seconds (user + system) of the command and everything it waited for. */
  cpu: number
  code: number | null
}

/** Run a command under a shell whose `times` then prints the CPU time of everything it waited for. */
function measure(argv: string[]): Promise<Measured> {
  const started = performance.now()
  const child = spawn('sh', ['-c', '"$@" >/dev/null 2>&1; status=$?; times >&2; exit $status', 'sh', ...argv], { stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (text: string) => void (stderr += text))
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      const times = /(\d+)m([\d.]+)s\s+(\d+)m([\d.]+)s\s*$/.exec(stderr)
      const cpu = times ? Number(times[1]) * 60 + Number(times[2]) + Number(times[3]) * 60 + Number(times[4]) : Number.NaN
      resolve({ seconds: (performance.now() - started) / 1000, cpu, code })
    })
  })
}

const median = (list: number[]) => {
  const sorted = [...list].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** Run every case `times` times, interleaved, and give each case's median wall and CPU time. */
async function interleaved(cases: Record<string, string[]>, times: number, check?: (name: string, run: Measured) => void): Promise<Record<string, Measured>> {
  const runs: Record<string, Measured[]> = {}
  for (let round = 0; round < times; round++) {
    for (const [name, argv] of Object.entries(cases)) {
      const run = await measure(argv)
      check?.(name, run)
      ;(runs[name] ??= []).push(run)
    }
  }
  return Object.fromEntries(
    Object.entries(runs).map(([name, list]) => [
      name,
      { seconds: median(list.map((run) => run.seconds)), cpu: median(list.map((run) => run.cpu)), code: list.at(-1)!.code },
    ]),
  )
}

console.log(`load average at start: ${load()} (${availableParallelism()} cores); Node ${process.version}`)

// The cable: the 3-page French fixture, grown by its own paragraphs to 4 pages.
const fixture = join(repo, 'tests', 'fixtures', 'pdf', 'three-pages.md')
const text = readFileSync(fixture, 'utf8')
const end = text.indexOf('\n---\n', 4) + 5
const plain = text
  .slice(end)
  .split(/\n\n+/)
  .filter((block) => /^\p{L}/u.test(block) && !block.includes('\n'))
let grown = text
const pages = async (source: string) => {
  const bytes = await toPdf(parse(Buffer.from(source), { path: 'cable.md' }).cables[0]!)
  return (
    Buffer.from(bytes)
      .toString('latin1')
      .match(/\/Type \/Page\b/g)?.length ?? 0
  )
}
for (let index = 0; (await pages(grown)) < 4 && index < 200; index++) grown += `\n${plain[index % plain.length]}\n`
const archive = join(root, 'archive')
mkdirSync(archive, { recursive: true })
const files: string[] = []
for (let index = 0; index < count; index++) {
  const path = join(archive, `c${String(index).padStart(4, '0')}.md`)
  // Each copy its own id, so outputs are not byte copies of each other.
  writeFileSync(
    path,
    grown.replace(/^id: (.*)$/m, (_, id: string) => `id: ${id}-${index}`),
  )
  files.push(path)
}
console.log(`archive: ${count} copies of a ${await pages(grown)}-page French cable (${Buffer.byteLength(grown)} bytes)`)

// 1. Start-up.
{
  const cable = files[0]!
  const cases: Record<string, string[]> = { "node -e ''": ['node', '-e', ''] }
  for (const [name, bin] of Object.entries(bins)) {
    cases[`${name} --help`] = ['node', bin, '--help']
    cases[`${name} parse one cable`] = ['node', bin, 'parse', cable]
    cases[`${name} render one cable --to pdf`] = ['node', bin, 'render', cable, '-o', join(root, `one-${name}`), '--to', 'pdf']
    cases[`${name} render one cable --to docx`] = ['node', bin, 'render', cable, '-o', join(root, `one-${name}`), '--to', 'docx']
  }
  const results = await interleaved(cases, startupRuns, (name, run) => {
    if (run.code !== 0) throw new Error(`${name} exited ${run.code}`)
  })
  console.log(`\nstart-up, median of ${startupRuns} interleaved runs (wall, and CPU user+system):`)
  for (const [name, run] of Object.entries(results)) console.log(`  ${name}: ${(run.seconds * 1000).toFixed(0)} ms wall, ${(run.cpu * 1000).toFixed(0)} ms CPU`)
}

// 2. Whole runs on one pinned core, and 3. --jobs 2 against --jobs 1.
const sample = files.map((path) => {
  const cable = parse(readFileSync(path), { path }).cables[0]!
  const header = [cable.issuer?.state, cable.from, ...(cable.to ?? []), cable.subject].filter((line): line is string => typeof line === 'string' && line !== '')
  const paragraphs = [...cable.body, ...cable.attachments.flatMap((attachment) => attachment.body)].map((node) => toString(node))
  return { lang: cable.lang ?? 'fr', header, paragraphs }
})
const share = join(root, 'pdfkit-share.json')
writeFileSync(share, JSON.stringify(sample))
const pdfkit = pathToFileURL(createRequire(import.meta.url).resolve('pdfkit')).href
const script = join(root, 'raw-pdfkit.mjs')
writeFileSync(
  script,
  `import { readFileSync, writeFileSync } from 'node:fs'
const { default: PDFDocument } = await import(${JSON.stringify(pdfkit)})
const [share, fonts, out] = [JSON.parse(readFileSync(process.argv[2], 'utf8')), JSON.parse(process.argv[3]), process.argv[4]]
let n = 0
for (const cable of share) {
  const doc = new PDFDocument({ size: 'A4', margin: 64, info: { CreationDate: new Date(0) } })
  const chunks = []
  doc.on('data', (chunk) => chunks.push(chunk))
  const ended = new Promise((resolve) => doc.on('end', resolve))
  doc.font(fonts.serif.bold).fontSize(11)
  for (const line of cable.header) doc.text(line)
  doc.moveDown().font(fonts.serif.regular).fontSize(11)
  for (const paragraph of cable.paragraphs) doc.text(paragraph, { align: 'justify', paragraphGap: 6 })
  doc.end()
  await ended
  writeFileSync(out + '/' + n++ + '.pdf', Buffer.concat(chunks))
}
`,
)
const pandocList = join(root, 'markdown.list')
writeFileSync(pandocList, files.join('\0'))
const hasPandoc = spawnSync('pandoc', ['--version']).status === 0

const out = (name: string) => {
  const folder = join(root, `out-${name.replace(/[^\w-]+/g, '-')}`)
  rmSync(folder, { recursive: true, force: true })
  mkdirSync(folder, { recursive: true })
  return folder
}
const batch = (bin: string, to: string, jobs: number, name: string) => [
  'node',
  bin,
  'batch',
  archive,
  '-o',
  out(name),
  '--to',
  to,
  '--jobs',
  String(jobs),
  '--no-resume',
  '--progress',
  'none',
]
const wholeCases: Record<string, string[]> = {}
for (const [name, bin] of Object.entries(bins)) {
  wholeCases[`${name} batch --jobs 1 --to pdf, pinned`] = [...pinned, ...batch(bin, 'pdf', 1, `${name}-pdf-1`)]
  wholeCases[`${name} batch --jobs 1 --to docx, pinned`] = [...pinned, ...batch(bin, 'docx', 1, `${name}-docx-1`)]
}
wholeCases['raw pdfkit, embedded TTF, one process, pinned'] = [...pinned, 'node', script, share, JSON.stringify(fontFiles()), out('pdfkit')]
if (hasPandoc) {
  const folder = out('pandoc')
  wholeCases['pandoc md→docx, one process per file, pinned'] = [
    ...pinned,
    'sh',
    '-c',
    `xargs -0 -n 1 sh -c 'pandoc -f markdown -t docx "$1" -o "$0/$(basename "$1" .md).docx"' "${folder}" < "${pandocList}"`,
  ]
}
for (const [name, bin] of Object.entries(bins)) {
  wholeCases[`${name} batch --jobs 2 --to pdf, unpinned`] = batch(bin, 'pdf', 2, `${name}-pdf-2`)
  wholeCases[`${name} batch --jobs 1 --to pdf, unpinned`] = batch(bin, 'pdf', 1, `${name}-pdf-1u`)
}
const whole = await interleaved(wholeCases, rounds, (name, run) => {
  if (run.code !== 0) throw new Error(`${name} exited ${run.code}`)
})
console.log(`\nwhole runs over ${count} cables, median of ${rounds} interleaved rounds:`)
const rate = (name: string) => count / whole[name]!.seconds
for (const [name, run] of Object.entries(whole)) {
  console.log(`  ${name}: ${rate(name).toFixed(1)} cables/s (${run.seconds.toFixed(2)} s wall, ${((1000 * run.cpu) / count).toFixed(1)} ms CPU a cable)`)
}

console.log(`\nload average at end: ${load()}`)
console.log('ratios (same run, cables per second):')
for (const name of Object.keys(bins)) {
  const pdf = rate(`${name} batch --jobs 1 --to pdf, pinned`) / rate('raw pdfkit, embedded TTF, one process, pinned')
  console.log(`  ${name}: PDF batch --jobs 1 vs raw pdfkit, one pinned core: ${pdf.toFixed(2)}× (goal ≥ 5×) ${pdf >= 5 ? 'met' : 'NOT met'}`)
  if (hasPandoc) {
    const docx = rate(`${name} batch --jobs 1 --to docx, pinned`) / rate('pandoc md→docx, one process per file, pinned')
    console.log(`  ${name}: DOCX batch --jobs 1 vs pandoc, one pinned core: ${docx.toFixed(2)}× (goal ≥ 10×) ${docx >= 10 ? 'met' : 'NOT met'}`)
  }
  const scaling = rate(`${name} batch --jobs 2 --to pdf, unpinned`) / rate(`${name} batch --jobs 1 --to pdf, unpinned`)
  console.log(`  ${name}: PDF batch --jobs 2 vs --jobs 1, unpinned: ${scaling.toFixed(2)}× (goal ≥ 1.8×) ${scaling >= 1.8 ? 'met' : 'NOT met'}`)
}
rmSync(root, { recursive: true, force: true })

/**
 * Make sure `packages/*\/dist` is built from the current sources: build when
 * an output is missing or older than a source file, unless `--no-build`.
 */
function ensureBuilt(): void {
  const outputs = ['core', 'render', 'cli'].map((name) => join(repo, 'packages', name, 'dist', 'index.js'))
  const oldestOutput = Math.min(...outputs.map((path) => (existsSync(path) ? statSync(path).mtimeMs : 0)))
  const newestSource = Math.max(...['core', 'render', 'cli'].map((name) => newestUnder(join(repo, 'packages', name, 'src'))))
  if (oldestOutput >= newestSource) return
  const why = oldestOutput === 0 ? 'is missing' : 'is older than its sources'
  if (values['no-build']) {
    // Others may be editing sources beside a build that is being measured: say so, and measure it.
    console.log(`warning: the built CLI (packages/*/dist) ${why}; measured as it is (--no-build)`)
    return
  }
  console.log(`the built CLI ${why}: running npm run build`)
  if (spawnSync('npm', ['run', 'build', '--silent'], { cwd: repo, stdio: 'inherit' }).status !== 0) {
    process.stderr.write('startup.bench: npm run build failed\n')
    process.exit(2)
  }
}

function newestUnder(folder: string): number {
  let newest = 0
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs)
  }
  return newest
}
