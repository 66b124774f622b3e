import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..')
const bin = join(root, 'packages/cli/bin/cablekit.js')
let dir: string

/**
 * A preload that records every module the process loads: ES modules through a
 * loader hook (it runs on its own thread and appends each URL to the file
 * `CABLEKIT_MODULE_LOG` names), CommonJS ones from `require.cache` at exit
 * (a `require` inside a CommonJS module never reaches the ESM hooks on Node 20).
 */
const HOOKS = `
import { appendFileSync } from 'node:fs'
export async function load(url, context, nextLoad) {
  appendFileSync(process.env.CABLEKIT_MODULE_LOG, url + '\\n')
  return nextLoad(url, context)
}
`
const PRELOAD = (hooks: string) => `
import { register, createRequire } from 'node:module'
import { appendFileSync } from 'node:fs'
register(${JSON.stringify(hooks)})
const require = createRequire(import.meta.url)
process.on('exit', () => appendFileSync(process.env.CABLEKIT_MODULE_LOG, Object.keys(require.cache).map((path) => 'file://' + path).join('\\n') + '\\n'))
`

/** Run the built `cablekit` with `args` and give its exit code, output and the URLs of every module it loaded. */
function loaded(args: string[], name: string): { code: number | null; stdout: string; stderr: string; modules: string[] } {
  const log = join(dir, `${name}.log`)
  writeFileSync(log, '')
  const run = spawnSync(process.execPath, ['--import', pathToFileURL(join(dir, 'preload.mjs')).href, bin, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, CABLEKIT_MODULE_LOG: log, NODE_COMPILE_CACHE: '', NODE_DISABLE_COMPILE_CACHE: '1' },
  })
  const modules = [...new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean))]
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, modules }
}

/**
 * The modules of a package among `modules`: under its `node_modules` folder,
 * a workspace package's own folder, or a build file that bundles the package
 * (esbuild marks each bundled module with a `// node_modules/NAME/…` line: the
 * render package bundles docx).
 */
function of(modules: string[], name: string): string[] {
  const workspace = /^@cablekit\/(\w+)$/.exec(name)?.[1]
  if (workspace) return modules.filter((url) => url.includes(`/packages/${workspace}/`))
  return modules.filter((url) => url.includes(`/node_modules/${name}/`) || (url.includes('/dist/') && bundles(url, name)))
}

const bundled = new Map<string, string>()
function bundles(url: string, name: string): boolean {
  if (!url.startsWith('file:') || !url.endsWith('.js')) return false
  let text = bundled.get(url)
  if (text === undefined) bundled.set(url, (text = readFileSync(new URL(url), 'utf8')))
  return text.includes(`// node_modules/${name}/`)
}

const HEAVY = ['pdfkit', 'fontkit', 'docx', 'tesseract.js', 'pdfjs-dist', '@cablekit/scan']

/** `@cablekit/render/themes` and the chunks it imports: the theme names the options list, which `--help` prints. */
function themesEntry(): Set<string> {
  const dist = join(root, 'packages/render/dist')
  const text = readFileSync(join(dist, 'themes.js'), 'utf8')
  const chunks = [...text.matchAll(/from\s+['"]\.\/([^'"]+)['"]/g)].map((match) => join(dist, match[1]!))
  return new Set([join(dist, 'themes.js'), ...chunks].map((path) => pathToFileURL(path).href))
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cablekit-startup-'))
  writeFileSync(join(dir, 'hooks.mjs'), HOOKS)
  writeFileSync(join(dir, 'preload.mjs'), PRELOAD(pathToFileURL(join(dir, 'hooks.mjs')).href))
  writeFileSync(join(dir, 'cable.md'), '---\nid: 09PARIS1\nlang: en\nclassification: CONFIDENTIAL\nsubject: START UP\n---\n\n1\\. (C) Loaded on use.\n')
})

// `npm test` builds first, as `npm ci` does through `prepare`: these run the built command.
describe('the built `cablekit` loads only what a command uses', () => {
  it('the recorder sees the renderers when they are used (so the checks below can fail)', () => {
    const run = loaded(['render', 'cable.md', '-o', 'out', '--to', 'docx'], 'docx')
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    for (const name of ['docx', 'fontkit', '@cablekit/render', '@cablekit/core']) expect(of(run.modules, name), name).not.toEqual([])
  })

  it('`--help` loads neither the parsers nor the renderers nor the scanners', () => {
    const run = loaded(['--help'], 'help')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Usage: cablekit')
    for (const name of [...HEAVY, '@cablekit/core']) expect(of(run.modules, name), name).toEqual([])
    // Only the theme names, which the options of `render` and `batch` list.
    const allowed = themesEntry()
    expect(of(run.modules, '@cablekit/render').filter((url) => !allowed.has(url))).toEqual([])
  })

  it('`parse` of a Markdown cable loads the parsers, not the renderers nor the scanners', () => {
    const run = loaded(['parse', 'cable.md'], 'parse')
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toHaveLength(1)
    expect(of(run.modules, '@cablekit/core')).not.toEqual([])
    for (const name of HEAVY) expect(of(run.modules, name), name).toEqual([])
    const allowed = themesEntry()
    expect(of(run.modules, '@cablekit/render').filter((url) => !allowed.has(url))).toEqual([])
  })

  it('`render --to pdf` loads pdfkit, not docx nor the scanners', () => {
    const run = loaded(['render', 'cable.md', '-o', 'out', '--to', 'pdf'], 'pdf')
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(of(run.modules, 'pdfkit')).not.toEqual([])
    for (const name of ['docx', 'tesseract.js', 'pdfjs-dist', '@cablekit/scan']) expect(of(run.modules, name), name).toEqual([])
  })
})
