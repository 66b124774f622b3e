import { join, relative, resolve, sep } from 'node:path'
import { hasErrors, redact, redactionPlaceholder, report, toJson, toMarkdown } from '@cablekit/core'
import type { Cable, RedactionLogEntry } from '@cablekit/core'
import { printDiagnostics } from '../diagnostics.js'
import { CliError, EXIT } from '../errors.js'
import type { CliIo } from '../io.js'
import { readInputs } from '../read-inputs.js'
import { redactOptionsFrom, scrubberFor, scrubDiagnostics } from '../redaction-options.js'
import { writeAtomic } from '../write-atomic.js'
import { InputGuard } from '../input-guard.js'
import type { RedactCommandOptions } from './redact.js'

/** The redaction log file: kept apart from the published files, it never holds a secret. */
export interface RedactionLogFile {
  /** Format version of this file. */
  version: 1
  /** `HMAC-SHA256` when a key was given, so entries can be matched across releases. */
  hmac: 'HMAC-SHA256' | null
  files: { source: string; outputs: string[]; entries: RedactionLogEntry[] }[]
}

/** Run `cablekit redact` (see `registerRedact`) and resolve to the exit code. */
export async function redactAction(files: string[], options: RedactCommandOptions, io: CliIo): Promise<number> {
  const out = resolve(io.cwd, options.out)
  const logPath = resolve(io.cwd, options.log ?? `${out.replace(/[\\/]+$/, '')}.redaction-log.json`)
  if (logPath === out || logPath.startsWith(out + sep)) {
    throw new CliError('the redaction log must be kept apart from the published files: give `--log` a path outside the output folder', EXIT.usage)
  }
  const rules = (await redactOptionsFrom(options, io.cwd)) ?? {}
  const key = rules.key
  const scrub = await scrubberFor(rules)

  const results = await readInputs(files, io.cwd, { keepRedacted: true, ...(options.from ? { from: options.from } : {}) })
  const guard = new InputGuard()
  for (const path of files) await guard.add(resolve(io.cwd, path))
  if (await guard.clobbers(logPath))
    throw new CliError(`the redaction log ${relative(io.cwd, logPath)} would overwrite an input: give \`--log\` another path`, EXIT.usage)
  const log: RedactionLogFile = { version: 1, hmac: key ? 'HMAC-SHA256' : null, files: [] }
  const taken = new Set<string>()
  const unnamed = { next: 0 }
  let failed = false
  let count = 0
  for (const result of results) {
    if (hasErrors(result.file) || result.cables.length === 0) {
      failed = true
      continue
    }
    const outputs: string[] = []
    const entries: RedactionLogEntry[] = []
    for (const [index, cable] of result.cables.entries()) {
      const redacted = redact(cable, { ...rules, cableIndex: index })
      const name = uniqueName(outputName(redacted.cable, scrub, unnamed), options.to, taken)
      if (await guard.clobbers(join(out, name))) {
        // The original must survive its redaction: refusing is the only safe answer.
        report(
          result.file,
          'error',
          'would-overwrite-input',
          `the redacted cable ${index + 1} would be written over an input (${name}): it is not written; choose another output folder`,
          { line: 1, column: 1 },
        )
        failed = true
        continue
      }
      await writeAtomic(join(out, name), options.to === 'json' ? toJson(redacted.cable) : toMarkdown(redacted.cable))
      outputs.push(name)
      entries.push(...redacted.log)
      count += redacted.log.length
    }
    // The log is the publisher's, kept apart: it names the source file so each redaction can be found again.
    log.files.push({ source: scrub(relative(io.cwd, resolve(io.cwd, result.file.path))), outputs, entries })
  }
  await writeAtomic(logPath, `${JSON.stringify(log, null, 2)}\n`)
  // Diagnostics quote the text they point at: they are scrubbed like the outputs.
  for (const result of results) scrubDiagnostics(result.file, scrub)
  printDiagnostics(
    results.map((result) => result.file),
    io,
  )
  io.stderr.write(
    `cablekit redact: ${count} redaction${count === 1 ? '' : 's'} in ${log.files.reduce((n, f) => n + f.outputs.length, 0)} cable(s) written to ${relative(io.cwd, out) || '.'}; log: ${relative(io.cwd, logPath)}\n`,
  )
  return failed ? EXIT.failed : EXIT.ok
}

/**
 * The output file's name: the redacted cable's id when it holds no
 * placeholder and no match, else a neutral `cable-N`. Never the input's
 * name: it may hold part of a secret (a surname when the rule names the full
 * name), and file names are published too.
 */
function outputName(cable: Cable, scrub: (text: string) => string, counter: { next: number }): string {
  const fromId = cable.id ? slug(cable.id) : ''
  if (fromId && !cable.id!.includes(redactionPlaceholder().slice(0, 9)) && scrub(fromId) === fromId) return fromId
  return `cable-${++counter.next}`
}

function uniqueName(stem: string, to: 'md' | 'json', taken: Set<string>): string {
  let name = `${stem}.${to}`
  for (let n = 2; taken.has(name); n++) name = `${stem}-${n}.${to}`
  taken.add(name)
  return name
}

function slug(value: string): string {
  return value
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^[.-]+|-+$/g, '')
    .slice(0, 120)
}
