import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import JSZip from 'jszip'
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

describe('cablekit render: editorial marks and name clashes', () => {
  const ocr = readFileSync(join(root, 'tests/fixtures/pdf/ocr-mangled.txt'))

  it('prints editor’s notes with their N.d.E. mark, in PDF and DOCX alike', async () => {
    writeFileSync(
      join(work, 'notes.md'),
      '---\nid: NDE-1\nlang: fr\nsubject: Notes\n---\n\nLe sommet de Cardiff[^nde-1] aura lieu:nde[date incertaine sur le scan] en septembre.\n\n[^nde-1]: Le nom de la ville est illisible.\n',
    )
    const out = join(work, 'out-nde')
    const run = await cli(['render', 'notes.md', '-o', out, '--to', 'pdf,docx'], { cwd: work })
    expect(run.code, run.stderr).toBe(0)
    const text = squash((await popplerPages(readFileSync(join(out, 'notes.pdf')))).join(' '))
    expect(text).toMatch(/N\.d\.E\.\s*Le nom de la ville est illisible/)
    expect(text).toMatch(/N\.d\.E\.\s*date incertaine sur le scan/)
    // The directive became a footnote: its text is no longer in the sentence.
    expect(text).not.toMatch(/aura lieu\s*date incertaine/)
    const zip = await JSZip.loadAsync(readFileSync(join(out, 'notes.docx')))
    const xml = (await zip.file('word/footnotes.xml')!.async('string')).replace(/<[^>]+>/g, '')
    expect(xml).toContain('N.d.E.')
  })

  it('prints the OCR fixes as N.d.E. notes with --fix --annotate, and not without --annotate', async () => {
    writeFileSync(join(work, 'ocr.txt'), ocr)
    const annotated = join(work, 'out-annotate')
    const run = await cli(['render', 'ocr.txt', '-o', annotated, '--fix', '--annotate'], { cwd: work })
    expect(run.code, run.stderr).toBe(0)
    const text = squash((await popplerPages(readFileSync(join(annotated, 'ocr.pdf')))).join(' '))
    expect(text).toContain('Sommet de l')
    expect(text).toMatch(/N\.d\.E\.\s*l’original porte « I'OTAN », corrigé en « l'OTAN » \(ligne 9, colonne 28\)/)
    expect(text).toMatch(/l’original porte « c0mme », corrigé en « comme »/)

    const plain = join(work, 'out-fix-only')
    expect((await cli(['render', 'ocr.txt', '-o', plain, '--fix'], { cwd: work })).code).toBe(0)
    const fixedOnly = squash((await popplerPages(readFileSync(join(plain, 'ocr.pdf')))).join(' '))
    expect(fixedOnly).toContain('comme une priorité')
    expect(fixedOnly).not.toContain('l’original porte')

    // The same through the library entry point `batch` uses.
    const { outputs } = await renderSource(ocr, 'ocr.txt', { to: ['pdf'], annotate: true, parse: { fix: true } })
    expect(Buffer.from(outputs[0]!.bytes).equals(readFileSync(join(annotated, 'ocr.pdf')))).toBe(true)
  })

  it('refuses two inputs that would write the same output, naming both, and renders a file named twice once', async () => {
    const input = join(work, 'clash')
    mkdirSync(input, { recursive: true })
    writeFileSync(join(input, 'x.md'), telegram)
    writeFileSync(join(input, 'x.txt'), ocr)
    const out = join(work, 'out-clash')
    const run = await cli(['render', 'clash', '-o', out, '--to', 'pdf,docx'], { cwd: work, env: { NO_COLOR: '1' } })
    expect(run.code).toBe(1)
    expect(readdirSync(out).sort()).toEqual(['x.docx', 'x.pdf'])
    // The first input in walking order (x.md) keeps the name; the telegram is what x.pdf holds.
    expect(squash((await popplerPages(readFileSync(join(out, 'x.pdf')))).join(' '))).toContain('FM AMEMBASSY RABAT')
    expect(run.stderr).toMatch(/clash\/x\.txt\n\s*1:1\s+error\s+clash\/x\.txt and clash\/x\.md would both write out-clash\/x\.pdf, out-clash\/x\.docx/)
    expect(run.stderr).toContain('output-clash')
    expect(run.stderr.match(/output-clash/g)).toHaveLength(1)
    expect(run.stderr).not.toMatch(/\n\s+at /)

    const twice = await cli(['render', 'clash/x.md', 'clash/x.md', '-o', join(work, 'out-twice')], { cwd: work, env: { NO_COLOR: '1' } })
    expect(twice.code, twice.stderr).toBe(0)
    expect(twice.stderr).toMatch(/warning\s+clash\/x\.md is given more than once/)
    expect(readdirSync(join(work, 'out-twice'))).toEqual(['x.pdf'])
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
