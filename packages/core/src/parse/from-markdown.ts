import type { Parent, Root, RootContent } from 'mdast'
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
  const read = readText(file)
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
    header = headerFromRecord(parsed.record, file, parsed.locate) as Cable
  } else {
    report(file, 'info', 'no-front-matter', 'no front matter: the cable has no header fields', { line: 1, column: 1 })
  }

  // Limits apply to the Markdown after the front matter: YAML has its own.
  const bodyLine = span ? span.bodyLine : 1
  const bodyText = span ? text.split('\n').slice(bodyLine - 1).join('\n') : text
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
          report(file, 'warning', 'unknown-directive', `unknown directive \`${node.name}\` is kept as text; known: ${[...KNOWN_DIRECTIVES].join(', ')}`, node.position)
          children[index] = { type: 'paragraph', children: [{ type: 'text', value }], ...(node.position ? { position: node.position } : {}) }
        }
        continue
      }
    }
    if ('children' in node) resolveDirectives(node as Parent, source, file, keepRedacted)
  }
  mergeAdjacentText(children)
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
