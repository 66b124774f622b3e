import { readFile } from 'node:fs/promises'
import { basename, join, relative, resolve, sep } from 'node:path'
import type { Command } from 'commander'
import { compileRedactionRules, hasErrors, redact, REDACTABLE_FIELDS, RedactionRuleError, redactionPlaceholder, toJson, toMarkdown } from '@cablekit/core'
import type { Cable, RedactionLogEntry, SourceFormat, SpanFinder } from '@cablekit/core'
import { printDiagnostics } from '../diagnostics.js'
import { CliError, EXIT } from '../errors.js'
import type { CliIo } from '../io.js'
import { formatOption } from '../options.js'
import { readInputs } from '../read-inputs.js'
import { writeAtomic } from '../write-atomic.js'

interface RedactCommandOptions {
  match: string[]
  regex: string[]
  field: string[]
  reason?: string
  keyFile?: string
  log?: string
  out: string
  to: 'md' | 'json'
  from?: SourceFormat
  wholeWords?: boolean
}

/** The redaction log file: kept apart from the published files, it never holds a secret. */
export interface RedactionLogFile {
  /** Format version of this file. */
  version: 1
  /** `HMAC-SHA256` when a key was given, so entries can be matched across releases. */
  hmac: 'HMAC-SHA256' | null
  files: { source: string; outputs: string[]; entries: RedactionLogEntry[] }[]
}

const collect = (value: string, previous: string[]) => [...previous, value]

/**
 * `cablekit redact --match TEXT|--regex RE|--field F <files…> -o DIR`: read
 * cables in any format, redact them on the model and write canonical
 * Markdown (or JSON) into DIR, with the redaction log written apart.
 */
export function registerRedact(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('redact')
    .description('redact texts, patterns or fields from cables in any format and write them as canonical Markdown or JSON, with a redaction log kept apart')
    .argument('<files...>', 'source files (.md, .txt, .json)')
    .requiredOption('-o, --out <dir>', 'folder to write the redacted cables into')
    .option('--match <text>', 'a text to redact wherever it occurs (folded: case, NFKC, invisible characters, hyphenation); repeatable', collect, [])
    .option('--regex <re>', 'a regular expression to redact, `/source/flags` or a bare source (case-insensitive); repeatable', collect, [])
    .option('--field <name>', `a field to withhold whole (${REDACTABLE_FIELDS.slice(0, 6).join(', ')}, …, body, attachments); repeatable`, collect, [])
    .option('--reason <text>', 'the reason printed on each bar (default: none)')
    .option('--key-file <file>', 'a file holding the publisher key (at least 16 bytes); adds a keyed hash of each secret to the log')
    .option('--log <file>', 'where to write the redaction log (default: DIR.redaction-log.json, beside the folder, never inside)')
    .option('--to <format>', 'output format: md or json', (value: string) => {
      if (value !== 'md' && value !== 'json') throw new CliError('`--to` expects md or json', EXIT.usage)
      return value
    }, 'md')
    .option('--from <format>', 'force the source format: markdown, text or json', formatOption)
    .option('--whole-words', 'match texts only as whole words (default: anywhere, which errs on the side of hiding)')
    .action(async (files: string[], options: RedactCommandOptions) => {
      const out = resolve(io.cwd, options.out)
      const logPath = resolve(io.cwd, options.log ?? `${out.replace(/[\\/]+$/, '')}.redaction-log.json`)
      if (logPath === out || logPath.startsWith(out + sep)) {
        throw new CliError('the redaction log must be kept apart from the published files: give `--log` a path outside the output folder', EXIT.usage)
      }
      const key = options.keyFile ? await readKey(resolve(io.cwd, options.keyFile)) : undefined
      let finder: SpanFinder
      try {
        finder = compileRedactionRules(options.match.map((text) => ({ text })), options.regex.map((pattern) => ({ pattern })))
        // Checks fields and key before any file is read.
        redact({ body: [], attachments: [] }, { fields: options.field, ...(key ? { key } : {}) })
      } catch (error) {
        if (error instanceof RedactionRuleError || error instanceof RangeError) throw new CliError(error.message.replace(/^cablekit redact: /, ''), EXIT.usage)
        throw error
      }

      const results = await readInputs(files, io.cwd, { keepRedacted: true, ...(options.from ? { from: options.from } : {}) })
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
          const redacted = redact(cable, {
            match: options.match,
            regex: options.regex,
            fields: options.field,
            ...(options.reason !== undefined ? { reason: options.reason } : {}),
            ...(key ? { key } : {}),
            wholeWords: options.wholeWords === true,
            cableIndex: index,
          })
          const name = uniqueName(outputName(redacted.cable, finder, unnamed), options.to, taken)
          await writeAtomic(join(out, name), options.to === 'json' ? toJson(redacted.cable) : toMarkdown(redacted.cable))
          outputs.push(name)
          entries.push(...redacted.log)
          count += redacted.log.length
        }
        // The log is the publisher's, kept apart: it names the source file so each redaction can be found again.
      log.files.push({ source: scrub(relative(io.cwd, resolve(io.cwd, result.file.path)), finder), outputs, entries })
      }
      await writeAtomic(logPath, `${JSON.stringify(log, null, 2)}\n`)
      printDiagnostics(results.map((result) => result.file), io)
      io.stderr.write(`cablekit redact: ${count} redaction${count === 1 ? '' : 's'} in ${log.files.reduce((n, f) => n + f.outputs.length, 0)} cable(s) written to ${relative(io.cwd, out) || '.'}; log: ${relative(io.cwd, logPath)}\n`)
      done(failed ? EXIT.failed : EXIT.ok)
    })
}

async function readKey(path: string): Promise<Uint8Array> {
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch (error) {
    throw new CliError(`cannot read the key file ${basename(path)} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, EXIT.usage)
  }
  // A key file written by `echo` or an editor ends with a new line that is not part of the key.
  let end = bytes.length
  while (end > 0 && (bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d)) end--
  return bytes.subarray(0, end)
}

/**
 * The output file's name: the redacted cable's id when it holds no
 * placeholder and no match, else a neutral `cable-N`. Never the input's
 * name: it may hold part of a secret (a surname when the rule names the full
 * name), and file names are published too.
 */
function outputName(cable: Cable, finder: SpanFinder, counter: { next: number }): string {
  const fromId = cable.id ? slug(cable.id) : ''
  if (fromId && !cable.id!.includes(redactionPlaceholder().slice(0, 9)) && finder(fromId).length === 0) return fromId
  return `cable-${++counter.next}`
}

function uniqueName(stem: string, to: 'md' | 'json', taken: Set<string>): string {
  let name = `${stem}.${to}`
  for (let n = 2; taken.has(name); n++) name = `${stem}-${n}.${to}`
  taken.add(name)
  return name
}

function slug(value: string): string {
  return value.normalize('NFKC').replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^[.-]+|-+$/g, '').slice(0, 120)
}

/** A path with each secret replaced by the placeholder. */
function scrub(value: string, finder: SpanFinder): string {
  const spans = finder(value)
  let out = ''
  let at = 0
  for (const span of spans) {
    out += value.slice(at, span.start) + redactionPlaceholder()
    at = span.end
  }
  return out + value.slice(at)
}
