/**
 * `cablekit batch` on a generated archive: files per second and peak memory
 * for PDF and DOCX on all cores and on one, side by side in the same run with
 * the baselines the issue names — raw pdfkit drawing the same cables with
 * embedded fonts (one process), and pandoc converting the same Markdown to
 * DOCX with `xargs -P` on the same cores — then the parent's peak RSS for a
 * resumed run over 1,000 and 100,000 inputs, to show it does not grow with
 * the archive.
 *
 *   node --import tsx bench/batch.bench.ts [--count 10000] [--jobs N] [--rss-count 100000] [--skip-rss]
 *
 * Everything runs from source (`--import tsx`), like the tests; the built CLI
 * loads faster but renders at the same speed.
 */
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { basename, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { createRequire } from 'node:module'
import PDFDocument from 'pdfkit'
import { parse } from '@cablekit/core'
import type { Cable } from '@cablekit/core'
import { fontFiles } from '@cablekit/render'
import { contentHash, optionsHash } from '../packages/cli/src/batch/hashes.js'
import { generateArchive } from '../scripts/gen-archive-lib.js'

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    jobs: { type: 'string', default: String(availableParallelism()) },
    'rss-count': { type: 'string', default: '100000' },
    'skip-rss': { type: 'boolean', default: false },
  },
})
const count = Number(values.count)
const jobs = Number(values.jobs)
const root = join(import.meta.dirname, '.output', 'batch')
const entry = pathToFileURL(join(import.meta.dirname, '..', 'packages', 'cli', 'src', 'index.ts')).href
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
const MB = 1024 * 1024

interface Measured {
  seconds: number
  end: { rendered: number; failed: number; skipped: number; resumed: number; rate: number } | undefined
  /** Peak sum of RSS over the process tree, the peak of the parent alone, and of the largest child. */
  treeRss: number
  mainRss: number
  childRss: number
}

/** Sample the RSS of `pid` and its descendants from /proc every 100 ms. */
function sampleTree(pid: number, peaks: { tree: number; main: number; child: number }): NodeJS.Timeout {
  const page = 4096
  return setInterval(() => {
    const parents = new Map<number, number>()
    const rss = new Map<number, number>()
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
        parents.set(Number(name), Number(fields[1]))
        rss.set(Number(name), Number(fields[21]) * page)
      } catch {
        // gone between listing and reading
      }
    }
    const inTree = (candidate: number): boolean => {
      for (let current = candidate, depth = 0; current > 1 && depth < 16; current = parents.get(current) ?? 0, depth++) if (current === pid) return true
      return false
    }
    let tree = 0
    for (const [candidate, bytes] of rss) {
      if (!inTree(candidate)) continue
      tree += bytes
      if (candidate === pid) peaks.main = Math.max(peaks.main, bytes)
      else peaks.child = Math.max(peaks.child, bytes)
    }
    peaks.tree = Math.max(peaks.tree, tree)
  }, 100)
}

function measure(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Measured & { stdout: string }> {
  const started = performance.now()
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env })
  const peaks = { tree: 0, main: 0, child: 0 }
  const timer = sampleTree(child.pid!, peaks)
  let last = ''
  let stdout = ''
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (text: string) => {
    // Keep only the tail: a 100,000-line event stream need not sit in the bench's memory.
    stdout = (stdout + text).slice(-4096)
    last = stdout
  })
  child.stderr.resume()
  return new Promise((resolve) => {
    child.on('exit', () => {
      clearInterval(timer)
      const line = last.trim().split('\n').at(-1) ?? ''
      let end: Measured['end']
      try {
        end = (JSON.parse(line) as { event?: string }).event === 'end' ? (JSON.parse(line) as Measured['end']) : undefined
      } catch {
        end = undefined
      }
      resolve({ seconds: (performance.now() - started) / 1000, end, treeRss: peaks.tree, mainRss: peaks.main, childRss: peaks.child, stdout })
    })
  })
}

function batch(args: string[], env?: NodeJS.ProcessEnv) {
  const script = `const { main } = await import(${JSON.stringify(entry)}); process.exitCode = await main(${JSON.stringify(args)})`
  return measure(process.execPath, ['--conditions=source', '--import', tsx, '--input-type=module', '-e', script], env)
}

const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`

// 1. The archive: generated once per count and kept under bench/.output.
const archive = join(root, `archive-${count}`)
if (!existsSync(join(archive, '.complete'))) {
  rmSync(archive, { recursive: true, force: true })
  const made = await generateArchive({ out: archive, count, seed: 1, malformed: Math.round(count / 50) })
  writeFileSync(join(archive, '.complete'), JSON.stringify(made.byKind))
}
const markdown = execFileSync('find', [archive, '-name', '*.md', '-type', 'f'], { encoding: 'utf8', maxBuffer: 64 * MB }).trim().split('\n').sort()
console.log(`archive: ${count} files (${markdown.length} Markdown), ${jobs} jobs on ${availableParallelism()} cores`)

// 2. cablekit batch, PDF and DOCX, all cores and one.
const rows: { name: string; rate: number; rss: string }[] = []
const rates: Record<string, number> = {}
for (const to of ['pdf', 'docx']) {
  for (const n of [jobs, 1]) {
    const out = join(root, `out-${to}-${n}`)
    rmSync(out, { recursive: true, force: true })
    const run = await batch([archive, '-o', out, '--to', to, '--jobs', String(n), '--progress', 'json', '--no-resume'].reduce<string[]>((all, arg, i) => (i === 0 ? ['batch', arg] : [...all, arg]), []))
    const done = (run.end?.rendered ?? 0) + (run.end?.failed ?? 0)
    const rate = done / run.seconds
    rates[`${to}-${n}`] = rate
    rows.push({ name: `cablekit batch --to ${to} --jobs ${n}`, rate, rss: `tree ${mb(run.treeRss)}, parent ${mb(run.mainRss)}, largest worker ${mb(run.childRss)}` })
    console.log(`${rows.at(-1)!.name}: ${rate.toFixed(1)} files/s (${done} in ${run.seconds.toFixed(1)} s, ${run.end?.failed ?? '?'} failed); peak RSS ${rows.at(-1)!.rss}`)
    rmSync(out, { recursive: true, force: true })
  }
}

// 3. Baseline for DOCX: pandoc, one process per Markdown file, xargs -P on the same cores.
{
  const out = join(root, 'out-pandoc')
  rmSync(out, { recursive: true, force: true })
  mkdirSync(out, { recursive: true })
  const list = join(root, 'markdown.list')
  writeFileSync(list, markdown.join('\0'))
  const run = await measure('sh', ['-c', `xargs -0 -P ${jobs} -n 1 sh -c 'pandoc -f markdown -t docx "$1" -o "$0/$(basename "$1" .md).docx" 2>/dev/null || true' "${out}" < "${list}"`])
  const rate = markdown.length / run.seconds
  rates['pandoc'] = rate
  console.log(`pandoc md→docx, xargs -P ${jobs}: ${rate.toFixed(1)} files/s (${markdown.length} in ${run.seconds.toFixed(1)} s); peak RSS tree ${mb(run.treeRss)}`)
  rmSync(out, { recursive: true, force: true })
}

// 4. Baseline for PDF: raw pdfkit drawing the same cables' text with the same embedded TTF fonts, one process.
{
  const fonts = fontFiles()
  const cables: Cable[] = []
  for (const path of markdown.slice(0, 300)) cables.push(...parse(readFileSync(path), { path }).cables)
  const draw = async (cable: Cable) => {
    const doc = new PDFDocument({ size: 'A4', margin: 64, info: { CreationDate: new Date(0) } })
    doc.font(cable.lang === 'fr' ? fonts.serif.bold! : fonts.mono.bold ?? fonts.mono.regular).fontSize(11)
    for (const line of [cable.issuer?.state, cable.from, ...(cable.to ?? []), cable.subject]) if (line) doc.text(line)
    doc.font(cable.lang === 'fr' ? fonts.serif.regular : fonts.mono.regular).fontSize(cable.lang === 'fr' ? 11 : 10)
    for (const node of cable.body) doc.text(JSON.stringify(node).replace(/"[a-z]+":|[{}[\],"]/g, ' ').replace(/\s+/g, ' ').replace(/ (paragraph|text|type|value|position|start|end|line|column|offset|children) /g, ' '), { align: 'justify', paragraphGap: 6 })
    const chunks: Buffer[] = []
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    const ended = new Promise((resolve) => doc.on('end', resolve))
    doc.end()
    await ended
    return Buffer.concat(chunks).byteLength
  }
  await draw(cables[0]!)
  const started = performance.now()
  for (const cable of cables) await draw(cable)
  const rate = cables.length / ((performance.now() - started) / 1000)
  rates['pdfkit'] = rate
  console.log(`raw pdfkit, embedded TTF, one process: ${rate.toFixed(1)} cables/s (${cables.length} Markdown cables)`)
}

// 5. Peak RSS against archive size: a resumed run over N tiny inputs, every one already in the manifest,
//    so the walk, hashing, resume map, manifest compaction and progress events all run for every input.
const rss: Record<number, Measured> = {}
if (!values['skip-rss']) {
  const version = (JSON.parse(readFileSync(join(import.meta.dirname, '..', 'packages', 'cli', 'package.json'), 'utf8')) as { version: string }).version
  const hash = optionsHash({ to: ['pdf'], theme: null, version, sourceDateEpoch: null })
  for (const n of [1000, Number(values['rss-count'])]) {
    const base = join(root, `rss-${n}`)
    if (!existsSync(join(base, '.complete'))) {
      rmSync(base, { recursive: true, force: true })
      const lines: string[] = []
      for (let i = 0; i < n; i++) {
        const folder = `d${String(i % 200).padStart(3, '0')}`
        const text = `---\nid: C${i}\n---\n\nCable ${i}.\n`
        mkdirSync(join(base, 'archive', folder), { recursive: true })
        mkdirSync(join(base, 'out', folder), { recursive: true })
        writeFileSync(join(base, 'archive', folder, `c${i}.md`), text)
        writeFileSync(join(base, 'out', folder, `c${i}.pdf`), 'x')
        lines.push(JSON.stringify({ path: `${folder}/c${i}.md`, status: 'rendered', contentHash: contentHash(new TextEncoder().encode(text)), optionsHash: hash, outputs: [{ path: `${folder}/c${i}.pdf`, bytes: 1 }], diagnostics: [] }))
      }
      writeFileSync(join(base, 'out', 'manifest.jsonl'), `${lines.join('\n')}\n`)
      writeFileSync(join(base, '.complete'), '')
    }
    const env = { ...process.env }
    delete env['SOURCE_DATE_EPOCH']
    rss[n] = await batch(['batch', join(base, 'archive'), '-o', join(base, 'out'), '--to', 'pdf', '--jobs', String(jobs), '--progress', 'json'], env)
    console.log(`resumed run over ${n} inputs: ${rss[n]!.end?.resumed ?? '?'} resumed in ${rss[n]!.seconds.toFixed(1)} s; peak RSS of the parent ${mb(rss[n]!.mainRss)}`)
  }
}

// 6. Ratios and goals.
console.log('\nratios (same run, same machine):')
const pdfRatio = rates[`pdf-${jobs}`]! / rates['pdfkit']!
const docxRatio = rates[`docx-${jobs}`]! / rates['pandoc']!
console.log(`  PDF, ${jobs} jobs vs raw pdfkit (1 process): ${pdfRatio.toFixed(2)}× (goal ≥ 3×) ${pdfRatio >= 3 ? 'met' : 'NOT met'}`)
console.log(`  DOCX, ${jobs} jobs vs pandoc xargs -P ${jobs}: ${docxRatio.toFixed(2)}× (goal ≥ 8×) ${docxRatio >= 8 ? 'met' : 'NOT met'}`)
console.log(`  PDF ${jobs} jobs vs 1: ${(rates[`pdf-${jobs}`]! / rates['pdf-1']!).toFixed(2)}×, DOCX ${jobs} jobs vs 1: ${(rates[`docx-${jobs}`]! / rates['docx-1']!).toFixed(2)}×`)
for (const row of rows) console.log(`  peak RSS, ${row.name}: ${row.rss}`)
const ns = Object.keys(rss).map(Number)
if (ns.length === 2) console.log(`  parent peak RSS, ${ns[1]} vs ${ns[0]} inputs: ${(rss[ns[1]!]!.mainRss / rss[ns[0]!]!.mainRss).toFixed(2)}× (${mb(rss[ns[1]!]!.mainRss)} vs ${mb(rss[ns[0]!]!.mainRss)})`)
void basename
