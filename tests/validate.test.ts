import { readFileSync, readdirSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CableValidationError, assertValidCable, fromJson, fromMarkdown, stripPositions, validate } from '@cablekit/core'
import type { Cable, ValidationMessage } from '@cablekit/core'

const examples = readdirSync('examples').filter((name) => name.endsWith('.md'))

function parsed(name: string): Cable {
  const { cables, file } = fromMarkdown(readFileSync(`examples/${name}`, 'utf8'), { path: `examples/${name}` })
  expect(file.messages.filter((message) => message.fatal)).toEqual([])
  return cables[0]!
}

const errors = (messages: readonly ValidationMessage[]) => messages.filter((message) => message.fatal === true)
const paths = (value: unknown) => errors(validate(value).messages).map((message) => message.path)

/** The steps of a path as `formatPath` writes it, to look it up in the value it speaks of. */
function steps(path: string): (string | number)[] {
  if (path === 'cable') return []
  const out: (string | number)[] = []
  for (const match of path.matchAll(/\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\.?([A-Za-z_$][\w$]*)/g)) {
    out.push(match[1] !== undefined ? Number(match[1]) : match[2] !== undefined ? (JSON.parse(match[2]) as string) : match[3]!)
  }
  return out
}

function lookUp(root: unknown, path: readonly (string | number)[]): { found: boolean; value?: unknown } {
  let value = root
  for (const step of path) {
    if (typeof value !== 'object' || value === null) return { found: false }
    value = (value as Record<string | number, unknown>)[step]
  }
  return { found: true, value }
}

describe('validate', () => {
  it.each(examples)('accepts the example %s, positions and all', (name) => {
    const cable = parsed(name)
    expect(errors(validate(cable).messages)).toEqual([])
    expect(validate(stripPositions(cable)).ok).toBe(true)
  })

  it('names the missing fields of an empty object, and of values that are no object', () => {
    expect(paths({})).toEqual(['body', 'attachments'])
    for (const value of [null, undefined, 42, 'cable', []]) expect(paths(value)).toEqual(['cable'])
  })

  it('names header fields by their JSON path', () => {
    const cable = { to: ['Le Ministre', ''], date: '2014-02-30', precedence: { level: 'slow', label: 'LENT' }, body: [], attachments: [] }
    const { ok, messages } = validate(cable)
    expect(ok).toBe(false)
    expect(errors(messages).map((message) => message.path)).toEqual(['to[1]', 'date', 'precedence.level'])
    expect(messages[0]!.reason).toBe('`to[1]`: an empty string: leave the field out instead')
    expect(messages[2]!.expected).toContain('very-urgent')
    expect(messages.every((message) => message.source === 'cablekit' && message.ruleId)).toBe(true)
  })

  it('tells the page a header field of a scan was read on', () => {
    const box = { x0: 70, y0: 287, x1: 230, y1: 298 }
    const cable = { subject: '', provenance: { format: 'pdf', fields: { subject: { page: 2, box } } }, body: [], attachments: [] }
    const [message] = validate(cable).messages
    expect(message).toMatchObject({ path: 'subject', note: 'The field was read on page 2 of the scan.' })
    expect(validate({ ...cable, subject: 'Objet' }).ok).toBe(true)
  })

  it('suggests the field meant by an unknown key', () => {
    const [message] = validate({ subjet: 'Sommet', body: [], attachments: [] }).messages
    expect(message).toMatchObject({ path: 'subjet', ruleId: 'unknown-key', fatal: true })
    expect((message as ValidationMessage & { suggestion?: string }).suggestion).toBe('subject')
  })

  it('checks the body deeply, at the line and column of the nearest node a parser placed', () => {
    const cable = parsed('maroc-otan-requete.md')
    const index = cable.body.findIndex((node) => node.type === 'paragraph')
    const paragraph = cable.body[index] as { children: { value?: unknown; position?: { start: { line: number; column: number } } }[] }
    const text = paragraph.children[0]!
    text.value = 12
    const { ok, messages, file } = validate(cable, { file: 'examples/maroc-otan-requete.md' })
    expect(ok).toBe(false)
    const [message] = errors(messages)
    expect(message!.path).toBe(`body[${index}].children[0].value`)
    expect([message!.line, message!.column]).toEqual([text.position!.start.line, text.position!.start.column])
    expect(file.path).toBe('examples/maroc-otan-requete.md')
  })

  it('refuses what would crash a writer: lists of non-items, parents without children, bad headings', () => {
    const body = [
      { type: 'list', children: [{ type: 'text', value: 'x' }] },
      { type: 'paragraph' },
      { type: 'heading', depth: 9, children: [] },
      { type: 'table', children: [{ type: 'tableRow', children: [{ type: 'paragraph', children: [] }] }] },
      { type: 'link', children: [] },
    ]
    expect(paths({ body, attachments: [{ label: 'PJ', title: '', body: [{ type: 'code' }] }] })).toEqual([
      'body[0].children[0].type',
      'body[1].children',
      'body[2].depth',
      'body[3].children[0].children[0].type',
      'body[4].url',
      'attachments[0].body[0].value',
    ])
  })

  it('warns of node types no writer knows, without failing the cable', () => {
    const { ok, messages } = validate({ body: [{ type: 'math', value: 'x^2' }], attachments: [] })
    expect(ok).toBe(true)
    expect(messages.map((message) => [message.path, message.ruleId, message.fatal])).toEqual([['body[0].type', 'unknown-node', false]])
  })

  it('stops at cycles, deep nesting and values that cannot be read', () => {
    const loop: { type: string; children: unknown[] } = { type: 'blockquote', children: [] }
    loop.children.push(loop)
    expect(paths({ body: [loop], attachments: [] })).toEqual(['body[0].children[0]'])

    let deep: unknown = { type: 'text', value: 'fond' }
    for (let i = 0; i < 5000; i++) deep = { type: 'blockquote', children: [deep] }
    expect(validate({ body: [deep], attachments: [] }).messages.map((message) => message.ruleId)).toEqual(['too-deep'])

    const trap = Object.defineProperty({ attachments: [] }, 'body', {
      enumerable: true,
      get: () => {
        throw new Error('no')
      },
    })
    expect(validate(trap).messages.map((message) => message.ruleId)).toContain('unreadable')
  })

  it('speaks of a cable inside a larger value from where it sits', () => {
    const messages = validate({ to: [''], body: [{ type: 'paragraph' }], attachments: [], 'un champ': 1 }, { at: 'cables[2]' }).messages
    expect(messages.map((message) => message.path)).toEqual(['cables[2].to[0]', 'cables[2]["un champ"]', 'cables[2].body[0].children'])
    expect(validate(null, { at: 'cables[0]' }).messages.map((message) => message.path)).toEqual(['cables[0]'])
  })

  it('adds its messages to a given file', () => {
    const file = fromJson('{"body":[],"attachments":[]}', { path: 'a.json' }).file
    validate({ body: 1, attachments: [] }, { file })
    expect(file.messages.map((message) => message.reason)).toEqual(['`body`: expected an array, got 1'])
  })
})

describe('assertValidCable and CableValidationError', () => {
  it('passes a sound cable and throws one typed error naming the first field at fault', () => {
    expect(() => assertValidCable(parsed('09RABAT412.md'))).not.toThrow()
    let thrown: unknown
    try {
      assertValidCable({ to: [''], body: [{ type: 'paragraph' }], attachments: [] })
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(CableValidationError)
    const error = thrown as CableValidationError
    expect(error.path).toBe('to[0]')
    expect(error.messages.map((message) => message.path)).toEqual(['to[0]', 'body[0].children'])
    expect(error.message).toBe('cablekit: invalid cable: `to[0]`: an empty string: leave the field out instead (and 1 more error)')
  })

  it('gives the file, line and column when the cable came from a parser', () => {
    const cable = parsed('maroc-otan-cardiff.md')
    const node = cable.body[0] as { children?: unknown; position?: { start: { line: number; column: number } } }
    node.children = 'none'
    const { line, column } = node.position!.start
    expect(() => assertValidCable(cable)).toThrow(`cablekit: invalid cable: ${line}:${column}: \`body[0].children\`: \`children\` must be an array`)
    expect(() => assertValidCable(cable, { file: 'examples/maroc-otan-cardiff.md' })).toThrow(
      `invalid cable: examples/maroc-otan-cardiff.md:${line}:${column}: `,
    )
    expect(() => assertValidCable({ ...cable, provenance: { source: 'a.md' } })).toThrow(`invalid cable: a.md:${line}:${column}: `)
  })

  it('speaks of options too', () => {
    const error = CableValidationError.forField('options.theme', 'no theme is named "gothique"', ['ministere', 'sobre'])
    expect(error).toMatchObject({
      name: 'CableValidationError',
      path: 'options.theme',
      message: 'cablekit: invalid cable: `options.theme`: no theme is named "gothique"',
    })
    expect(error.messages[0]!.expected).toEqual(['ministere', 'sobre'])
  })
})

describe('validate, properties', () => {
  const base = stripPositions(parsed('maroc-otan-requete.md'))

  /** Every place in a JSON tree: the path of each value, objects and arrays included. */
  function places(value: unknown, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
    out.push(path)
    if (Array.isArray(value)) value.forEach((item, index) => places(item, [...path, index], out))
    else if (typeof value === 'object' && value !== null) for (const [key, item] of Object.entries(value)) places(item, [...path, key], out)
    return out
  }
  const all = places(base).filter((path) => path.length > 0)

  const junk = fc.oneof(
    fc.constantFrom(null, undefined, '', 0, -1, Number.NaN, true, [], {}, { type: '' }, { type: 'text' }, { type: 'paragraph' }, [{ type: 'text', value: 1 }]),
    fc.anything({ maxDepth: 2 }),
  )
  const mutation = fc.record({ at: fc.nat({ max: all.length - 1 }), kind: fc.constantFrom('set', 'delete', 'push'), value: junk })

  function mutate(ops: { at: number; kind: string; value: unknown }[]): unknown {
    const cable = structuredClone(base) as unknown
    for (const op of ops) {
      const path = all[op.at]!
      const parent = lookUp(cable, path.slice(0, -1))
      if (!parent.found || typeof parent.value !== 'object' || parent.value === null) continue
      const holder = parent.value as Record<string | number, unknown>
      const key = path[path.length - 1]!
      if (op.kind === 'delete') {
        if (Array.isArray(holder) && typeof key === 'number') holder.splice(key, 1)
        else delete holder[key]
      } else if (op.kind === 'push' && Array.isArray(holder[key])) (holder[key] as unknown[]).push(op.value)
      else holder[key] = op.value
    }
    return cable
  }

  it('never throws on a mutated cable, and names a path that exists for every error', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (ops) => {
        const cable = mutate(ops)
        const { ok, messages } = validate(cable)
        const found = errors(messages)
        expect(ok).toBe(found.length === 0)
        for (const message of found) {
          expect(message.path).not.toBe('')
          expect(message.reason.startsWith(`\`${message.path}\`: `)).toBe(true)
          // The field at fault may be missing, but what holds it is there.
          expect(lookUp(cable, steps(message.path).slice(0, -1)).found).toBe(true)
        }
      }),
      { numRuns: 300, seed: 16 },
    )
  })

  it('never throws on any value at all', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 4, withNullPrototype: true, withSparseArray: true }), (value) => {
        const { ok, messages } = validate(value)
        expect(ok).toBe(false)
        expect(errors(messages).length).toBeGreaterThan(0)
      }),
      { numRuns: 300, seed: 16 },
    )
  })
})
