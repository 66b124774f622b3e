import { resolve } from 'node:path'
import { mergeManifests } from '../batch/merge-manifests.js'
import { EXIT } from '../errors.js'
import type { CliIo } from '../io.js'
import type { MergeFlags } from './manifest.js'

/** Run `cablekit manifest merge OUT` (see `registerManifest`) and resolve to the exit code. */
export async function manifestMergeAction(out: string, flags: MergeFlags, io: CliIo): Promise<number> {
  const report = await mergeManifests(resolve(io.cwd, out), { partial: flags.partial === true })
  const problems: string[] = []
  const plural = (count: number, word: string) => `${word}${count === 1 ? '' : 's'}`
  if (report.missing.length > 0) {
    const runs = report.missing.map((index) => `--shard ${index}/${report.shards}`).join(', ')
    problems.push(`missing ${plural(report.missing.length, 'shard')} ${report.missing.join(', ')} of ${report.shards}: run ${runs}`)
  }
  for (const shard of report.incomplete) {
    const of = shard.expected !== undefined ? ` of ${shard.expected}` : ', and no summary of a finished run'
    problems.push(`shard ${shard.shard}/${report.shards} is incomplete: ${shard.recorded} inputs recorded${of}: run it again (it resumes)`)
  }
  if (report.overlaps.count > 0) {
    const examples = report.overlaps.paths.slice(0, 3).join(', ')
    problems.push(`${report.overlaps.count} ${plural(report.overlaps.count, 'input')} recorded by more than one shard (first kept), e.g. ${examples}`)
  }
  if (flags.json) io.stdout.write(`${JSON.stringify(report)}\n`)
  else if (report.written) {
    const counts = `${report.entries} inputs (${report.rendered} rendered, ${report.failed} failed, ${report.skipped} skipped)`
    io.stdout.write(`merged ${report.present.length} of ${report.shards} shard manifests: ${counts} into manifest.jsonl\n`)
  }
  if (report.misplaced > 0)
    io.stderr.write(
      `cablekit manifest merge: warning: ${report.misplaced} inputs were recorded by a shard that does not own them ` +
        '(renamed files, or runs with another shard count)\n',
    )
  for (const problem of problems) io.stderr.write(`cablekit manifest merge: ${problem}\n`)
  if (!report.written) io.stderr.write('cablekit manifest merge: nothing written: the shards do not cover the archive yet (--partial writes what there is)\n')
  return problems.length > 0 ? EXIT.failed : EXIT.ok
}
