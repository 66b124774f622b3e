import { detectFormat } from './detect.js'
import type { SourceFormat } from './detect.js'
import { fromJson } from './from-json.js'
import { fromMarkdown } from './from-markdown.js'
import type { FromMarkdownOptions } from './from-markdown.js'
import { fromText } from './from-text/from-text.js'
import type { FromTextOptions } from './from-text/from-text.js'
import type { ParseResult, Source } from './parse-result.js'

/** Options of {@link parse}. */
export interface ParseOptions extends FromMarkdownOptions, FromTextOptions {
  /** Force a format instead of detecting it from the path and content. */
  from?: SourceFormat
}

/**
 * Read cables from any source format: Markdown, raw text or JSON, chosen by
 * `options.from`, else by the path's extension, else by content.
 *
 * @example const { cables, file } = parse(bytes, { path: 'cables/09RABAT412.txt' })
 */
export function parse(source: Source, options: ParseOptions = {}): ParseResult {
  const from = options.from ?? detectFormat(options.path ?? (typeof source === 'object' && 'path' in source ? source.path : undefined), peek(source))
  if (from === 'markdown') return fromMarkdown(source, options)
  if (from === 'json') return fromJson(source, options)
  return fromText(source, options)
}

function peek(source: Source): string {
  if (typeof source === 'string') return source.slice(0, 4096)
  const value = source instanceof Uint8Array ? source : source.value
  if (typeof value === 'string') return value.slice(0, 4096)
  return new TextDecoder('utf-8').decode(value.subarray(0, 4096))
}
