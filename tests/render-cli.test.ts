import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { renderSource } from '../packages/cli/src/render-source.js'
import { cli } from './helpers/cli.js'
import { popplerPages, qpdfCheck, squash } from './helpers/pdf.js'

const root = join(import.meta.dirname, '..')
const work = mkdtempSync(join(tmpdir(), 'cablekit-render-cli-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

const telegram = readFileSync(join(root, 'tests/fixtures/pdf/telegram.md'), 'utf8')

describe('cablekit render', () => {
  it('renders a folder, mirroring sub-folders, one PDF per cable named after its input', async () => {
    const input = join(work, 'in1')
    mkdirSync(join(input, 'sub'), { recursive: true })
    writeFileSync(join(input, 'a.md'), telegram)
    writeFileSync(join(input, 'sub', 'b.md'), telegram.replace('id: 09RABAT412', 'id: 09RABAT413'))
    writeFileSync(join(input, 'notes.csv'), 'ignored')
    const out = join(work, 'out1')
    const run = await cli(['render', input, '-o', out], { cwd: work, env: { NO_COLOR: '1' } })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(readdirSync(out).sort()).toEqual(['a.pdf', 'sub'])
    expect(readdirSync(join(out, 'sub'))).toEqual(['b.pdf'])
    expect((await qpdfCheck(readFileSync(join(out, 'a.pdf')))).ok).toBe(true)
    // No temporary file left behind by the atomic writes.
    expect(readdirSync(out).some((name) => name.endsWith('.tmp'))).toBe(false)
  })

  it('names the outputs NAME-1.pdf, NAME-2.pdf for a file of several cables, and writes DOCX and JSON on request', async () => {
    const json = JSON.stringify([
      { id: 'A1', lang: 'fr', subject: 'Premier', body: [{ type: 'paragraph', children: [{ type: 'text', value: 'Un.' }] }], attachments: [] },
      { id: 'A2', lang: 'fr', subject: 'Second', body: [{ type: 'paragraph', children: [{ type: 'text', value: 'Deux.' }] }], attachments: [] },
    ])
    writeFileSync(join(work, 'pair.json'), json)
    const out = join(work, 'out2')
    const run = await cli(['render', 'pair.json', '-o', out, '--to', 'pdf,docx', '--json-too', '--theme', 'sobre'], { cwd: work })
    expect(run.code, run.stderr).toBe(0)
    expect(readdirSync(out).sort()).toEqual(['pair-1.docx', 'pair-1.json', 'pair-1.pdf', 'pair-2.docx', 'pair-2.json', 'pair-2.pdf'])
    expect(squash((await popplerPages(readFileSync(join(out, 'pair-2.pdf')))).join(' '))).toContain('Second')
    expect(readFileSync(join(out, 'pair-1.docx')).subarray(0, 2).toString()).toBe('PK')
  })

  it('reports a bad file with file, line and column, exits 1, and still renders the others', async () => {
    writeFileSync(join(work, 'good.md'), telegram)
    writeFileSync(join(work, 'bad.md'), '---\nsubject: [unclosed\n---\n\ntext\n')
    const out = join(work, 'out3')
    const run = await cli(['render', 'bad.md', 'missing.md', 'good.md', '-o', out], { cwd: work })
    expect(run.code).toBe(1)
    expect(existsSync(join(out, 'good.pdf'))).toBe(true)
    expect(existsSync(join(out, 'bad.pdf'))).toBe(false)
    expect(run.stderr).toMatch(/bad\.md\n\s*\d+:\d+/)
    expect(run.stderr).toMatch(/missing\.md\n\s*1:1\s+error\s+no such file/)
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })

  it('refuses an unknown theme as a usage error, and takes a theme module by path', async () => {
    const unknown = await cli(['render', 'good.md', '-o', join(work, 'out4'), '--theme', 'baroque'], { cwd: work })
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('unknown theme "baroque"')
    const out = join(work, 'out5')
    const custom = await cli(['render', 'good.md', '-o', out, '--theme', join(root, 'examples/themes/archive-theme.ts')], { cwd: work })
    expect(custom.code, custom.stderr).toBe(0)
    const [page] = await popplerPages(readFileSync(join(out, 'good.pdf')))
    expect(squash(page!)).toContain('page 1 sur 1')
    const usage = await cli(['render', 'good.md', '-o', out, '--to', 'png'], { cwd: work })
    expect(usage.code).toBe(2)
  })

  it('renders the scanned finish, tagged and PDF/A from the command line', async () => {
    const out = join(work, 'out6')
    const run = await cli(['render', 'good.md', '-o', out, '--finish', 'scan', '--tagged', '--pdfa'], { cwd: work })
    expect(run.code, run.stderr).toBe(0)
    expect((await qpdfCheck(readFileSync(join(out, 'good.pdf')))).ok).toBe(true)
  })
})

describe('renderSource', () => {
  it('strips control and bidi override characters from output names', async () => {
    const { outputs } = await renderSource(new TextEncoder().encode(telegram), 'dir/ev\u202eil\u0007.md', { to: ['pdf'] })
    expect(outputs.map((output) => output.name)).toEqual(['evil.pdf'])
  })

  it('gives the same bytes for the same input, dates from SOURCE_DATE_EPOCH when the cable has none', async () => {
    const undated = telegram.replace(/^date: .*\n/m, '')
    const a = await renderSource(new TextEncoder().encode(undated), 'x.md', { to: ['pdf'], env: { SOURCE_DATE_EPOCH: '1400000000' } })
    const b = await renderSource(new TextEncoder().encode(undated), 'x.md', { to: ['pdf'], env: { SOURCE_DATE_EPOCH: '1400000000' } })
    expect(Buffer.from(a.outputs[0]!.bytes).equals(Buffer.from(b.outputs[0]!.bytes))).toBe(true)
    expect(Buffer.from(a.outputs[0]!.bytes).toString('latin1')).toContain('D:20140513165320Z')
  })
})
