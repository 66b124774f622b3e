import type { Parent, Root, RootContent } from 'mdast'
import type { Position } from 'unist'
import type { VFile } from 'vfile'
import { hasErrors, report } from '../diagnostics.js'
import type { Cable } from '../model/schema.js'
import type { BodyContent } from '../model/nodes.js'
import { splitAttachments } from './attachments.js'
import { findFrontMatter, parseFrontMatter } from './front-matter.js'
import { headerFromRecord } from './header-from-record.js'
import { checkMarkdownLimits, DEFAULT_MARKDOWN_LIMITS } from './markdown-limits.js'
import type { MarkdownLimits } from './markdown-limits.js'
import { toVFile } from './parse-result.js'
import type { ParseResult, Source, SourceOptions } from './parse-result.js'
import { readText } from './read-text.js'
import { markdownProcessorFor } from './markdown-processor.js'
import { checkCable } from './check-cable.js'
import { applyRedactDirectives, closingBracket, findRedactDirectives } from './redact-directives.js'
import type { DirectiveSpan } from './redact-directives.js'
import type { Locate } from './header-from-record.js'

/** Options of {@link fromMarkdown}. */
export interface FromMarkdownOptions extends SourceOptions {
  /** Limits on size and nesting, against inputs that would take unbounded time. */
  limits?: Partial<MarkdownLimits>
  /**
   * Keep `:redact[…]` directives with their text instead of turning them into
   * redaction nodes. Only for editing sources: renderers redact anyway.
   */
  keepRedacted?: boolean
}

/** Directives the model knows; any other is put back as the text it was written as. */
const KNOWN_DIRECTIVES = new Set(['redact', 'sic', 'nde'])

/**
 * Read a cable from Markdown with YAML front matter: the front matter gives the
 * header, the Markdown the body (mdast nodes with positions), and level-2
 * headings such as `## PJ : title` start attachments.
 *
 * @param source Markdown text, its bytes (UTF-8, UTF-16 with BOM or a legacy
 *   encoding), or a vfile.
 * @returns one cable (none after an error) and the vfile with diagnostics.
 * @example
 * const { cables, file } = fromMarkdown('---\nsubject: Test\n---\n\nHello.', { path: 'a.md' })
 */
export function fromMarkdown(source: Source, options: FromMarkdownOptions = {}): ParseResult {
  const file = toVFile(source, options)
  const read = readText(file, { maxSize: options.maxSize })
  if (!read) return { cables: [], file }
  const { text } = read
  const limits = { ...DEFAULT_MARKDOWN_LIMITS, ...options.limits }
  // Size first, on the whole file: nothing else is worth doing on a huge input.
  if (!checkMarkdownLimits(text.length > limits.maxSize ? text : '', file, limits)) return { cables: [], file }
  const span = findFrontMatter(text, file)
  if (span === undefined) return { cables: [], file }

  let header: Cable | Record<string, never> = {}
  if (span) {
    const parsed = parseFrontMatter(span, file)
    if (!parsed) return { cables: [], file }
    header = headerFromRecord(redactRecord(parsed.record, file, parsed.locate, []) as Record<string, unknown>, file, parsed.locate) as Cable
  } else {
    report(file, 'info', 'no-front-matter', 'no front matter: the cable has no header fields', { line: 1, column: 1 })
  }

  // Limits apply to the Markdown after the front matter: YAML has its own.
  const bodyLine = span ? span.bodyLine : 1
  const bodyText = span
    ? text
        .split('\n')
        .slice(bodyLine - 1)
        .join('\n')
    : text
  if (!checkMarkdownLimits(bodyText, file, limits, bodyLine)) return { cables: [], file }

  const tree = markdownProcessorFor(text).parse(file) as Root
  const children = tree.children.filter((node) => node.type !== 'yaml')
  resolveDirectives({ type: 'root', children }, text, file, options.keepRedacted === true)
  const { body, attachments } = splitAttachments(children as BodyContent[])
  if (hasErrors(file)) return { cables: [], file }
  const cable = checkCable({ ...header, body, attachments, provenance: mergeProvenance(header, read.encoding) }, file)
  return { cables: cable ? [cable] : [], file }
}

function mergeProvenance(header: Partial<Cable>, encoding: string): Cable['provenance'] {
  const provenance = { ...header.provenance }
  if (encoding !== 'utf-8') provenance.encoding = encoding
  return Object.keys(provenance).length > 0 ? provenance : undefined
}

/**
 * Turn `:redact[…]` into redaction nodes (the text is dropped here, before any
 * renderer), and put unknown directives back as the text they were written as:
 * in prose, `a:b` is text, not a directive.
 */
function resolveDirectives(parent: Parent, source: string, file: VFile, keepRedacted: boolean): void {
  const children = parent.children as RootContent[]
  for (let index = 0; index < children.length; index++) {
    const node = children[index]!
    if (node.type === 'textDirective' || node.type === 'leafDirective' || node.type === 'containerDirective') {
      if (node.name !== 'redact' && node.name.toLowerCase() === 'redact') {
        // `:Redact[…]`: the meaning is clear, and printing the secret would be the worst reading of it.
        report(file, 'warning', 'redact-typo', `\`${node.name}\` is read as \`redact\`: the text is withheld (write \`:redact[…]\`)`, node.position)
        node.name = 'redact'
      }
      if (node.name === 'redact' && node.type === 'textDirective') attachLooseLabel(children, index, node, source, file)
      if (node.name === 'redact' && !keepRedacted) {
        const reason = node.attributes?.['reason'] ?? undefined
        // The node keeps where the span started, never where it ended: the end
        // offset would tell the secret's length.
        const at = node.position ? { position: { start: node.position.start, end: node.position.start } } : {}
        const redaction = { type: 'redaction' as const, ...(reason ? { reason } : {}), ...at }
        if (node.type === 'textDirective') children[index] = redaction
        else children[index] = { type: 'paragraph', children: [redaction], ...at }
        continue
      }
      if (!KNOWN_DIRECTIVES.has(node.name)) {
        const start = node.position?.start.offset
        const end = node.position?.end.offset
        const value = start !== undefined && end !== undefined ? source.slice(start, end) : `:${node.name}`
        if (node.type === 'textDirective') {
          children[index] = { type: 'text', value, ...(node.position ? { position: node.position } : {}) }
        } else {
          report(
            file,
            'warning',
            'unknown-directive',
            `unknown directive \`${node.name}\` is kept as text; known: ${[...KNOWN_DIRECTIVES].join(', ')}`,
            node.position,
          )
          children[index] = { type: 'paragraph', children: [{ type: 'text', value }], ...(node.position ? { position: node.position } : {}) }
        }
        continue
      }
    }
    redactStrings(node, source, file)
    if ('children' in node) resolveDirectives(node as Parent, source, file, keepRedacted)
  }
  mergeAdjacentText(children)
}

/**
 * Alternative text and titles are plain strings, where Markdown reads no
 * directive (an image's alt keeps a `:redact[…]` label's text): apply them
 * there, reading an image's label from the source.
 */
function redactStrings(node: RootContent, source: string, file: VFile): void {
  const holder = node as unknown as Record<string, unknown>
  const warn = (span: DirectiveSpan) => {
    if (span.flaw) report(file, 'warning', 'redact-typo', `a redaction directive is applied, though ${span.flaw}`, node.position?.start)
  }
  if ((node.type === 'image' || node.type === 'imageReference') && node.position?.start.offset !== undefined && node.position.end.offset !== undefined) {
    const label = imageLabel(source.slice(node.position.start.offset, node.position.end.offset))
    if (label !== undefined && findRedactDirectives(label).length > 0) holder['alt'] = applyRedactDirectives(label, warn)
  }
  for (const key of ['alt', 'title'] as const) {
    const value = holder[key]
    if (typeof value === 'string') holder[key] = applyRedactDirectives(value, warn)
  }
}

/** The label of an image as written (`![label](…)`), to its matching bracket. */
function imageLabel(written: string): string | undefined {
  if (!written.startsWith('![')) return undefined
  const close = closingBracket(written, 2)
  return close === -1 ? undefined : written.slice(2, close)
}

/**
 * `:redact [x]` and an unclosed `:redact[x` are read by micromark as a
 * `:redact` without a label followed by text: take the bracket that follows
 * as its label, with a warning. An unclosed one withholds the rest of its
 * paragraph, which was meant to be inside it.
 */
function attachLooseLabel(
  children: RootContent[],
  index: number,
  node: { children: RootContent[]; attributes?: Record<string, string | null | undefined> | null; position?: Position },
  source: string,
  file: VFile,
): void {
  const next = children[index + 1]
  const written =
    node.position?.start.offset !== undefined && node.position.end.offset !== undefined
      ? source.slice(node.position.start.offset, node.position.end.offset)
      : ''
  if (node.children.length > 0 || written.includes('[') || next?.type !== 'text' || !/^[ \t]*\[/u.test(next.value)) return
  // An escaped bracket (`:redact \[…]`, as the canonical Markdown writes text after a bar) is text, meant as such.
  const nextStart = next.position?.start.offset
  if (nextStart === undefined || !/^[ \t]*\[/u.test(source.slice(nextStart, nextStart + 64))) return
  const span = findRedactDirectives(`:redact${next.value}`)[0]
  if (!span) return
  const offset = ':redact'.length
  const secret = next.value.slice(span.textStart - offset, span.textEnd - offset)
  const rest = next.value.slice(span.end - offset)
  report(file, 'warning', 'redact-typo', `a redaction directive is applied, though ${span.flaw ?? 'Markdown did not read its label'}`, node.position?.start)
  node.children = [{ type: 'text', value: secret }]
  if (span.reason) node.attributes = { ...node.attributes, reason: span.reason }
  if (!span.closed) children.splice(index + 1)
  else if (rest === '') children.splice(index + 1, 1)
  else children[index + 1] = { ...next, value: rest }
}

/**
 * Front matter is YAML: a `:redact[…]` in a value is not read by Markdown,
 * and was printed. Apply it (the value keeps the placeholder) and warn, so
 * the author writes the field's redaction the supported way (`--field`).
 */
function redactRecord(value: unknown, file: VFile, locate: Locate, path: (string | number)[]): unknown {
  if (typeof value === 'string') {
    return applyRedactDirectives(value, (span: DirectiveSpan) => {
      report(
        file,
        'warning',
        'redact-in-front-matter',
        `\`${path.join('.')}\` holds a redaction directive: it is applied, and the field prints a placeholder${span.flaw ? ` (${span.flaw})` : ''}`,
        locate(path),
        {
          note: 'Front matter is not Markdown; `--field NAME` withholds a whole field.',
        },
      )
    })
  }
  if (Array.isArray(value)) return value.map((item, index) => redactRecord(item, file, locate, [...path, index]))
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) {
      // defineProperty: a `__proto__` key stays a key, never the prototype.
      Object.defineProperty(out, key, { value: redactRecord(item, file, locate, [...path, key]), enumerable: true, writable: true, configurable: true })
    }
    return out
  }
  return value
}

function mergeAdjacentText(children: RootContent[]): void {
  for (let index = children.length - 1; index > 0; index--) {
    const node = children[index]!
    const previous = children[index - 1]!
    if (node.type === 'text' && previous.type === 'text') {
      previous.value += node.value
      if (previous.position && node.position) previous.position = { start: previous.position.start, end: node.position.end }
      children.splice(index, 1)
    }
  }
}
