import type { Position } from 'unist'
import type { Severity } from '../diagnostics.js'
import type { PathStep } from './validate-path.js'

/** Receives each problem found in a body, with where it is and the nearest source position known. */
export type NodeProblem = (severity: Severity, ruleId: string, reason: string, path: readonly PathStep[], place: Position | undefined) => void

/** Deepest nesting of nodes accepted: the writers recurse per level, and no real cable comes near it. */
export const MAX_NODE_DEPTH = 256

type FieldKind = 'string' | 'boolean' | 'number' | 'record' | 'align'

/** What a node type needs for the writers to handle it: the mdast interfaces, reduced to what they read. */
interface NodeSpec {
  /** `children` must be an array. */
  parent?: true
  /** `value` must be a string. */
  literal?: true
  /** The one type its children must have. */
  childType?: string
  /** Fields that must be present, with their kind. */
  required?: Readonly<Record<string, FieldKind>>
  /** Fields that may be absent or null, or else must have their kind. */
  optional?: Readonly<Record<string, FieldKind>>
}

const DIRECTIVE: NodeSpec = { parent: true, required: { name: 'string' }, optional: { attributes: 'record' } }

// The types the PDF, DOCX and HTML writers have a handler for; any other type is printed as its text.
const SPECS: Readonly<Record<string, NodeSpec>> = {
  paragraph: { parent: true },
  heading: { parent: true },
  blockquote: { parent: true },
  list: { parent: true, childType: 'listItem', optional: { ordered: 'boolean', start: 'number', spread: 'boolean' } },
  listItem: { parent: true, optional: { checked: 'boolean', spread: 'boolean' } },
  table: { parent: true, childType: 'tableRow', optional: { align: 'align' } },
  tableRow: { parent: true, childType: 'tableCell' },
  tableCell: { parent: true },
  emphasis: { parent: true },
  strong: { parent: true },
  delete: { parent: true },
  link: { parent: true, required: { url: 'string' }, optional: { title: 'string' } },
  linkReference: { parent: true, required: { identifier: 'string' } },
  footnoteDefinition: { parent: true, required: { identifier: 'string' } },
  containerDirective: DIRECTIVE,
  leafDirective: DIRECTIVE,
  textDirective: DIRECTIVE,
  text: { literal: true },
  inlineCode: { literal: true },
  code: { literal: true, optional: { lang: 'string', meta: 'string' } },
  html: { literal: true },
  yaml: { literal: true },
  break: {},
  thematicBreak: {},
  image: { required: { url: 'string' }, optional: { alt: 'string', title: 'string' } },
  imageReference: { required: { identifier: 'string' }, optional: { alt: 'string' } },
  definition: { required: { identifier: 'string', url: 'string' }, optional: { title: 'string' } },
  footnoteReference: { required: { identifier: 'string' } },
  redaction: { optional: { reason: 'string' } },
}

const KIND_WORDS: Readonly<Record<FieldKind, string>> = {
  string: 'a string',
  boolean: 'true or false',
  number: 'a finite number',
  record: 'an object of strings',
  align: 'a list of `left`, `right`, `center` or null',
}

/**
 * Check mdast nodes deeply enough that every writer can walk them: each node
 * an object with a `type`, parents with a `children` array, literals with a
 * string `value`, the fields the writers read of the right kind, lists of
 * list items and tables of rows of cells, no cycles, bounded depth. A type
 * no writer knows is a warning: it is printed as its text. Never throws on
 * any input.
 *
 * @param nodes The array to check (a body, or an attachment's body).
 * @param path Where the array is in the cable.
 * @param problem Called for each problem, in document order.
 */
export function validateNodes(nodes: readonly unknown[], path: readonly PathStep[], problem: NodeProblem): void {
  const ancestors = new Set<object>()
  const walk = (node: unknown, at: PathStep[], place: Position | undefined, depth: number, expected: string | undefined): void => {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) {
      problem('error', 'bad-node', `expected an mdast node (an object with a \`type\`), got ${describe(node)}`, at, place)
      return
    }
    if (ancestors.has(node)) {
      problem('error', 'node-cycle', 'this node contains itself: a body must be a tree', at, place)
      return
    }
    const record = node as Record<string, unknown>
    const own = positionOf(record.position)
    if (record.position !== undefined && !own) {
      problem(
        'warning',
        'bad-position',
        '`position` is not a unist position ({ start: { line, column }, end: { line, column } }) and is ignored',
        [...at, 'position'],
        place,
      )
    }
    const here = own ?? place
    const type = record.type
    if (typeof type !== 'string' || type === '') {
      problem('error', 'bad-node', `a node needs a non-empty string \`type\`, got ${describe(type)}`, [...at, 'type'], here)
      return
    }
    if (expected !== undefined && type !== expected) {
      problem('error', 'bad-node', `a \`${expected}\` was expected here, not a \`${type}\``, [...at, 'type'], here)
    }
    const spec = SPECS[type]
    if (!spec) problem('warning', 'unknown-node', `no writer knows a \`${type}\` node: only its text will be printed`, [...at, 'type'], here)
    checkFields(record, type, spec, at, here, problem)
    const children = record.children
    if (children === undefined) {
      if (spec?.parent) problem('error', 'bad-node', `a \`${type}\` node needs a \`children\` array`, [...at, 'children'], here)
      return
    }
    if (!Array.isArray(children)) {
      problem('error', 'bad-node', `\`children\` must be an array of nodes, got ${describe(children)}`, [...at, 'children'], here)
      return
    }
    if (depth >= MAX_NODE_DEPTH) {
      problem('error', 'too-deep', `nodes nest more than ${MAX_NODE_DEPTH} levels deep`, at, here)
      return
    }
    ancestors.add(node)
    children.forEach((child, index) => walk(child, [...at, 'children', index], here, depth + 1, spec?.childType))
    ancestors.delete(node)
  }
  nodes.forEach((node, index) => walk(node, [...path, index], undefined, 1, undefined))
}

function checkFields(
  record: Record<string, unknown>,
  type: string,
  spec: NodeSpec | undefined,
  at: PathStep[],
  place: Position | undefined,
  problem: NodeProblem,
): void {
  const value = record.value
  if (spec?.literal && typeof value !== 'string') {
    problem('error', 'bad-node', `a \`${type}\` node needs a string \`value\`, got ${describe(value)}`, [...at, 'value'], place)
  } else if (!spec?.literal && value !== undefined && typeof value !== 'string') {
    problem('error', 'bad-node', `\`value\` must be a string, got ${describe(value)}`, [...at, 'value'], place)
  }
  if (type === 'heading') {
    const depth = record.depth
    if (typeof depth !== 'number' || !Number.isInteger(depth) || depth < 1 || depth > 6) {
      problem('error', 'bad-node', `a heading needs a \`depth\` from 1 to 6, got ${describe(depth)}`, [...at, 'depth'], place)
    }
  }
  for (const [key, kind] of Object.entries(spec?.required ?? {})) {
    if (!isKind(record[key], kind))
      problem('error', 'bad-node', `a \`${type}\` node needs \`${key}\` as ${KIND_WORDS[kind]}, got ${describe(record[key])}`, [...at, key], place)
  }
  for (const [key, kind] of Object.entries(spec?.optional ?? {})) {
    const field = record[key]
    if (field !== undefined && field !== null && !isKind(field, kind)) {
      problem('error', 'bad-node', `\`${key}\` must be ${KIND_WORDS[kind]} when present, got ${describe(field)}`, [...at, key], place)
    }
  }
}

function isKind(value: unknown, kind: FieldKind): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string'
    case 'boolean':
      return typeof value === 'boolean'
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
    case 'record':
      return isPlainObject(value) && Object.values(value).every((item) => item === null || item === undefined || typeof item === 'string')
    case 'align':
      return Array.isArray(value) && value.every((item) => item === null || item === 'left' || item === 'right' || item === 'center')
  }
}

/** A unist position with positive integer lines and columns, or `undefined`. */
export function positionOf(value: unknown): Position | undefined {
  if (!isPlainObject(value)) return undefined
  const { start, end } = value as { start?: unknown; end?: unknown }
  return isPoint(start) && isPoint(end) ? (value as unknown as Position) : undefined
}

function isPoint(value: unknown): boolean {
  if (!isPlainObject(value)) return false
  const { line, column } = value as { line?: unknown; column?: unknown }
  return Number.isInteger(line) && (line as number) >= 1 && Number.isInteger(column) && (column as number) >= 1
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A short description of a value for a message: its kind, and a glimpse of it when it is small. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string') return value.length <= 24 ? JSON.stringify(value) : 'a long string'
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}
