import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { THEMES } from '@cablekit/render'
import { cli } from './helpers/cli.js'

/** Issue 16: one CLI vocabulary across render, convert, redact, batch and dossier. */
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const example = readFileSync(join(root, 'examples/maroc-otan-requete.md'))
const env = { NO_COLOR: '1', SOURCE_DATE_EPOCH: '1700000000' }

interface Line {
  path: string
  status: string
  optionsHash?: string
  outputs: { path: string }[]
  diagnostics: { severity: string; ruleId?: string; reason: string }[]
}

const manifestOf = (out: string): Line[] =>
  readFileSync(join(out, 'manifest.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((text) => JSON.parse(text) as Line)
const latin1 = (path: string) => readFileSync(path).toString('latin1')

/** A theme module that imports nothing, so it loads from any folder: sobre's data, recoloured. */
function themeModule(path: string, stamp: string): void {
  const data = JSON.parse(JSON.stringify(THEMES.sobre)) as Record<string, unknown>
  data['colors'] = { ...(data['colors'] as object), stamp, rule: stamp, text: stamp }
  writeFileSync(path, `export default ${JSON.stringify(data)}\n`)
}

let work: string

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'cablekit-vocabulary-'))
  writeFileSync(join(work, 'cable.md'), example)
  mkdirSync(join(work, 'tree'))
  writeFileSync(join(work, 'tree', 'cable.md'), example)
  themeModule(join(work, 'blue.mjs'), '#1f3a93')
})

afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('-o, --out on every command that writes', () => {
  it('is taken by render, convert, redact, batch and dossier', async () => {
    const runs = {
      render: await cli(['render', 'cable.md', '--out', 'o-render'], { cwd: work, env }),
      convert: await cli(['convert', 'cable.md', '--to', 'json', '--out', 'o-convert/'], { cwd: work, env }),
      redact: await cli(['redact', 'cable.md', '--match', 'OTAN', '--out', 'o-redact'], { cwd: work, env }),
      batch: await cli(['batch', 'tree', '--out', 'o-batch', '--jobs', '1', '--progress', 'none'], { cwd: work, env }),
      dossier: await cli(['dossier', 'cable.md', '--title', 'Dossier', '--out', 'o-dossier/book.pdf'], { cwd: work, env }),
    }
    for (const [command, run] of Object.entries(runs)) expect(run.code, `${command}: ${run.stderr}`).toBe(0)
    expect(existsSync(join(work, 'o-render/cable.pdf'))).toBe(true)
    expect(existsSync(join(work, 'o-convert/cable.json'))).toBe(true)
    // redact names its outputs after the cables' ids.
    expect(readdirSync(join(work, 'o-redact')).filter((name) => name.endsWith('.md'))).toHaveLength(1)
    expect(existsSync(join(work, 'o-batch/cable.pdf'))).toBe(true)
    expect(existsSync(join(work, 'o-dossier/book.pdf'))).toBe(true)
  })

  it('keeps --output working on render and convert, with a deprecation warning, out of the help', async () => {
    const render = await cli(['render', 'cable.md', '--output', 'old-render'], { cwd: work, env })
    expect(render.code, render.stderr).toBe(0)
    expect(render.stderr).toContain('--output is deprecated')
    expect(existsSync(join(work, 'old-render/cable.pdf'))).toBe(true)
    const convert = await cli(['convert', 'cable.md', '--to', 'md', '--output', 'old-convert/'], { cwd: work, env })
    expect(convert.code, convert.stderr).toBe(0)
    expect(convert.stderr).toContain('--output is deprecated')
    expect(existsSync(join(work, 'old-convert/cable.md'))).toBe(true)
    const help = await cli(['render', '--help'])
    expect(help.stdout).toContain('-o, --out <dir>')
    expect(help.stdout).not.toContain('--output')
  })

  it('is a usage error when missing, or given twice with two values', async () => {
    const missing = await cli(['render', 'cable.md'], { cwd: work, env })
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain("required option '-o, --out'")
    const both = await cli(['render', 'cable.md', '-o', 'a', '--output', 'b'], { cwd: work, env })
    expect(both.code).toBe(2)
    expect(both.stderr).not.toMatch(/\n\s+at /)
  })
})

describe('the shared rendering flags', () => {
  it('render and batch write tagged PDF/A and NAME.json, with --tagged --pdfa --json-too', async () => {
    const flags = ['--tagged', '--pdfa', '--json-too']
    const render = await cli(['render', 'tree', '-o', 'f-render', ...flags], { cwd: work, env })
    const batch = await cli(['batch', 'tree', '-o', 'f-batch', '--jobs', '1', '--progress', 'none', ...flags], { cwd: work, env })
    const plain = await cli(['render', 'tree', '-o', 'f-plain'], { cwd: work, env })
    for (const run of [render, batch, plain]) expect(run.code, run.stderr).toBe(0)
    for (const out of ['f-render', 'f-batch']) {
      const pdf = latin1(join(work, out, 'cable.pdf'))
      expect(pdf, out).toContain('/StructTreeRoot')
      expect(pdf, out).toMatch(/pdfaid:part/)
      expect(JSON.parse(readFileSync(join(work, out, 'cable.json'), 'utf8')), out).toMatchObject({ id: expect.any(String) })
    }
    expect(latin1(join(work, 'f-plain/cable.pdf'))).not.toContain('/StructTreeRoot')
    expect(existsSync(join(work, 'f-plain/cable.json'))).toBe(false)
    // The batch's workers render what `render` renders, flag for flag.
    expect(readFileSync(join(work, 'f-batch/cable.pdf')).equals(readFileSync(join(work, 'f-render/cable.pdf')))).toBe(true)
  })

  it('batch passes --finish, --no-embed-fonts, --from and --fix --annotate to its workers, and each changes the options hash', async () => {
    const ocr = readFileSync(join(root, 'tests/fixtures/pdf/ocr-mangled.txt'))
    mkdirSync(join(work, 'ocr'))
    // A `.md` name on raw text: only `--from text` reads it as the telegram it is.
    writeFileSync(join(work, 'ocr', 'ocr.md'), ocr)
    const hashes = new Set<string>()
    const run = async (out: string, flags: string[]) => {
      const result = await cli(['batch', 'ocr', '-o', out, '--jobs', '1', '--progress', 'none', '--to', 'pdf,docx', ...flags], { cwd: work, env })
      hashes.add(manifestOf(join(work, out))[0]!.optionsHash!)
      return result
    }
    const base = await run('b-base', ['--from', 'text'])
    expect(base.code, base.stderr).toBe(0)
    const scan = await run('b-scan', ['--from', 'text', '--finish', 'scan'])
    const bare = await run('b-bare', ['--from', 'text', '--no-embed-fonts'])
    const notes = await run('b-notes', ['--from', 'text', '--fix', '--annotate'])
    for (const result of [scan, bare, notes]) expect(result.code, result.stderr).toBe(0)
    expect(hashes.size).toBe(4)
    const pdf = (out: string) => readFileSync(join(work, out, 'ocr.pdf'))
    expect(pdf('b-scan').equals(pdf('b-base'))).toBe(false)
    expect(pdf('b-notes').equals(pdf('b-base'))).toBe(false)
    const fonts = async (out: string) => {
      const zip = await JSZip.loadAsync(readFileSync(join(work, out, 'ocr.docx')))
      return Object.keys(zip.files).filter((name) => name.startsWith('word/fonts/'))
    }
    expect((await fonts('b-base')).length).toBeGreaterThan(0)
    expect(await fonts('b-bare')).toEqual([])
    // Without --from the Markdown parser takes the raw text as a cable without front matter: the walk skips it.
    const markdown = await cli(['batch', 'ocr', '-o', 'b-markdown', '--jobs', '1', '--progress', 'none'], { cwd: work, env })
    expect(manifestOf(join(work, 'b-markdown'))[0]!.status).toBe('skipped')
    expect(markdown.code).toBe(0)
    // Five batch runs, each starting its workers: more than the default minute on a loaded machine.
  }, 180_000)

  it('batch renders with a theme module, imported by each worker, and renders again when the module changes', async () => {
    const run = (out: string, more: string[] = []) => cli(['batch', 'tree', '-o', out, '--jobs', '1', '--progress', 'none', ...more], { cwd: work, env })
    const themed = await run('t-batch', ['--theme', 'blue.mjs'])
    expect(themed.code, themed.stderr).toBe(0)
    const direct = await cli(['render', 'tree', '-o', 't-render', '--theme', 'blue.mjs'], { cwd: work, env })
    expect(direct.code, direct.stderr).toBe(0)
    const sobre = await cli(['render', 'tree', '-o', 't-sobre', '--theme', 'sobre'], { cwd: work, env })
    const pdf = (out: string) => readFileSync(join(work, out, 'cable.pdf'))
    expect(pdf('t-batch').equals(pdf('t-render'))).toBe(true)
    expect(sobre.code).toBe(0)
    expect(pdf('t-batch').equals(pdf('t-sobre'))).toBe(false)

    const again = await run('t-batch', ['--theme', 'blue.mjs', '--progress', 'json'])
    expect(again.stdout).toContain('"status":"resumed"')
    themeModule(join(work, 'blue.mjs'), '#932b1f')
    const changed = await run('t-batch', ['--theme', 'blue.mjs', '--progress', 'json'])
    expect(changed.code, changed.stderr).toBe(0)
    expect(changed.stdout).toContain('"status":"rendered"')
    expect(pdf('t-batch').equals(pdf('t-render'))).toBe(false)
    themeModule(join(work, 'blue.mjs'), '#1f3a93')
  })

  it('a missing theme module is a usage error naming it, before any work', async () => {
    for (const command of [
      ['batch', 'tree', '--jobs', '1'],
      ['render', 'tree'],
      ['dossier', 'cable.md', '--title', 'T'],
    ]) {
      const out = command[0] === 'dossier' ? 'nothing/book.pdf' : 'nothing'
      const run = await cli([...command, '-o', out, '--theme', 'nowhere/theme.mjs'], { cwd: work, env })
      expect(run.code, command[0]).toBe(2)
      expect(run.stderr).toContain('nowhere/theme.mjs')
    }
  })

  it('dossier takes --theme MODULE, --json-too, --from, and --lang for its cover and contents', async () => {
    const fr = await cli(['dossier', 'cable.md', '--title', 'T', '-o', 'd/fr.docx', '--lang', 'fra+ara'], { cwd: work, env })
    const en = await cli(['dossier', 'cable.md', '--title', 'T', '-o', 'd/en.docx', '--lang', 'en', '--json-too', '--theme', 'blue.mjs'], { cwd: work, env })
    for (const run of [fr, en]) expect(run.code, run.stderr).toBe(0)
    const text = async (name: string) => {
      const zip = await JSZip.loadAsync(readFileSync(join(work, 'd', name)))
      return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, ' ')
    }
    expect(await text('fr.docx')).toContain('Table des matières')
    expect(await text('en.docx')).toContain('Contents')
    expect(JSON.parse(readFileSync(join(work, 'd/en.json'), 'utf8'))).toHaveLength(1)
    expect(existsSync(join(work, 'd/fr.json'))).toBe(false)
    const styles = async (name: string) => (await JSZip.loadAsync(readFileSync(join(work, 'd', name)))).file('word/styles.xml')!.async('string')
    expect(await styles('en.docx')).not.toEqual(await styles('fr.docx'))
    const wrongFormat = await cli(['dossier', 'cable.md', '--title', 'T', '-o', 'd/x.pdf', '--from', 'json'], { cwd: work, env })
    expect(wrongFormat.code).toBe(1)
  })

  it('dossier takes the PDF flags for a PDF book and --no-embed-fonts for a DOCX one', async () => {
    const book = async (name: string, ...flags: string[]) => {
      const run = await cli(['dossier', 'cable.md', '--title', 'T', '-o', `d/${name}`, ...flags], { cwd: work, env })
      expect(run.code, `${flags.join(' ')}: ${run.stderr}`).toBe(0)
      return readFileSync(join(work, 'd', name))
    }
    const plain = (await book('plain.pdf')).toString('latin1')
    expect(plain).not.toContain('/StructTreeRoot')
    const tagged = (await book('tagged.pdf', '--tagged')).toString('latin1')
    expect(tagged).toContain('/StructTreeRoot')
    expect(tagged).toContain('/MarkInfo')
    const pdfa = (await book('pdfa.pdf', '--pdfa')).toString('latin1')
    expect(pdfa).toMatch(/pdfaid:part[^0-9]*3/)
    expect(spawnSync('qpdf', ['--check', join(work, 'd/pdfa.pdf')]).status).toBe(0)
    const scanned = await book('scan.pdf', '--finish', 'scan')
    expect(scanned.equals(Buffer.from(plain, 'latin1'))).toBe(false)
    const parts = async (bytes: Buffer) => Object.keys((await JSZip.loadAsync(bytes)).files)
    expect((await parts(await book('fonts.docx'))).some((name) => name.startsWith('word/fonts/'))).toBe(true)
    expect((await parts(await book('named.docx', '--no-embed-fonts'))).some((name) => name.startsWith('word/fonts/'))).toBe(false)
  })

  it('--lang takes BCP 47 and tesseract codes, and refuses others as a usage error', async () => {
    const bad = await cli(['render', 'cable.md', '-o', 'l', '--lang', 'fr+xx'], { cwd: work, env })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('"xx"')
  })
})

describe('one walk for render and batch', () => {
  let dir: string
  beforeAll(() => {
    dir = join(work, 'archive')
    mkdirSync(join(dir, 'drafts'), { recursive: true })
    mkdirSync(join(dir, 'batch'), { recursive: true })
    writeFileSync(join(dir, 'a.md'), example)
    writeFileSync(join(dir, 'b.markdown'), example)
    writeFileSync(join(dir, 'drafts', 'c.md'), example)
    writeFileSync(join(dir, 'README.md'), '# The archive\n\nHow these cables were collected.\n')
    writeFileSync(join(dir, 'batch', 'job.json'), '{ "jobDefinitionName": "cablekit", "type": "container" }\n')
  })

  it('batch skips files that hold no cable with a warning, and renders .markdown', async () => {
    const run = await cli(['batch', 'archive', '-o', 'w-batch', '--jobs', '1', '--progress', 'none'], { cwd: work, env })
    expect(run.code, run.stderr).toBe(0)
    const lines = new Map(manifestOf(join(work, 'w-batch')).map((line) => [line.path, line]))
    expect(lines.get('b.markdown')?.status).toBe('rendered')
    for (const path of ['README.md', 'batch/job.json']) {
      expect(lines.get(path)?.status, path).toBe('skipped')
      expect(lines.get(path)?.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', ruleId: 'not-a-cable' })])
    }
    expect(run.stderr).toContain('README.md')
    expect(existsSync(join(work, 'w-batch/README.pdf'))).toBe(false)
  })

  it('render DIR walks the same way: .markdown rendered, no-cable files skipped with a warning', async () => {
    const run = await cli(['render', 'archive', '-o', 'w-render'], { cwd: work, env })
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toMatch(/README\.md[\s\S]*warning[\s\S]*holds no cable/)
    expect(run.stderr).toContain('job.json')
    expect(readdirSync(join(work, 'w-render')).sort()).toEqual(['a.pdf', 'b.pdf', 'drafts'])
  })

  it('a file named on the command line keeps its verdict: no cable is an error', async () => {
    const run = await cli(['render', 'archive/batch/job.json', '-o', 'w-named'], { cwd: work, env })
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('no-cable')
  })

  it('batch --exclude leaves matched files and folders out of the walk and the counts', async () => {
    const exclude = ['--exclude', 'drafts', '--exclude', '*.markdown']
    const run = await cli(['batch', 'archive', '-o', 'w-exclude', '--jobs', '1', '--progress', 'json', ...exclude], { cwd: work, env })
    expect(run.code, run.stderr).toBe(0)
    const paths = manifestOf(join(work, 'w-exclude'))
      .map((line) => line.path)
      .sort()
    expect(paths).toEqual(['README.md', 'a.md', 'batch/job.json'])
    const events = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    const start = events.find((event) => event['event'] === 'start')
    expect(start?.['total']).toBe(3)
  })
})

describe('batch --help', () => {
  it('documents the array-job variables, where their indexes start, and manifest merge', async () => {
    const help = (await cli(['batch', '--help'])).stdout
    for (const name of [
      'JOB_COMPLETION_INDEX',
      'SLURM_ARRAY_TASK_ID',
      'SLURM_ARRAY_TASK_MIN',
      'SLURM_ARRAY_TASK_MAX',
      'SLURM_ARRAY_TASK_STEP',
      'SLURM_ARRAY_TASK_COUNT',
      'AWS_BATCH_JOB_ARRAY_INDEX',
      'AWS_BATCH_JOB_ARRAY_SIZE',
      'CABLEKIT_SHARDS',
      'cablekit manifest merge OUT',
      '--partial',
    ]) {
      expect(help, name).toContain(name)
    }
    expect(help).toMatch(/Kubernetes[^\n]*starts at 0/)
    expect(help).toMatch(/AWS Batch[^\n]*starts at 0/)
    expect(help).toContain('--exclude <glob>')
  })
})

describe('the shipped example theme, through the built bin', () => {
  const bin = join(root, 'packages/cli/bin/cablekit.js')
  it('loads archive-theme.mjs as shipped, and says how to load the .ts one', () => {
    expect(existsSync(join(root, 'packages/cli/dist/index.js')), 'build first: npx tsup --silent').toBe(true)
    const out = join(work, 'bin-theme')
    const render = (theme: string) =>
      spawnSync(process.execPath, [bin, 'render', 'examples/maroc-otan-requete.md', '-o', out, '--theme', theme], { cwd: root, encoding: 'utf8' })
    const run = render('examples/themes/archive-theme.mjs')
    expect(run.status, run.stderr).toBe(0)
    expect(readFileSync(join(out, 'maroc-otan-requete.pdf')).subarray(0, 5).toString()).toBe('%PDF-')
    const ts = render('examples/themes/archive-theme.ts')
    if ((process.features as { typescript?: unknown }).typescript) expect(ts.status, ts.stderr).toBe(0)
    else {
      expect(ts.status).toBe(2)
      expect(ts.stderr).toContain('examples/themes/archive-theme.ts')
      expect(ts.stderr).toContain('node --import tsx')
      expect(ts.stderr).not.toMatch(/\n\s+at /)
    }
  })

  it('the .mjs and the .ts are the same theme', async () => {
    // By URL, so TypeScript does not look for the declarations of a JavaScript example.
    const mjs = ((await import(pathToFileURL(join(root, 'examples/themes/archive-theme.mjs')).href)) as { default: typeof THEMES.ministere }).default
    const ts = (await import('../examples/themes/archive-theme.js')).default
    expect(JSON.stringify(mjs)).toBe(JSON.stringify(ts))
    expect(mjs.pdf?.folio?.(2, 5, {} as never)).toBe('page 2 sur 5')
    expect(ts.pdf?.folio?.(2, 5, {} as never)).toBe('page 2 sur 5')
  })
})
