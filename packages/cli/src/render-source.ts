import { basename } from 'node:path'
import { VFile } from 'vfile'
import { editorialMarks, hasErrors, redact, report, toJson } from '@cablekit/core'
import type { Cable, ParseOptions, RedactOptions } from '@cablekit/core'
import { scrubberFor, scrubDiagnostics } from './redaction-options.js'
import { outputStem, sanitizeName } from './output-names.js'
import { reportMissingGlyphs } from './report-missing-glyphs.js'
import { parseSource } from './parse-source.js'
import type { ScanFlags } from './scan-options.js'

export { outputStem } from './output-names.js'
import { THEMES, THEME_NAMES, toDocx, toHtml, toPdf } from '@cablekit/render'
import type { PdfOptions, ThemeData } from '@cablekit/render'

/** Output formats of {@link renderSource}. */
export type RenderFormat = 'pdf' | 'docx' | 'html'

/** Options of {@link renderSource}. */
export interface RenderSourceOptions {
  /** Formats to write, in order. */
  to: RenderFormat[]
  /** A built-in theme name (checked against `THEME_NAMES`) or a theme object; default: each cable's family. */
  theme?: string | ThemeData
  /** PDF finish (`scan` for the scanned look). */
  finish?: PdfOptions['finish']
  /** Tagged PDF. */
  tagged?: boolean
  /** PDF/A-3b. */
  pdfa?: boolean
  /** Also output each cable as `NAME.json`. */
  json?: boolean
  /** Print the OCR fixes recorded by `--fix` (`provenance.fixes`) as editor's notes (N.d.E.). */
  annotate?: boolean
  /** DOCX and HTML: embed the theme's fonts (default `true`); a PDF always embeds them. */
  embedFonts?: boolean
  /**
   * For files met in a folder walk: a file that holds no cable (`no-cable`
   * errors only, or Markdown without front matter, such as a README) is
   * skipped with a warning instead of failing or being rendered as a cable.
   */
  skipNonCables?: boolean
  /**
   * Redact every cable on the model before it is rendered. The output names
   * and the diagnostics are scrubbed of what the rules match too, since both
   * are published (file names, batch manifests).
   */
  redact?: RedactOptions
  /** The stem of the output names, instead of the input's base name (the batch disambiguates scrubbed names with it). */
  stem?: string
  /** Options passed to `parse` (format, `--fix`). */
  parse?: ParseOptions
  /** For scans and PDFs: `--ocr`, `--lang`, `--workers`. */
  scan?: ScanFlags
  /** Told of OCR progress on long scans. */
  progress?: (line: string) => void
  /** Environment for `SOURCE_DATE_EPOCH` (default `process.env`). */
  env?: Record<string, string | undefined>
}

/** What {@link renderSource} gives back: the diagnostics, the outputs, and whether the file was skipped as holding no cable. */
export interface RenderSourceResult {
  file: VFile
  outputs: RenderedOutput[]
  /** Set with `skipNonCables` when the file holds no cable: nothing was rendered, and `file` has a `not-a-cable` warning. */
  skipped?: true
}

/** One rendered file: its name (no folder) and its bytes. */
export interface RenderedOutput {
  name: string
  bytes: Uint8Array
}

/**
 * Parse one source file and render each of its cables: `NAME.pdf` for a file
 * with one cable, `NAME-1.pdf`, `NAME-2.pdf`… when it holds several. Each
 * cable first goes through `editorialMarks` (editor's notes marked "N.d.E.";
 * with `annotate`, the recorded OCR fixes as such notes). Never
 * throws for a bad input: every problem becomes a diagnostic on `file`, and the
 * cables that could be rendered still are.
 *
 * @param bytes the file's content.
 * @param path the file's path as shown in diagnostics; its base name names the outputs.
 * @example
 * const { file, outputs } = await renderSource(bytes, 'examples/otan.md', { to: ['pdf'] })
 */
export async function renderSource(bytes: Uint8Array, path: string, options: RenderSourceOptions): Promise<RenderSourceResult> {
  const source = new VFile({ path, value: bytes })
  let cables: Cable[]
  let file: VFile
  try {
    ;({ cables, file } = await parseSource(bytes, path, {
      ...(options.parse ? { parse: options.parse } : {}),
      ...(options.scan ? { scan: options.scan } : {}),
      ...(options.progress ? { progress: options.progress } : {}),
    }))
  } catch (error) {
    report(source, 'error', 'parse-failed', `could not read the file: ${messageOf(error)}`, { line: 1, column: 1 })
    return { file: source, outputs: [] }
  }
  const outputs: RenderedOutput[] = []
  if (options.skipNonCables && holdsNoCable(file, cables)) {
    // Only the "no cable" verdicts are dropped: any other diagnostic of the file stays.
    file.messages = file.messages.filter((message) => message.ruleId !== 'no-cable' && message.ruleId !== 'no-front-matter')
    report(file, 'warning', 'not-a-cable', 'holds no cable (no cable key, no cable text, or Markdown without front matter): skipped', { line: 1, column: 1 })
    return { file, outputs, skipped: true }
  }
  if (cables.length === 0) {
    if (!hasErrors(file)) report(file, 'error', 'no-cable', 'no cable found in the file', { line: 1, column: 1 })
    return { file, outputs }
  }
  const theme = resolveTheme(options.theme, file)
  if (theme === null) return { file, outputs }
  const scrub = options.redact ? await scrubberFor(options.redact) : undefined
  const stem = options.stem ?? (scrub ? outputStem(scrub(basename(path))) : outputStem(path))
  for (const [index, parsed] of cables.entries()) {
    const name = cables.length === 1 ? stem : `${stem}-${index + 1}`
    const place = parsed.body[0]?.position?.start ?? { line: 1, column: 1 }
    let cable = parsed
    if (options.redact) {
      try {
        cable = redact(parsed, { ...options.redact, cableIndex: index }).cable
      } catch (error) {
        report(file, 'error', 'render-failed', `could not redact cable ${index + 1}: ${messageOf(error)}`, place)
        continue
      }
    }
    // Editor's notes print with their "N.d.E." mark (and, with `annotate`, the OCR fixes as such notes) in every format.
    let marked: Cable
    try {
      marked = editorialMarks(cable, { annotate: options.annotate === true })
    } catch (error) {
      report(
        file,
        'error',
        'render-failed',
        `could not prepare the editorial marks of cable ${index + 1}${cable.id ? ` (${sanitizeName(cable.id)})` : ''}: ${messageOf(error)}`,
        place,
      )
      continue
    }
    reportMissingGlyphs(file, marked, theme, place)
    for (const format of options.to) {
      try {
        if (format === 'pdf') {
          const pdfOptions: PdfOptions = {
            ...(theme ? { theme } : {}),
            ...(options.finish ? { finish: options.finish } : {}),
            ...(options.tagged ? { tagged: true } : {}),
            ...(options.pdfa ? { pdfa: true } : {}),
            ...(options.env ? { env: options.env } : {}),
          }
          outputs.push({ name: `${name}.pdf`, bytes: await toPdf(marked, pdfOptions) })
        } else if (format === 'html') {
          // One self-contained page: fonts inlined, no request to any origin, prints as the facsimile.
          const html = { ...(theme ? { theme } : {}), ...(options.embedFonts === false ? { embedFonts: false } : {}) }
          outputs.push({ name: `${name}.html`, bytes: await toHtml(marked, html) })
        } else {
          const epoch = (options.env ?? process.env)['SOURCE_DATE_EPOCH']
          const docx = { ...(theme ? { theme } : {}), ...(options.embedFonts === false ? { embedFonts: false } : {}) }
          const dates = epoch && /^\d+$/.test(epoch) ? { sourceDateEpoch: Number(epoch) } : {}
          outputs.push({ name: `${name}.docx`, bytes: await toDocx(marked, { ...docx, ...dates }) })
        }
      } catch (error) {
        report(
          file,
          'error',
          'render-failed',
          `could not render ${format.toUpperCase()} of cable ${index + 1}${cable.id ? ` (${sanitizeName(cable.id)})` : ''}: ${messageOf(error)}`,
          place,
        )
      }
    }
    // The JSON is the model as parsed: the marks are how it prints, not what it says.
    if (options.json) outputs.push({ name: `${name}.json`, bytes: new TextEncoder().encode(toJson(cable)) })
  }
  // Diagnostics are published too (batch manifests): scrubbed once all are made, rendering's included.
  if (scrub) scrubDiagnostics(file, scrub)
  return { file, outputs }
}

/**
 * A file holds no cable when its only errors say so (`no-cable`: JSON without
 * a cable key, text without a cable) or when it is Markdown without front
 * matter (core's `no-front-matter`): a README, notes, not a cable.
 */
function holdsNoCable(file: VFile, cables: Cable[]): boolean {
  const errors = file.messages.filter((message) => message.fatal === true)
  if (errors.length > 0) return errors.every((message) => message.ruleId === 'no-cable')
  return cables.length === 0 || file.messages.some((message) => message.ruleId === 'no-front-matter')
}

function resolveTheme(theme: RenderSourceOptions['theme'], file: VFile): ThemeData | undefined | null {
  if (theme === undefined) return undefined
  if (typeof theme !== 'string') return theme
  if ((THEME_NAMES as readonly string[]).includes(theme)) return THEMES[theme as keyof typeof THEMES]
  report(file, 'error', 'unknown-theme', `unknown theme \`${theme}\`; known: ${THEME_NAMES.join(', ')}`, { line: 1, column: 1 })
  return null
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
