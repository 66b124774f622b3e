/**
 * `npm run bench`: runs every `bench/*.bench.ts` one after the other (never in
 * parallel: each measures ratios side by side, and two at once would disturb
 * each other), or only those named on the command line (`npm run bench -- pdf`).
 */
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

const dir = import.meta.dirname
const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'))
const passThrough = process.argv.slice(2).filter((arg) => arg.startsWith('-'))
const benches = readdirSync(dir)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => wanted.length === 0 || wanted.some((w) => name.startsWith(w)))
  .sort()

let failed = 0
for (const name of benches) {
  process.stdout.write(`\n=== ${name}\n`)
  const result = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', join(dir, name), ...passThrough], { stdio: 'inherit' })
  if (result.status !== 0) failed++
}
process.exitCode = failed > 0 ? 1 : 0
