import { createWriteStream } from 'node:fs'
import { mkdir, rename, rm } from 'node:fs/promises'
import { basename, dirname, extname, join, resolve } from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { Command } from 'commander'
import type { VFile } from 'vfile'
import type { DossierEntry, DossierOrder, ThemeData, ThemeName } from '@cablekit/render'
import type { DossierFile } from '../dossier/load-dossier.js'
import { CliError, EXIT } from '../errors.js'
import type { CliIo } from '../io.js'
import { addRedactionOptions, redactOptionsFrom, scrubberFor, scrubDiagnostics } from '../redaction-options.js'
import { InputGuard } from '../input-guard.js'
import type { RedactionFlags } from '../redaction-options.js'
import { writeAtomic } from '../write-atomic.js'
import { addScanOptions, scanFlagsFrom } from '../scan-options.js'
import type { ScanFlags } from '../scan-options.js'
import { addRenderFlags, renderFlagsFrom } from '../render-flags.js'
import type { RenderFlags } from '../render-flags.js'
import { coverLanguage } from '../document-languages.js'

interface DossierCommandOptions extends RedactionFlags, ScanFlags, RenderFlags {
  out: string
  title?: string
  subtitle?: string
  editor?: string
  date?: string
  order?: DossierOrder
  duplex?: boolean
  index: boolean
}

/**
 * `cablekit dossier <files…|dossier.yml> -o book.pdf|book.docx`: print many
 * cables, of any source format, as one book with a cover, an introduction,
 * a table of contents, the cables and an index.
 */
export function registerDossier(program: Command, io: CliIo, done: (code: number) => void): void {
  const command = program
    .command('dossier')
    .description('print many cables (Markdown, raw text or JSON, mixed) as one book: cover, introduction, contents, the cables, index')
    .argument('<inputs...>', 'cable files, or one dossier.yml that lists them with the title, introduction and options')
    .requiredOption('-o, --out <file>', 'the book to write: a .pdf or .docx file')
    .option('--title <text>', 'the title (overrides the dossier file)')
    .option('--subtitle <text>', 'the subtitle')
    .option('--editor <text>', 'who edited the dossier')
    .option('--date <iso>', 'the date of the dossier, e.g. 2026-11-01')
    .option('--order <order>', 'listed, date or reference', (value: string) => {
      if (!['listed', 'date', 'reference'].includes(value)) throw new CliError('`--order` expects listed, date or reference', EXIT.usage)
      return value
    })
    .option('--duplex', 'printed on both sides: each cable starts on an odd page')
    .option('--no-index', 'leave out the index of tags, places and senders')
  addRenderFlags(command, { scope: 'dossier' })
  addRedactionOptions(command)
  addScanOptions(command)
  command.action(async (inputs: string[], options: DossierCommandOptions) => {
    const out = resolve(io.cwd, options.out)
    const format = extname(out).toLowerCase()
    if (format !== '.pdf' && format !== '.docx') throw new CliError('`-o` must name a .pdf or .docx file', EXIT.usage)
    // The parsers and renderers load only when a book is made: `cablekit --help` never pays for them.
    const [{ hasErrors, RedactionRuleError, toJson }, { toDossierDocx, toDossierPdfStream }, { printDiagnostics }, { loadDossier }, { readInputs }] =
      await Promise.all([
        import('@cablekit/core'),
        import('@cablekit/render'),
        import('../diagnostics.js'),
        import('../dossier/load-dossier.js'),
        import('../read-inputs.js'),
      ])
    const [{ reportMissingGlyphs }, { loadThemeModule }] = await Promise.all([import('../report-missing-glyphs.js'), import('../load-theme-module.js')])
    const { theme: choice, parse, json, annotate, tagged, pdfa, finish, embedFonts } = renderFlagsFrom(options, io.cwd, 'dossier')
    // resolveThemeChoice only gives names of the registry, so the cast holds.
    const flagTheme: ThemeName | ThemeData | undefined =
      choice === undefined ? undefined : 'name' in choice ? (choice.name as ThemeName) : await loadThemeModule(choice.module, options.theme)

    let spec: DossierFile = { cables: inputs.map((path) => ({ path })) }
    const yml = inputs.length === 1 && /\.ya?ml$/i.test(inputs[0]!)
    // The rules (the flags', and the dossier's own once it is read) are known before anything is
    // printed: diagnostics are published too.
    const files: VFile[] = []
    if (yml) {
      const { dossier, file } = await loadDossier(inputs[0]!, io.cwd)
      if (!dossier) {
        const rules = await redactOptionsFrom(options, io.cwd)
        if (rules) scrubDiagnostics(file, await scrubberFor(rules))
        printDiagnostics([file], io)
        done(EXIT.failed)
        return
      }
      files.push(file)
      spec = dossier
    }
    const redact = await redactOptionsFrom(options, io.cwd, spec.redact ?? {})
    const title = options.title ?? spec.title
    if (!title) throw new CliError('the dossier needs a title: give `--title` or `title:` in dossier.yml', EXIT.usage)

    const scan = { scan: scanFlagsFrom(options), progress: (line: string) => io.stderr.write(`${line}\n`) }
    const results = await readInputs(
      spec.cables.map((cable) => cable.path),
      io.cwd,
      parse,
      scan,
    )
    // A character no font of a cable's theme has prints as a replacement mark in the book: say where.
    results.forEach((result, index) => {
      const theme = spec.cables[index]?.theme ?? flagTheme ?? spec.theme
      for (const cable of result.cables) reportMissingGlyphs(result.file, cable, theme, { line: 1, column: 1 })
    })
    files.push(...results.map((result) => result.file))
    if (redact) {
      const scrub = await scrubberFor(redact)
      for (const file of files) scrubDiagnostics(file, scrub)
    }
    printDiagnostics(files, io)
    // The sources' text is not read again once their diagnostics are printed: a book of a whole archive would hold it
    // all while it paints.
    for (const file of files) file.value = ''
    const guard = new InputGuard()
    for (const cable of spec.cables) await guard.add(resolve(io.cwd, cable.path))
    if (yml) await guard.add(resolve(io.cwd, inputs[0]!))
    if (await guard.clobbers(out)) throw new CliError(`-o ${options.out} is one of the inputs: it is not overwritten`, EXIT.usage)
    // A book without one of its cables is not what was asked for: nothing is written.
    if (results.some((result) => hasErrors(result.file) || result.cables.length === 0)) {
      io.stderr.write('cablekit dossier: no book written, as some inputs could not be read\n')
      done(EXIT.failed)
      return
    }
    const cables: DossierEntry[] = results.flatMap((result, index) =>
      result.cables.map((cable) => ({ cable, ...(spec.cables[index]!.theme ? { theme: spec.cables[index]!.theme } : {}) })),
    )
    const dossier = {
      title,
      ...pick('subtitle', options.subtitle ?? spec.subtitle),
      ...pick('editor', options.editor ?? spec.editor),
      ...pick('date', options.date ?? spec.date),
      // `--lang fra+ara`: the cover and contents are written in the first language.
      ...pick('lang', options.lang ? coverLanguage(options.lang) : spec.lang),
      ...pick('introduction', spec.introduction),
      cables,
    }
    const settings = {
      ...pick('order', options.order ?? spec.order),
      ...pick('theme', flagTheme ?? spec.theme),
      duplex: options.duplex === true || spec.duplex === true,
      annotate: annotate === true || spec.annotate === true,
      index: options.index !== false && spec.index !== false,
      ...(format === '.pdf' ? { ...pick('tagged', tagged), ...pick('pdfa', pdfa), ...pick('finish', finish) } : {}),
      ...(format === '.docx' && embedFonts === false ? { embedFonts: false } : {}),
      ...(redact ? { redact } : {}),
      env: io.env,
    }
    try {
      if (format === '.docx') await writeAtomic(out, await toDossierDocx(dossier, settings))
      else await writeStreamAtomic(out, () => toDossierPdfStream(dossier, settings))
    } catch (error) {
      if (error instanceof RedactionRuleError || error instanceof RangeError) throw new CliError(error.message.replace(/^cablekit redact: /, ''), EXIT.usage)
      throw error
    }
    if (json) {
      // The cables as read, beside the book: what `--json-too` writes for each cable in `render`.
      const target = join(dirname(out), `${basename(out, extname(out))}.json`)
      if (await guard.clobbers(target)) throw new CliError(`${target} is one of the inputs: it is not overwritten`, EXIT.usage)
      await writeAtomic(target, new TextEncoder().encode(toJson(cables.map((entry) => entry.cable))))
    }
    io.stderr.write(`cablekit dossier: ${cables.length} cable${cables.length === 1 ? '' : 's'} written to ${options.out}\n`)
    done(EXIT.ok)
  })
}

function pick<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }
}

let counter = 0

/** Stream into a temporary file beside the target, then rename: a failure leaves no half book. */
async function writeStreamAtomic(path: string, open: () => NodeJS.ReadableStream): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${++counter}.tmp`)
  try {
    await pipeline(open(), createWriteStream(temporary))
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}
