import { readFile } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import type { Command } from 'commander'
import type { VFile } from 'vfile'
import type { RedactOptions, SpanFinder } from '@cablekit/core'
import { CliError, EXIT } from './errors.js'

/** The redaction flags as commander hands them over. */
export interface RedactionFlags {
  match: string[]
  regex: string[]
  field: string[]
  reason?: string
  keyFile?: string
  wholeWords?: boolean
}

const collect = (value: string, previous: string[]) => [...previous, value]

/**
 * Add the redaction flags shared by `redact`, `render`, `batch` and `dossier`:
 * `--match`, `--regex`, `--field`, `--reason`, `--whole-words`, and with
 * `key: true` `--key-file` (for commands that write a redaction log).
 */
export function addRedactionOptions(command: Command, options: { key?: boolean } = {}): Command {
  command
    .option('--match <text>', 'a text to redact wherever it occurs (folded: case, NFKC, invisible characters, hyphenation); repeatable', collect, [])
    .option('--regex <re>', 'a regular expression to redact, `/source/flags` or a bare source (case-insensitive); repeatable', collect, [])
    .option('--field <name>', 'a field to withhold whole: a header key (subject, from, to, signer, …), body or attachments; repeatable', collect, [])
    .option('--reason <text>', 'the reason printed on each redaction bar')
    .option('--whole-words', 'match texts only as whole words (default: anywhere, which errs on the side of hiding)')
  if (options.key) command.option('--key-file <file>', 'a file holding the publisher key (at least 16 bytes); adds a keyed hash of each secret to the log')
  return command
}

/**
 * The redaction options the flags ask for, checked before any input is read
 * (an empty text, a bad expression, an unknown field or a short key is a
 * usage error), or `undefined` when they ask for none.
 */
export async function redactOptionsFrom(flags: RedactionFlags, cwd: string, extra: Partial<RedactOptions> = {}): Promise<RedactOptions | undefined> {
  const match = [...(extra.match ?? []), ...flags.match]
  const regex = [...(extra.regex ?? []), ...flags.regex]
  const fields = [...(extra.fields ?? []), ...flags.field]
  if (match.length + regex.length + fields.length === 0 && !flags.keyFile) return undefined
  const key = flags.keyFile ? await readKey(resolve(cwd, flags.keyFile)) : undefined
  const reason = flags.reason ?? extra.reason
  const options: RedactOptions = {
    match,
    regex,
    fields,
    ...(reason !== undefined ? { reason } : {}),
    ...(key ? { key } : {}),
    wholeWords: flags.wholeWords === true,
  }
  // Loaded here, not at the top: `cablekit batch`'s parent loads no parser unless it redacts.
  const { redact, RedactionRuleError } = await import('@cablekit/core')
  try {
    redact({ body: [], attachments: [] }, options)
  } catch (error) {
    if (error instanceof RedactionRuleError || error instanceof RangeError) throw new CliError(error.message.replace(/^cablekit redact: /, ''), EXIT.usage)
    throw error
  }
  return options
}

/**
 * A function that hides what the redaction rules match in a text that is not
 * part of the model but is published all the same: file names, diagnostics,
 * manifest lines. Besides the rules, each word of four letters or more of a
 * text rule is hidden too: a file named after a surname must not survive a
 * rule that names the full name.
 */
export function scrubberFor(options: RedactOptions): Promise<(text: string) => string> {
  // Once per set of rules: a batch worker scrubs every file's names and, through
  // `renderSource`, its diagnostics, with the same rules for the whole archive.
  let scrubber = scrubbers.get(options)
  if (!scrubber) scrubbers.set(options, (scrubber = compileScrubber(options)))
  return scrubber
}

const scrubbers = new WeakMap<RedactOptions, Promise<(text: string) => string>>()

async function compileScrubber(options: RedactOptions): Promise<(text: string) => string> {
  const { compileRedactionRules, redactionPlaceholder } = await import('@cablekit/core')
  const texts = (options.match ?? []).map((rule) => (typeof rule === 'string' ? rule : rule.text))
  const words = texts.flatMap((text) => text.split(/[^\p{L}\p{N}]+/u)).filter((word) => word.length >= 4)
  const find: SpanFinder = compileRedactionRules(
    [...texts, ...words].map((text) => ({ text })),
    (options.regex ?? []).map((rule) => (typeof rule === 'string' || rule instanceof RegExp ? { pattern: rule } : rule)),
  )
  return (text) => {
    let out = ''
    let at = 0
    for (const span of find(text)) {
      out += text.slice(at, span.start) + redactionPlaceholder()
      at = span.end
    }
    return out + text.slice(at)
  }
}

/** Hide what `scrub` hides in every diagnostic of `file`: reason, note, expected and actual values, suggestion, path. */
export function scrubDiagnostics(file: VFile, scrub: (text: string) => string): void {
  // Reporters print the first path of the history, so every entry is scrubbed, not just the current one.
  file.history = file.history.map(scrub)
  for (const message of file.messages) {
    // A range (`4:1-4:9`) would tell the length of what it covers, which may be the secret: keep its start.
    const place = message.place
    if (place && 'start' in place) message.place = { ...place.start }
    message.reason = scrub(message.reason)
    message.message = message.reason
    if (message.file) message.file = scrub(message.file)
    if (message.stack) message.stack = scrub(message.stack)
    if (message.note) message.note = scrub(message.note)
    if (message.actual) message.actual = scrub(message.actual)
    if (message.expected) message.expected = message.expected.map(scrub)
    const withSuggestion = message as typeof message & { suggestion?: string }
    if (withSuggestion.suggestion) withSuggestion.suggestion = scrub(withSuggestion.suggestion)
  }
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
