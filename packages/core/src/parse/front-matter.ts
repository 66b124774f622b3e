import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml'
import type { Node as YamlNode, Document } from 'yaml'
import type { VFile } from 'vfile'
import type { Position } from 'unist'
import { report } from '../diagnostics.js'
import type { Locate } from './header-from-record.js'

/** How deep front matter may nest: real headers go three levels down; 800 levels abort V8. */
export const MAX_YAML_DEPTH = 24
/** How many aliases front matter may expand, against alias bombs. */
export const MAX_YAML_ALIASES = 100

/** Where front matter sits in a Markdown source. */
export interface FrontMatterSpan {
  /** The YAML text between the fences. */
  yaml: string
  /** 1-based line of the first YAML line. */
  startLine: number
  /** 1-based line of the first line after the closing fence. */
  bodyLine: number
}

/**
 * Find the front matter of a Markdown source and check its fences: it must
 * open on the first line with `---` and close with `---` or `...`. Front matter
 * that is unclosed, or that follows blank lines, is an error rather than body
 * text. Returns `null` when the source has none, `undefined` after an error.
 */
export function findFrontMatter(text: string, file: VFile): FrontMatterSpan | null | undefined {
  const lines = text.split('\n', 2000)
  if (/^---[ \t]*$/.test(lines[0] ?? '')) {
    const close = lines.findIndex((line, index) => index > 0 && /^(---|\.\.\.)[ \t]*$/.test(line))
    if (close === -1) {
      report(file, 'error', 'unclosed-front-matter', 'the front matter opened on line 1 is never closed: end it with a line `---`', { line: 1, column: 1 })
      return undefined
    }
    return { yaml: lines.slice(1, close).join('\n'), startLine: 2, bodyLine: close + 2 }
  }
  const first = lines.findIndex((line) => line.trim() !== '')
  if (first > 0 && /^---[ \t]*$/.test(lines[first]!)) {
    const next = lines[first + 1] ?? ''
    if (/^[A-Za-z_][\w-]*[ \t]*:/.test(next)) {
      report(file, 'error', 'front-matter-position', `front matter must start on line 1, but it starts on line ${first + 1} after blank lines`, {
        line: first + 1,
        column: 1,
      })
      return undefined
    }
  }
  return null
}

/**
 * Parse front matter YAML safely: depth checked before parsing (deep nesting
 * can abort V8), every scalar read as a string (YAML 1.1 would make `0123` a
 * number and `NO` false; types are validated afterwards), aliases bounded, no
 * custom tags, duplicate keys refused. Returns the record and a locator for
 * diagnostics, or `undefined` after an error.
 */
export function parseFrontMatter(span: FrontMatterSpan, file: VFile): { record: Record<string, unknown>; locate: Locate } | undefined {
  const lineOffset = span.startLine - 1
  const tooDeep = findExcessiveDepth(span.yaml)
  if (tooDeep) {
    report(file, 'error', 'yaml-too-deep', `front matter nests deeper than ${MAX_YAML_DEPTH} levels`, {
      line: tooDeep.line + lineOffset,
      column: tooDeep.column,
    })
    return undefined
  }
  const counter = new LineCounter()
  let doc: Document.Parsed
  try {
    doc = parseDocument(span.yaml, { schema: 'failsafe', uniqueKeys: true, lineCounter: counter, prettyErrors: false, strict: true, customTags: [] })
  } catch (error) {
    report(file, 'error', 'bad-yaml', `the front matter is not valid YAML: ${(error as Error).message}`, { line: span.startLine, column: 1 })
    return undefined
  }
  const point = (offset: number) => {
    const p = counter.linePos(offset)
    return { line: p.line + lineOffset, column: p.col, offset: undefined }
  }
  const range = (node: { range?: [number, number, number] | null } | null | undefined): Position | undefined =>
    node?.range ? { start: point(node.range[0]), end: point(node.range[1]) } : undefined
  for (const error of doc.errors) {
    report(file, 'error', 'bad-yaml', `the front matter is not valid YAML: ${firstLine(error.message)}`, {
      start: point(error.pos[0]),
      end: point(error.pos[1]),
    })
  }
  for (const warning of doc.warnings) {
    report(file, 'warning', 'yaml-warning', firstLine(warning.message), { start: point(warning.pos[0]), end: point(warning.pos[1]) })
  }
  if (doc.errors.length > 0) return undefined
  const contents = doc.contents as YamlNode | null
  if (contents === null || (isScalar(contents) && (contents.value === '' || contents.value === null))) {
    return { record: {}, locate: () => undefined }
  }
  if (!isMap(contents)) {
    report(
      file,
      'error',
      'front-matter-not-mapping',
      `front matter must be a mapping of keys to values, not ${isSeq(contents) ? 'a list' : 'a single value'}`,
      range(contents),
    )
    return undefined
  }
  let value: unknown
  try {
    value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES })
  } catch (error) {
    report(file, 'error', 'yaml-aliases', `the front matter expands too many aliases (${firstLine((error as Error).message)})`, range(contents))
    return undefined
  }
  const locate: Locate = (path) => {
    for (let depth = path.length; depth > 0; depth--) {
      const node = doc.getIn(path.slice(0, depth), true) as YamlNode | undefined
      const found = range(node)
      if (found) {
        // Point at the key rather than its value when the path names a key.
        const parent = depth > 1 ? doc.getIn(path.slice(0, depth - 1), true) : contents
        if (isMap(parent)) {
          const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === path[depth - 1])
          const keyRange = range(pair?.key as YamlNode | undefined)
          if (keyRange) return keyRange
        }
        return found
      }
    }
    return range(contents)
  }
  return { record: value as Record<string, unknown>, locate }
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
}

/**
 * Depth of flow collections and indentation, read without a YAML parser, so
 * input that would exhaust the parser's stack is refused first.
 */
function findExcessiveDepth(yaml: string): { line: number; column: number } | undefined {
  let flow = 0
  let quote: string | undefined
  const indents: number[] = []
  let line = 1
  let column = 0
  let atLineStart = true
  let indent = 0
  for (let i = 0; i < yaml.length; i++) {
    const ch = yaml[i]!
    column++
    if (ch === '\n') {
      line++
      column = 0
      atLineStart = true
      indent = 0
      if (quote === "'" || quote === '"') continue
      continue
    }
    if (atLineStart) {
      if (ch === ' ' || ch === '-' || ch === '?') {
        // A sequence dash opens a level like an indent does.
        indent++
        continue
      }
      atLineStart = false
      if (ch !== '#' && flow === 0) {
        while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop()
        indents.push(indent)
        if (indents.length > MAX_YAML_DEPTH) return { line, column }
      }
    }
    if (quote) {
      if (ch === '\\' && quote === '"') i++
      else if (ch === quote) quote = undefined
      continue
    }
    if ((ch === '"' || ch === "'") && /[\s:[{,-]/.test(yaml[i - 1] ?? ' ')) quote = ch
    else if (ch === '#' && /\s/.test(yaml[i - 1] ?? ' ')) {
      const nl = yaml.indexOf('\n', i)
      if (nl === -1) break
      i = nl - 1
      column = 0
    } else if (ch === '[' || ch === '{') {
      flow++
      if (flow + indents.length > MAX_YAML_DEPTH) return { line, column }
    } else if (ch === ']' || ch === '}') flow = Math.max(0, flow - 1)
  }
  return undefined
}
