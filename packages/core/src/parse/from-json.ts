import { findNodeAtLocation, parseTree, printParseErrorCode } from 'jsonc-parser'
import type { Node as JsonNode, ParseError } from 'jsonc-parser'
import type { Position } from 'unist'
import { location } from 'vfile-location'
import { hasErrors, report } from '../diagnostics.js'
import { HEADER_KEYS } from '../model/schema.js'
import type { Cable } from '../model/schema.js'
import { checkCable } from './check-cable.js'
import { headerFromRecord } from './header-from-record.js'
import { toVFile } from './parse-result.js'
import type { ParseResult, Source, SourceOptions } from './parse-result.js'
import { readText } from './read-text.js'

/** Largest JSON source read, in characters (default 16 MiB: a JSON file may hold many cables). */
export const MAX_JSON_SIZE = 16 * 1024 * 1024
/** Deepest JSON nesting read: mdast bodies are shallow, and deep input exhausts the stack. */
const MAX_JSON_DEPTH = 200
/** The keys of a cable: an object with none of them is some other JSON file. */
const CABLE_KEYS: ReadonlySet<string> = new Set([...HEADER_KEYS, 'body', 'attachments'])

/**
 * Read cables from JSON: one cable object or an array of them, in exactly the
 * shape `toJson` writes. Each problem is reported at its line and column.
 *
 * @example
 * const { cables } = fromJson('{"subject":"Test","body":[],"attachments":[]}')
 */
export function fromJson(source: Source, options: SourceOptions = {}): ParseResult {
  const file = toVFile(source, options)
  const read = readText(file, { maxSize: options.maxSize })
  if (!read) return { cables: [], file }
  const { text } = read
  const where = location(file)
  const place = (offset: number, length = 0): Position | undefined => {
    const start = where.toPoint(offset)
    const end = where.toPoint(offset + length)
    return start && end ? { start, end } : start ? { start, end: start } : undefined
  }
  const maxSize = options.maxSize ?? MAX_JSON_SIZE
  if (text.length > maxSize) {
    report(file, 'error', 'too-large', `the JSON is larger than ${(maxSize / 1024 / 1024).toFixed(1)} MiB`, { line: 1, column: 1 })
    return { cables: [], file }
  }
  const depth = maxDepth(text)
  if (depth.depth > MAX_JSON_DEPTH) {
    report(file, 'error', 'too-deep', `the JSON nests more than ${MAX_JSON_DEPTH} levels deep`, place(depth.offset))
    return { cables: [], file }
  }
  const errors: ParseError[] = []
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true })
  if (errors.length > 0 || !tree) {
    // The first error is the one to fix: a parser in recovery mode reports
    // knock-on errors after it (a cut-off file gives one per open bracket).
    const error = errors[0]
    if (error) {
      const cutOff = error.offset + error.length >= text.trimEnd().length
      report(
        file,
        'error',
        'bad-json',
        cutOff ? 'the JSON ends too early: the file looks cut off' : `the JSON is not valid: ${describe(printParseErrorCode(error.error))}`,
        place(error.offset, error.length),
      )
    }
    if (!tree && errors.length === 0) report(file, 'error', 'bad-json', 'the file holds no JSON', { line: 1, column: 1 })
    return { cables: [], file }
  }
  const roots = tree.type === 'array' ? (tree.children ?? []) : [tree]
  if (roots.length === 0) {
    report(file, 'error', 'no-cable', 'no cable here: the JSON is an empty list', place(tree.offset, 1))
    return { cables: [], file }
  }
  const cables: Cable[] = []
  roots.forEach((node, index) => {
    const prefix: (string | number)[] = tree.type === 'array' ? [index] : []
    const at = (path: readonly (string | number)[]): Position | undefined => {
      for (let depth = path.length; depth >= 0; depth--) {
        const found = findNodeAtLocation(tree, [...prefix, ...path.slice(0, depth)])
        if (found) {
          const keyNode = found.parent?.type === 'property' ? found.parent.children?.[0] : undefined
          const target: JsonNode = keyNode ?? found
          return place(target.offset, target.length)
        }
      }
      return place(node.offset)
    }
    if (node.type !== 'object') {
      report(
        file,
        'error',
        'bad-type',
        `a cable must be a JSON object, not ${node.type === 'array' ? 'an array' : `a ${node.type}`}`,
        place(node.offset, node.length),
      )
      return
    }
    const value = nodeValue(node) as Record<string, unknown>
    const keys = Object.keys(value)
    if (!keys.some((key) => CABLE_KEYS.has(key))) {
      // A package.json or a config file in an archive folder: not a cable with every key unknown.
      const shown = keys
        .slice(0, 5)
        .map((key) => `\`${key}\``)
        .join(', ')
      const what = keys.length === 0 ? 'an empty object' : `an object whose keys (${shown}${keys.length > 5 ? ', …' : ''}) are none of a cable's`
      report(
        file,
        'error',
        'no-cable',
        `no cable here: ${what}; a cable has \`body\` and header keys such as \`subject\`, \`date\`, \`from\``,
        place(node.offset, 1),
      )
      return
    }
    const before = file.messages.length
    const header = headerFromRecord(value, file, at, { allowBody: true })
    const body = value['body'] ?? []
    const attachments = value['attachments'] ?? []
    if (!Array.isArray(body) || !body.every(isNode)) {
      report(file, 'error', 'bad-type', '`body` must be a list of mdast nodes, each an object with a `type`', at(['body']))
    }
    if (!Array.isArray(attachments)) report(file, 'error', 'bad-type', '`attachments` must be a list', at(['attachments']))
    if (file.messages.slice(before).some((message) => message.fatal)) return
    const cable = checkCable({ ...header, body, attachments }, file)
    if (cable) cables.push(cable)
  })
  return { cables: hasErrors(file) ? [] : cables, file }
}

function isNode(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
}

/** A jsonc-parser node as a plain value, with `__proto__` kept as an own key, never a prototype. */
function nodeValue(node: JsonNode): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {}
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? []
        if (!key || !value) continue
        Object.defineProperty(out, String(key.value), { value: nodeValue(value), enumerable: true, writable: true, configurable: true })
      }
      return out
    }
    case 'array':
      return (node.children ?? []).map(nodeValue)
    default:
      return node.value
  }
}

function maxDepth(text: string): { depth: number; offset: number } {
  let depth = 0
  let max = 0
  let offset = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    if (inString) {
      if (ch === 92) i++
      else if (ch === 34) inString = false
    } else if (ch === 34) inString = true
    else if (ch === 123 || ch === 91) {
      depth++
      if (depth > max) {
        max = depth
        offset = i
      }
      if (depth > MAX_JSON_DEPTH) return { depth, offset: i }
    } else if (ch === 125 || ch === 93) depth--
  }
  return { depth: max, offset }
}

function describe(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()
}
