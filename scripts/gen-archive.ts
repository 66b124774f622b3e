/**
 * `npm run gen:archive -- --count 10000 --out DIR [--seed S] [--malformed K] [--kinds markdown-fr,text-us] [--pages 1-6] [--others N] [--profile mixed|cablegate]`:
 * write a synthetic, reproducible archive of cables (see `gen-archive-lib.ts`).
 * `--profile cablegate` writes WikiLeaks raw-text records shaped like the
 * Cablegate release (`--kinds` and `--pages` do not apply), none malformed
 * unless `--malformed` asks.
 */
import { parseArgs } from 'node:util'
import { generateArchive } from './gen-archive-lib.js'
import type { ArchiveProfile, CableKind } from './gen-archive-lib.js'

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '1000' },
    out: { type: 'string' },
    seed: { type: 'string', default: '1' },
    malformed: { type: 'string' },
    kinds: { type: 'string' },
    pages: { type: 'string', default: '1-6' },
    others: { type: 'string', default: '0' },
    profile: { type: 'string', default: 'mixed' },
  },
})

if (!values.out) {
  process.stderr.write('gen:archive: --out DIR is required\n')
  process.exit(2)
}
const count = Number(values.count)
const pages = /^(\d+)-(\d+)$/.exec(values.pages ?? '')
if (!Number.isSafeInteger(count) || count < 0 || !pages) {
  process.stderr.write('gen:archive: --count takes a whole number and --pages a range like 1-6\n')
  process.exit(2)
}
const profile = values.profile as ArchiveProfile
if (profile !== 'mixed' && profile !== 'cablegate') {
  process.stderr.write(`gen:archive: --profile takes mixed or cablegate, not \`${values.profile}\`\n`)
  process.exit(2)
}
if (profile === 'cablegate' && (values.kinds || values.pages !== '1-6')) {
  process.stderr.write("gen:archive: --kinds and --pages do not apply to --profile cablegate, whose kinds and lengths are the release's\n")
  process.exit(2)
}
const started = performance.now()
const archive = await generateArchive({
  out: values.out,
  count,
  seed: Number(values.seed),
  // By default one file in fifty is malformed, as in a real scrape; the Cablegate release itself is well-formed.
  malformed: values.malformed !== undefined ? Number(values.malformed) : profile === 'cablegate' ? 0 : Math.round(count / 50),
  ...(profile === 'cablegate' ? { profile } : {}),
  ...(values.kinds ? { kinds: values.kinds.split(',') as CableKind[] } : {}),
  pages: [Number(pages[1]), Number(pages[2])],
  others: Number(values.others),
})
process.stdout.write(
  `gen:archive: ${archive.files.length} cables (${Object.entries(archive.byKind)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(
      ', ',
    )}), ${archive.malformed.length} malformed, ${archive.others.length} other files, ${(archive.bytes / 1024 / 1024).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s → ${values.out}\n`,
)
