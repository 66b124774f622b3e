import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { foldString, fromJson, fromMarkdown } from '@cablekit/core'
import { cli } from './helpers/cli.js'
import { findLeaks } from './helpers/leaks.js'

const NAME = 'Zbigniew Qarqoubi'
const HIDDEN = 'Wojciechowskaya'
const FIXTURE = readFileSync(join(import.meta.dirname, 'fixtures', 'redaction', 'cable.md'), 'utf8').replaceAll('{{SECRET}}', HIDDEN)

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cablekit-redact-'))
  writeFileSync(join(dir, 'cable.md'), FIXTURE)
  writeFileSync(
    join(dir, 'qarqoubi-memo.json'),
    JSON.stringify({
      id: 'MEMO-ZBIGNIEW-QARQOUBI',
      subject: `Note on ${NAME}`,
      body: [{ type: 'paragraph', children: [{ type: 'text', value: `Met ZBIGNIEW QAR\u00ADQOUBI twice.` }] }],
      attachments: [],
    }),
  )
  writeFileSync(
    join(dir, 'telegram.txt'),
    [
      'C O N F I D E N T I A L RABAT 000412',
      '',
      'SUBJECT: MEETING WITH ZBIGNIEW QARQOUBI',
      '',
      '1. (C) ZBIGNIEW QARQOUBI ASKED FOR SUPPORT.',
      '',
      'JONES',
      '',
    ].join('\n'),
  )
  writeFileSync(join(dir, 'key'), 'a publisher key of at least thirty-two bytes\n')
})

/** Every file written under the output folder, by name, and every name. */
function outputs(folder: string): Record<string, string> {
  const files: Record<string, string> = {}
  for (const name of readdirSync(folder)) files[name] = readFileSync(join(folder, name), 'utf8')
  files['file names'] = Object.keys(files).join('\n')
  return files
}

describe('cablekit redact', () => {
  it('redacts Markdown, JSON and raw text, writing names, files and the log without the secret', async () => {
    const run = await cli(
      [
        'redact',
        '--match',
        NAME,
        '--reason',
        'vie privée',
        '--key-file',
        'key',
        '--log',
        'log.json',
        '-o',
        'out',
        'cable.md',
        'qarqoubi-memo.json',
        'telegram.txt',
      ],
      { cwd: dir },
    )
    expect(run.stderr).toContain('redactions')
    expect(run.code).toBe(0)
    const files = outputs(join(dir, 'out'))
    expect(Object.keys(files)).toContain('LEAK-TEST-1.md')
    expect(findLeaks(files, [NAME, HIDDEN])).toEqual([])
    const log = JSON.parse(readFileSync(join(dir, 'log.json'), 'utf8'))
    // The log names the publisher's own source files (to find each redaction again); nothing else in it may hold a secret.
    expect(findLeaks({ log: JSON.stringify(log, (key, value) => (key === 'source' ? undefined : value)) }, [NAME, HIDDEN])).toEqual([])
    expect(log.hmac).toBe('HMAC-SHA256')
    expect(log.files).toHaveLength(3)
    const entries = log.files.flatMap((f: { entries: { hmac?: string; rule: string }[] }) => f.entries)
    const matched = entries.filter((e: { rule: string }) => e.rule === 'match')
    // The same name in every guise and every file has one keyed hash.
    expect(new Set(matched.map((e: { hmac?: string }) => e.hmac)).size).toBe(1)
    // The directive's own secret has a keyed hash too, and differs.
    const directive = entries.find((e: { rule: string }) => e.rule === 'directive')
    expect(directive.hmac).toMatch(/^[0-9a-f]{64}$/)
    expect(directive.hmac).not.toBe(matched[0].hmac)
    // The outputs read back as cables, with bars where the name was.
    const md = fromMarkdown(files['LEAK-TEST-1.md']!, { path: 'x.md' })
    expect(md.file.messages.filter((m) => m.fatal)).toEqual([])
    expect(files['LEAK-TEST-1.md']).toContain(':redact{reason="vie privée"}')
    expect(files['LEAK-TEST-1.md']).toContain(':redact{reason="source protégée"}')
  })

  it('writes JSON with --to json, and names a file after no secret', async () => {
    const run = await cli(['redact', '--match', 'qarqoubi', '--to', 'json', '-o', 'out', 'qarqoubi-memo.json'], { cwd: dir })
    expect(run.code).toBe(0)
    const names = readdirSync(join(dir, 'out'))
    expect(names).toEqual(['cable-1.json'])
    const { cables } = fromJson(readFileSync(join(dir, 'out', names[0]!)), { path: 'x.json' })
    expect(foldString(JSON.stringify(cables))).not.toContain('qarqoubi')
    // Without --log the log goes beside the folder, never inside it.
    expect(readdirSync(dir)).toContain('out.redaction-log.json')
  })

  it('keeps the log out of the published folder', async () => {
    const run = await cli(['redact', '--match', NAME, '--log', 'out/log.json', '-o', 'out', 'cable.md'], { cwd: dir })
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/kept apart/)
  })

  it('withholds fields and redacts by regular expression', async () => {
    const run = await cli(['redact', '--field', 'signature', '--field', 'references', '--regex', '/\\d+\\/\\d+\\/\\d{4}/', '-o', 'out', 'cable.md'], {
      cwd: dir,
    })
    expect(run.code).toBe(0)
    const text = readFileSync(join(dir, 'out', 'LEAK-TEST-1.md'), 'utf8')
    expect(text).toContain('signature: "[redacted]"')
    expect(text).toContain('references:\n  - "[redacted]"')
    expect(text).not.toMatch(/6\/08\/2014/)
  })

  it('refuses bad rules with exit 2 and bad inputs with exit 1, naming file, line and column', async () => {
    expect((await cli(['redact', '--regex', '(', '-o', 'out', 'cable.md'], { cwd: dir })).code).toBe(2)
    expect((await cli(['redact', '--field', 'nope', '-o', 'out', 'cable.md'], { cwd: dir })).stderr).toMatch(/unknown field `nope`/)
    expect((await cli(['redact', '--match', 'x', '--key-file', 'missing', '-o', 'out', 'cable.md'], { cwd: dir })).code).toBe(2)
    writeFileSync(join(dir, 'short-key'), 'short')
    expect((await cli(['redact', '--match', 'x', '--key-file', 'short-key', '-o', 'out', 'cable.md'], { cwd: dir })).stderr).toMatch(/16 bytes/)
    writeFileSync(join(dir, 'bad.json'), '{"subject": "x", "body": [}')
    const bad = await cli(['redact', '--match', NAME, '-o', 'out', 'bad.json', 'cable.md'], { cwd: dir })
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/bad\.json\n\s*1:\d+/)
    expect(readdirSync(join(dir, 'out'))).toEqual(['LEAK-TEST-1.md'])
  })
})

describe('cablekit convert and redacted text', () => {
  it('drops the text of :redact directives from Markdown and JSON unless --keep-redacted', async () => {
    for (const to of ['md', 'json']) {
      const run = await cli(['convert', 'cable.md', '--to', to, '-o', `converted.${to}`], { cwd: dir })
      expect(run.code).toBe(0)
      const text = readFileSync(join(dir, `converted.${to}`), 'utf8')
      expect(findLeaks({ [to]: text }, [HIDDEN])).toEqual([])
      expect(text).toContain('source protégée')
    }
    const kept = await cli(['convert', 'cable.md', '--to', 'md', '--keep-redacted', '-o', 'kept.md'], { cwd: dir })
    expect(kept.code).toBe(0)
    expect(readFileSync(join(dir, 'kept.md'), 'utf8')).toContain(`:redact[${HIDDEN}]{reason="source protégée"}`)
  })
})
