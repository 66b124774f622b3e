import { describe, expect, it } from 'vitest'
import { fromJson, fromMarkdown } from '@cablekit/core'
import type { ParseResult } from '@cablekit/core'

/** The diagnostics of a result as `rule@line:column severity`. */
function rules(result: ParseResult): string[] {
  return result.file.messages.map((m) => `${m.ruleId}@${m.line}:${m.column} ${m.fatal ? 'error' : m.fatal === false ? 'warning' : 'info'}`)
}

function md(text: string | Uint8Array): ParseResult {
  return fromMarkdown(text, { path: 'bad.md' })
}

describe('bad Markdown input gets a positioned diagnostic, never a crash', () => {
  it('invalid YAML', () => {
    const result = md('---\nsubject: [unclosed\nid: x\n---\nBody')
    expect(result.cables).toEqual([])
    expect(rules(result)[0]).toMatch(/^bad-yaml@[23]:\d+ error$/)
    expect(String(result.file.messages[0])).toMatch(/^bad\.md:/)
  })

  it('a YAML alias bomb', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]']
    for (let i = 0; i < 9; i++)
      bomb.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`,
      )
    const result = md(`---\n${bomb.join('\n')}\n---\nBody`)
    expect(result.cables).toEqual([])
    expect(rules(result)).toContain('yaml-aliases@2:1 error')
  })

  it('YAML nested 800 levels deep, twice in one process', () => {
    const deep = `---\nsubject: ${'['.repeat(800)}${']'.repeat(800)}\n---\nBody`
    for (let round = 0; round < 2; round++) {
      const result = md(deep)
      expect(result.cables).toEqual([])
      expect(rules(result)).toEqual(['yaml-too-deep@2:33 error'])
    }
    const indented = `---\n${Array.from({ length: 800 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} x\n---\n`
    expect(rules(md(indented))[0]).toMatch(/^yaml-too-deep@\d+:\d+ error$/)
  })

  it('__proto__ keys neither pollute nor pass', () => {
    const result = md('---\n__proto__:\n  polluted: yes\nsubject: Test\n---\nBody')
    expect(rules(result)).toEqual(['unknown-key@2:1 warning'])
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    expect(result.cables[0]).toMatchObject({ subject: 'Test' })
    expect(Object.getPrototypeOf(result.cables[0])).toBe(Object.prototype)
  })

  it('values YAML 1.1 would retype stay strings', () => {
    const result = md('---\nreference: 0123\nsubject: NO\nid: 1e3\nsignature: yes\n---\nBody')
    expect(rules(result)).toEqual([])
    expect(result.cables[0]).toMatchObject({ reference: '0123', subject: 'NO', id: '1e3', signature: 'yes' })
  })

  it('front matter that is not a mapping', () => {
    expect(rules(md('---\n- a\n- b\n---\nBody'))).toEqual(['front-matter-not-mapping@2:1 error'])
    expect(rules(md('---\njust text\n---\nBody'))).toEqual(['front-matter-not-mapping@2:1 error'])
  })

  it('unclosed front matter is an error, not body text', () => {
    const result = md('---\nsubject: Test\n\nBody text')
    expect(result.cables).toEqual([])
    expect(rules(result)).toEqual(['unclosed-front-matter@1:1 error'])
  })

  it('front matter after a blank line is an error, not body text', () => {
    const result = md('\n\n---\nsubject: Test\n---\nBody')
    expect(result.cables).toEqual([])
    expect(rules(result)).toEqual(['front-matter-position@3:1 error'])
  })

  it('wrong types', () => {
    const result = md('---\ndate: tomorrow\nto: 42\nsubject:\n  nested: map\n---\nBody')
    expect(result.cables).toEqual([])
    expect(rules(result)).toEqual(['bad-date@2:1 error', 'bad-type@3:1 error', 'bad-type@4:1 error'])
    expect(result.file.messages[0]!.reason).toContain('`tomorrow` is not an ISO 8601 date')
  })

  it('an impossible calendar date', () => {
    expect(rules(md('---\ndate: 2014-02-30\n---\n'))).toEqual(['bad-date@2:1 error'])
  })

  it('unknown precedence lists the accepted words and a guess', () => {
    const result = md('---\nprecedence: tres urgant\n---\nBody')
    expect(rules(result)).toEqual(['bad-precedence@2:1 error'])
    const message = result.file.messages[0]!
    expect(message.reason).toContain('did you mean `tres urgent`?')
    expect(message.expected).toEqual(expect.arrayContaining(['very-urgent', 'tres urgent', 'immediate']))
  })

  it('unknown classification', () => {
    expect(rules(md('---\nclassification: hush-hush\n---\n'))).toEqual(['bad-classification@2:1 error'])
  })

  it('unknown keys warn with a did-you-mean and the file still parses', () => {
    const result = md('---\nsubjct: Test\n---\nBody')
    expect(rules(result)).toEqual(['unknown-key@2:1 warning'])
    expect(result.file.messages[0]!.reason).toContain('did you mean `subject`?')
    expect(result.cables).toHaveLength(1)
  })

  it('8,000 nested list markers are refused quickly', () => {
    const result = md(`---\nsubject: x\n---\n${'- '.repeat(8000)}`)
    expect(result.cables).toEqual([])
    expect(rules(result)).toEqual(['too-deep@4:1 error'])
  })

  it('32,000 `*a**` are refused quickly', () => {
    const result = md('*a**'.repeat(32000))
    expect(rules(result)).toContain('too-many-delimiters@1:1 error')
  })

  it('deeply indented nested lists are refused', () => {
    const text = Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n')
    expect(rules(md(text)).at(-1)).toMatch(/^too-deep@\d+:1 error$/)
  })

  it('pathological Markdown ends in a cable or a positioned error (times are in `npm run bench`)', () => {
    const patterns = ['[', '*a**', '> ', '- ', '_a__', '`', '<a', ':a[', '![', '|a', '1. ', '\\']
    for (const pattern of patterns) {
      const block = (pattern.repeat(Math.ceil(250 / pattern.length)) + '\n').repeat(200)
      const result = md(block.repeat(2))
      const errors = result.file.messages.filter((m) => m.fatal)
      expect(errors.length + result.cables.length, pattern).toBeGreaterThan(0)
      for (const error of errors) expect(error.line).toBeGreaterThan(0)
    }
  })

  it('a block of more than 1,000 lines without a blank line is refused', () => {
    expect(rules(md('a\n'.repeat(1500)))).toContain('block-too-long@1001:1 error')
  })

  it('a 10 MB body is refused', () => {
    const result = md(`---\nsubject: x\n---\n${'word '.repeat(2_000_000)}`)
    expect(result.cables).toEqual([])
    expect(rules(result)).toEqual(['too-large@1:1 error'])
  })

  it('control characters are stripped with a positioned warning', () => {
    const result = md('---\nsubject: Te\u0007st\n---\nHel\u0000lo \u202Eworld\uFFFE')
    expect(rules(result)).toEqual([
      'control-character@2:12 warning',
      'control-character@4:4 warning',
      'control-character@4:8 warning',
      'control-character@4:14 warning',
    ])
    expect(result.cables[0]).toMatchObject({ subject: 'Test' })
    expect(JSON.stringify(result.cables[0]!.body)).toContain('Hello world')
  })

  it('binary data is an error', () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 7919) % 256)
    const result = md(bytes)
    expect(result.cables).toEqual([])
    expect(rules(result)).toEqual(['binary-input@1:1 error'])
  })

  it('invalid UTF-8 that no legacy encoding explains is an error', () => {
    const bytes = Buffer.concat([Buffer.from('---\nsubject: caf'), Buffer.from([0xe9, 0x81, 0x20, 0x8d]), Buffer.from('\n---\n')])
    const result = md(bytes)
    expect(result.cables).toEqual([])
    expect(rules(result)).toEqual(['bad-encoding@2:13 error'])
  })

  it('Windows-1252 text is decoded with its accents, and said so', () => {
    const bytes = Buffer.concat([Buffer.from('---\nsubject: Requ'), Buffer.from([0xea]), Buffer.from('te \x93urgente\x94\n---\n', 'latin1')])
    const result = md(bytes)
    expect(rules(result)).toEqual(['legacy-encoding@2:14 info'])
    expect(result.cables[0]).toMatchObject({ subject: 'Requête “urgente”', provenance: { encoding: 'windows-1252' } })
  })

  it('BOM and CRLF', () => {
    const bytes = Buffer.from('\uFEFF---\r\nsubject: Test\r\n---\r\n\r\nLine one\r\nline two\r\n', 'utf8')
    const result = md(bytes)
    expect(rules(result)).toEqual([])
    expect(result.cables[0]).toMatchObject({ subject: 'Test' })
    expect(result.cables[0]!.body[0]!.position?.start.line).toBe(5)
  })

  it('UTF-16 with BOM', () => {
    const text = '---\nsubject: Réf\n---\nCorps'
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
    expect(md(bytes).cables[0]).toMatchObject({ subject: 'Réf' })
  })

  it('unknown directives stay text; `a:b` is prose', () => {
    const result = md('Il est 10:30, ratio a:b et :inconnu[x].')
    expect(rules(result)).toEqual(['no-front-matter@1:1 info'])
    expect(JSON.stringify(result.cables[0]!.body)).toContain('Il est 10:30, ratio a:b et :inconnu[x].')
  })
})

describe('bad JSON input', () => {
  it('a JSON file that is cut off', () => {
    const result = fromJson('[{"subject": "Test", "body": [], "attachm', { path: 'cut.json' })
    expect(result.cables).toEqual([])
    expect(result.file.messages).toHaveLength(1)
    expect(result.file.messages[0]!.reason).toBe('the JSON ends too early: the file looks cut off')
    expect(result.file.messages[0]!.line).toBe(1)
  })

  it('wrong types inside JSON are placed on their key', () => {
    const result = fromJson('{\n  "subject": 42,\n  "body": [],\n  "attachments": []\n}', { path: 'x.json' })
    expect(rules(result)).toEqual(['bad-type@2:3 error'])
  })

  it('a body that is not mdast', () => {
    const result = fromJson('{"body": [1, 2], "attachments": []}', { path: 'x.json' })
    expect(rules(result)).toEqual(['bad-type@1:2 error'])
  })

  it('deep JSON is refused before parsing', () => {
    const result = fromJson(`{"body": ${'['.repeat(100000)}`, { path: 'deep.json' })
    expect(rules(result)[0]).toMatch(/^too-deep@1:\d+ error$/)
  })

  it('__proto__ in JSON does not pollute', () => {
    const result = fromJson('{"__proto__": {"polluted": true}, "body": [], "attachments": []}', { path: 'p.json' })
    expect(rules(result)).toEqual(['unknown-key@1:2 warning'])
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })
})
