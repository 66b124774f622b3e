/**
 * Reading scans and PDFs (`@cablekit/scan`): PDF text-layer pages/s, OCR
 * seconds a page with two workers, character error rate on clean and degraded
 * 300 dpi pages, header fields read back from PDFs and scans of real Cablegate
 * cables the tests do not use, and the round trip of the examples through PDF,
 * DOCX (LibreOffice) and a scan.
 *
 * Run: node --conditions=source --import tsx bench/scan.bench.ts [--quick]
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fromMarkdown, fromText, layoutWords } from '../packages/core/src/index.js'
import type { Cable } from '../packages/core/src/index.js'
import { toDocx, toPdf } from '../packages/render/src/index.js'
import { fromScan, ocrPages, readPdf } from '../packages/scan/src/index.js'
import type { OcrImage } from '../packages/scan/src/index.js'
import { characterErrorRate, headerAgreement } from '../tests/helpers/header-fields.js'
import { scanOf } from '../tests/helpers/scans.js'
import type { Degradation } from '../tests/helpers/scans.js'

const root = join(import.meta.dirname, '..')
const quick = process.argv.includes('--quick')
const env = { SOURCE_DATE_EPOCH: '0' }
const examples = ['maroc-otan-requete', 'maroc-otan-cardiff', '09RABAT412']
const source = (name: string): Cable => fromMarkdown(readFileSync(join(root, 'examples', `${name}.md`)), { path: `${name}.md` }).cables[0]!
const percent = (value: number) => `${(value * 100).toFixed(1)} %`

// Cables the project has not seen: the held-out Cablegate records (never used to tune the parser) and, when
// present, the held-out records of the other families.
const fixtures = join(root, 'tests/fixtures')
const holdout = JSON.parse(readFileSync(join(fixtures, 'cablegate/holdout.json'), 'utf8')) as { cables: Record<string, unknown> }
const families = join(fixtures, 'families/holdout')
const unseen = [
  ...Object.keys(holdout.cables).map((id) => join(fixtures, 'cablegate', `${id}.txt`)),
  ...(existsSync(families)
    ? readdirSync(families)
        .filter((name) => name.endsWith('.txt'))
        .sort()
        .map((name) => join(families, name))
    : []),
]
  .filter((path) => existsSync(path))
  .slice(0, quick ? 4 : 40)
// `--misses` prints the fields each reading missed, to see what is lost where.
const misses = process.argv.includes('--misses')
// `--dump=DIR` writes the text laid out from each scan there.
const dump = process.argv.find((arg) => arg.startsWith('--dump='))?.slice(7)
const stages = new Set((process.argv.find((arg) => arg.startsWith('--stages='))?.slice(9) ?? '1,2,3,4,5').split(','))

const pdfs = new Map<string, Uint8Array>()
for (const name of examples) pdfs.set(name, await toPdf(source(name), { env }))

// 1. PDF text layer, pages a second: one long document (fonts loaded once), steady state (the second reading
// of it; pdf.js and the layout warmed up by the first), then small documents one after another. The machine is
// shared: the pages a second of CPU time (this process's, all threads) are printed beside the wall-clock figure.
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since)
  return (used.user + used.system) / 1e6
}
if (stages.has('1')) {
  const long = source('maroc-otan-cardiff')
  const book = await toPdf({ ...long, body: Array.from({ length: quick ? 20 : 70 }, () => long.body).flat(), attachments: [] }, { env })
  await readPdf(book)
  for (let round = 0; round < 2; round++) {
    const cpu = process.cpuUsage()
    const started = performance.now()
    const read = await readPdf(book)
    const laid = performance.now()
    layoutWords(read.pages)
    const seconds = (performance.now() - started) / 1000
    const used = cpuSeconds(cpu)
    console.log(
      `PDF text layer, one document: ${read.pages.length} pages in ${seconds.toFixed(2)} s = ` +
        `${(read.pages.length / seconds).toFixed(0)} pages/s (read + lay out; read ${((laid - started) / read.pages.length).toFixed(1)} ms a page); ` +
        `${(read.pages.length / used).toFixed(0)} pages per CPU second`,
    )
  }
}
if (stages.has('1')) {
  let pages = 0
  const cpu = process.cpuUsage()
  const started = performance.now()
  while (pages < 200) {
    for (const pdf of pdfs.values()) {
      const read = await readPdf(pdf)
      layoutWords(read.pages)
      pages += read.pages.length
    }
  }
  const seconds = (performance.now() - started) / 1000
  console.log(
    `PDF text layer: ${pages} pages in ${seconds.toFixed(2)} s = ${(pages / seconds).toFixed(0)} pages/s, ` +
      `${(pages / cpuSeconds(cpu)).toFixed(0)} per CPU second (open, read, lay out; one document at a time)`,
  )
}

// 2–3. OCR speed and character error rate, clean and degraded, on full 300 dpi pages.
const pageList: { pdf: Uint8Array; page: number }[] = [
  { pdf: pdfs.get('maroc-otan-requete')!, page: 1 },
  { pdf: pdfs.get('maroc-otan-cardiff')!, page: 2 },
  { pdf: pdfs.get('09RABAT412')!, page: 1 },
  ...(quick ? [] : [{ pdf: pdfs.get('maroc-otan-cardiff')!, page: 1 }]),
]
const degraded: Degradation = { seed: 11, tilt: 0.5, noise: 0.003, blur: 0.5, jpeg: 70 }
for (const [label, degrade] of [
  ['clean', undefined],
  ['degraded', degraded],
] as const) {
  // Stage 2 is the clean pages, stage 3 the degraded ones: `--stages` skips either.
  if (!stages.has(label === 'clean' ? '2' : '3')) continue
  const images: OcrImage[] = []
  const references: string[] = []
  for (const [index, { pdf, page }] of pageList.entries()) {
    const scan = await scanOf(pdf, { page, ...(degrade ? { degrade } : {}) })
    const { toGreyPgm } = await import('../packages/scan/src/grey-image.js')
    const { createCanvas, loadImage } = await import('@napi-rs/canvas')
    const decoded = await loadImage(Buffer.from(scan.png))
    const canvas = createCanvas(scan.width, scan.height)
    canvas.getContext('2d').drawImage(decoded, 0, 0)
    images.push({
      number: index + 1,
      image: toGreyPgm(canvas.getContext('2d').getImageData(0, 0, scan.width, scan.height).data, scan.width, scan.height),
      width: scan.width,
      height: scan.height,
      dpi: 300,
    })
    const text = (await readPdf(pdf)).pages.find((item) => item.number === page)!
    references.push(layoutWords([{ ...text, number: index + 1 }]).text)
  }
  // The first run of a language starts its two workers (start-up included); the next finds them idle in the
  // pool (steady state). The degraded pages are read by the workers the clean ones left.
  const runs: [string, string][] =
    label === 'clean'
      ? [
          ['fra', 'start-up included'],
          ['fra', 'steady state'],
          ['fra+ara', 'start-up included'],
        ]
      : [['fra+ara', stages.has('2') ? 'steady state' : 'start-up included']]
  const totals: number[] = []
  for (const [lang, kind] of runs) {
    const cpu = process.cpuUsage()
    const started = performance.now()
    const { pages, failures } = await ocrPages(images, { lang, workers: 2 })
    const seconds = (performance.now() - started) / 1000
    const used = cpuSeconds(cpu)
    let errors = 0
    let length = 0
    for (const [index, reference] of references.entries()) {
      const read = pages.find((page) => page.number === index + 1)
      const rate = characterErrorRate(reference, read ? layoutWords([read]).text : '')
      errors += rate * reference.length
      length += reference.length
    }
    console.log(
      `OCR ${label}, ${lang}, 2 workers: ${(seconds / images.length).toFixed(2)} s a page (${images.length} pages, ${kind}; ` +
        `${(used / images.length).toFixed(2)} CPU s a page); CER ${percent(errors / length)}${failures.length ? `; ${failures.length} failed` : ''}`,
    )
    totals.push(seconds, used)
    // What starting the two workers cost: the first run less the second, the same pages with workers ready. On a
    // loaded machine the wall-clock difference is noise; the CPU time is the figure to read.
    if (label === 'clean' && totals.length === 4)
      console.log(`OCR start-up of two fra workers: ${(totals[0]! - totals[2]!).toFixed(2)} s wall, ${(totals[1]! - totals[3]!).toFixed(2)} CPU s`)
  }
}

// 4. Header fields of unseen cables: from their PDFs' text layer, and from a scan of their first page.
if (stages.has('4')) {
  let pdfTotal = 0
  let pdfMatched = 0
  let scanTotal = 0
  let scanMatched = 0
  for (const [index, path] of unseen.entries()) {
    const name = basename(path)
    const cable = fromText(readFileSync(path), { path: name }).cables[0]
    if (!cable) continue
    const pdf = await toPdf(cable, { env })
    const fromPdf = headerAgreement(cable, (await fromScan(pdf, { path: name })).cables[0])
    if (misses && fromPdf.missed.length > 0) console.log(`  pdf ${name}: ${fromPdf.missed.join(', ')}`)
    pdfTotal += fromPdf.total
    pdfMatched += fromPdf.matched
    // OCR is slow: every third cable, every page, rasterised at 300 dpi (pdf.js, as `scanOf` does) and OCR'd.
    if (index % 3 === 0 && index < (quick ? 4 : 36)) {
      const scanned = await fromScan(pdf, { path: name, ocr: true, workers: 2, lang: cable.lang === 'fr' ? 'fra' : 'eng' })
      const read = scanned.cables[0]
      if (dump) writeFileSync(join(dump, `${name}.ocr.txt`), String(scanned.file.value))
      const fromImage = headerAgreement(cable, read)
      if (misses && fromImage.missed.length > 0)
        for (const key of fromImage.missed)
          console.log(`  scan ${name} ${key}: ${JSON.stringify(cable[key as keyof Cable])} → ${JSON.stringify(read?.[key as keyof Cable])}`)
      scanTotal += fromImage.total
      scanMatched += fromImage.matched
    }
  }
  console.log(
    `Unseen cables (${unseen.length}): header fields from text-layer PDFs ` +
      `${percent(pdfMatched / Math.max(1, pdfTotal))} (${pdfMatched}/${pdfTotal}); ` +
      `from 300 dpi scans of every page ${percent(scanMatched / Math.max(1, scanTotal))} (${scanMatched}/${scanTotal})`,
  )
}

// 5. Round trip of the examples: PDF text layer, DOCX through LibreOffice, scan through OCR.
if (stages.has('5')) {
  const dir = mkdtempSync(join(tmpdir(), 'cablekit-bench-scan-'))
  try {
    const tally = { pdf: [0, 0], docx: [0, 0], scan: [0, 0] }
    const add = (key: keyof typeof tally, agreement: { total: number; matched: number }) => {
      tally[key][0]! += agreement.matched
      tally[key][1]! += agreement.total
    }
    for (const name of examples) {
      add('pdf', headerAgreement(source(name), (await fromScan(pdfs.get(name)!, { path: `${name}.pdf` })).cables[0]))
      writeFileSync(join(dir, `${name}.docx`), await toDocx(source(name), { sourceDateEpoch: 0 }))
    }
    try {
      execFileSync(
        'soffice',
        [
          `-env:UserInstallation=file://${join(dir, 'profile')}`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          ...examples.map((name) => join(dir, `${name}.docx`)),
        ],
        { stdio: 'ignore', timeout: 180_000 },
      )
      for (const name of examples)
        add('docx', headerAgreement(source(name), (await fromScan(readFileSync(join(dir, `${name}.pdf`)), { path: `${name}.pdf` })).cables[0]))
    } catch (error) {
      console.log(`DOCX round trip skipped: ${(error as Error).message}`)
    }
    for (const name of examples) {
      const scan = await scanOf(pdfs.get(name)!)
      add('scan', headerAgreement(source(name), (await fromScan(scan.png, { path: `${name}.png`, lang: name.startsWith('09') ? 'eng' : 'fra+ara' })).cables[0]))
    }
    const show = (key: keyof typeof tally) => `${percent(tally[key][0]! / Math.max(1, tally[key][1]!))} (${tally[key][0]}/${tally[key][1]})`
    console.log(`Round trip of the examples: PDF ${show('pdf')}, DOCX ${show('docx')}, scan ${show('scan')}`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
