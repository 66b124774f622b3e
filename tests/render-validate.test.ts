import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CableValidationError, fromMarkdown } from '@cablekit/core'
import type { Cable } from '@cablekit/core'
import { toDocx, toDossierDocx, toDossierPdf, toHtml, toPdf, toPdfStream } from '@cablekit/render'
import type { Dossier } from '@cablekit/render'

const FIXTURES = join(import.meta.dirname, 'fixtures', 'dossier')

function cable(name: string): Cable {
  return fromMarkdown(readFileSync(join(FIXTURES, name), 'utf8'), { path: name }).cables[0]!
}

type Writer = (cable: unknown, options?: unknown) => Promise<Uint8Array>
const WRITERS: [string, Writer][] = [
  ['toPdf', (c, o) => toPdf(c as Cable, o as never)],
  ['toDocx', (c, o) => toDocx(c as Cable, o as never)],
  ['toHtml', (c, o) => toHtml(c as Cable, o as never)],
]

async function rejection(run: () => Promise<unknown>): Promise<CableValidationError> {
  const error = await run().then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(CableValidationError)
  return error as CableValidationError
}

describe.each(WRITERS)('%s validates first', (_, write) => {
  it('rejects an empty object naming the missing body, not "nodes is not iterable"', async () => {
    const error = await rejection(() => write({}))
    expect(error.path).toBe('body')
    expect(error.message).not.toMatch(/iterable/)
  })

  it('names the deep field at fault', async () => {
    const bad = { ...cable('09RABAT412.md') }
    bad.body = [...bad.body, { type: 'paragraph', children: 'text' } as never]
    const error = await rejection(() => write(bad))
    expect(error.path).toBe(`body[${bad.body.length - 1}].children`)
    expect(error.message).toContain(`body[${bad.body.length - 1}].children`)
  })

  it('rejects an unknown theme name with the same error class, listing the known ones', async () => {
    const error = await rejection(() => write(cable('09RABAT412.md'), { theme: 'baroque' }))
    expect(error.path).toBe('options.theme')
    expect(error.message).toContain('baroque')
    expect(error.message).toContain('telegramme')
  })

  it('rejects a theme object without a page size, and options that are not an object', async () => {
    expect((await rejection(() => write(cable('09RABAT412.md'), { theme: { name: 'x', page: {} } }))).path).toBe('options.theme.page.size')
    expect((await rejection(() => write(cable('09RABAT412.md'), 'ministere'))).path).toBe('options')
  })

  it('rejects values that are not cables at all', async () => {
    for (const value of [null, 42, 'cable', [], { body: null, attachments: [] }]) await rejection(() => write(value))
  })
})

describe('the stream writer', () => {
  it('throws the typed error synchronously, before any byte', () => {
    expect(() => toPdfStream({} as Cable)).toThrow(CableValidationError)
  })
})

describe.each([
  ['toDossierPdf', (d: unknown, o?: unknown) => toDossierPdf(d as Dossier, o as never)],
  ['toDossierDocx', (d: unknown, o?: unknown) => toDossierDocx(d as Dossier, o as never)],
])('%s validates every cable', (_, write) => {
  const good = (): Cable[] => [cable('09RABAT412.md'), cable('maroc-otan-requete.md')]

  it('names which cable is at fault, by index and id', async () => {
    const cables: unknown[] = good()
    const bad = { ...(cables[1] as Cable), id: 'BAD-1' }
    bad.body = [...bad.body, { type: 'list', children: [{ type: 'paragraph', children: [] }] } as never]
    cables.push(bad)
    const error = await rejection(() => write({ title: 'T', cables }))
    expect(error.path).toMatch(/^cables\[2\]\.body\[\d+\]\.children\[0\]/)
    expect(error.message).toContain('cables[2].body')
    expect(error.message).toContain('BAD-1')
  })

  it('checks entries of the { cable, theme } form and their themes', async () => {
    expect((await rejection(() => write({ title: 'T', cables: [{ cable: {} }] }))).path).toBe('cables[0].cable.body')
    expect((await rejection(() => write({ title: 'T', cables: [{ cable: good()[0], theme: 'gothique' }] }))).path).toBe('cables[0].theme')
    expect((await rejection(() => write({ title: 'T', cables: good() }, { theme: 'gothique' }))).path).toBe('options.theme')
  })

  it('rejects a dossier without title or cables', async () => {
    expect((await rejection(() => write({ cables: [] }))).path).toBe('title')
    expect((await rejection(() => write({ title: 'T' }))).path).toBe('cables')
    expect((await rejection(() => write(null))).path).toBe('dossier')
  })
})
