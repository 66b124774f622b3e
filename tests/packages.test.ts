import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import semver from 'semver'
import { beforeAll, describe, expect, it } from 'vitest'

// What `npm publish` would ship, read from `npm pack --dry-run`: the tarball's
// file list is the truth, whatever the working tree holds.
const PUBLISHED = ['packages/core', 'packages/render', 'packages/scan', 'packages/cli'] as const

interface Manifest {
  name: string
  private?: boolean
  main?: string
  types?: string
  bin?: Record<string, string>
  exports?: unknown
  files?: string[]
  engines?: { node?: string }
  repository?: { type?: string; url?: string; directory?: string }
  homepage?: string
  bugs?: { url?: string }
  license?: string
  dependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
}

interface Packed {
  name: string
  files: { path: string }[]
}

const manifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest

/** Every file an `exports` map names, through all its conditions. */
function exportTargets(exports: unknown): string[] {
  if (typeof exports === 'string') return [exports]
  if (exports === null || typeof exports !== 'object') return []
  return Object.values(exports).flatMap(exportTargets)
}

const relative = (target: string) => target.replace(/^\.\//, '')

let packed: Map<string, Set<string>>

beforeAll(() => {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', ...PUBLISHED.flatMap((dir) => ['-w', dir])], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  packed = new Map((JSON.parse(out) as Packed[]).map((entry) => [entry.name, new Set(entry.files.map((file) => file.path))]))
})

describe.each(PUBLISHED)('the tarball of %s', (dir) => {
  const pkg = manifest(dir)
  const files = () => packed.get(pkg.name)!

  it('ships its README, the LICENSE of the repository, and its built entry points', () => {
    expect(pkg.private).not.toBe(true)
    expect(files().has('README.md')).toBe(true)
    expect(files().has('LICENSE')).toBe(true)
    expect(readFileSync(join(dir, 'LICENSE'), 'utf8')).toBe(readFileSync('LICENSE', 'utf8'))
    expect(files().has('dist/index.js')).toBe(true)
    expect(files().has('dist/index.d.ts')).toBe(true)
  })

  it('names only shipped files in exports, main, types and bin', () => {
    const targets = [...exportTargets(pkg.exports), pkg.main, pkg.types, ...Object.values(pkg.bin ?? {})].filter((target): target is string => !!target)
    expect(targets.length).toBeGreaterThan(2)
    const missing = targets.map(relative).filter((target) => !files().has(target))
    expect(missing).toEqual([])
  })

  it('says where it comes from', () => {
    expect(pkg.license).toBe('MIT')
    expect(pkg.repository).toMatchObject({ type: 'git', directory: dir })
    expect(pkg.repository?.url).toMatch(/^git\+https:\/\/github\.com\/[\w-]+\/[\w-]+\.git$/)
    expect(pkg.homepage).toMatch(/^https:\/\//)
    expect(pkg.bugs?.url).toMatch(/^https:\/\/.+\/issues$/)
  })

  it('depends only on packages that run on every Node its `engines` admits', () => {
    const range = pkg.engines?.node
    expect(range && semver.validRange(range)).toBeTruthy()
    const offending = runtimeClosure(dir)
      .filter((entry) => entry.node !== undefined && !semver.subset(range!, entry.node, { includePrerelease: false }))
      .map((entry) => `${entry.name}@${entry.version} wants node ${entry.node}`)
    expect(offending).toEqual([])
  })
})

describe('the repository', () => {
  it('admits no Node that one of its tools refuses', () => {
    const range = manifest('.').engines!.node!
    const offending = runtimeClosure('', { dev: true })
      .filter((entry) => entry.node !== undefined && !semver.subset(range, entry.node))
      .map((entry) => `${entry.name}@${entry.version} wants node ${entry.node}`)
    expect(offending).toEqual([])
  })
})

interface LockEntry {
  version?: string
  engines?: { node?: string } | string[]
  dependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
  peerDependenciesMeta?: Record<string, { optional?: boolean }>
  link?: boolean
  resolved?: string
}

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, LockEntry> }

/** Where Node would find `name` from the package installed at `from` (a lock key), as the lock file lays it out. */
function resolveIn(from: string, name: string): string | undefined {
  let base = from
  for (;;) {
    const key = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`
    if (lock.packages[key]) return key
    if (base === '') return undefined
    const at = base.lastIndexOf('/node_modules/')
    base = at === -1 ? '' : base.slice(0, at)
  }
}

/**
 * Every package a consumer installs with this one (dependencies, optional and
 * required peers), with its Node range; with `dev`, the package's own
 * devDependencies too (the repository's tools).
 */
function runtimeClosure(dir: string, options: { dev?: boolean } = {}): { name: string; version: string; node?: string }[] {
  const seen = new Map<string, { name: string; version: string; node?: string }>()
  const visit = (key: string, entry: LockEntry & { devDependencies?: Record<string, string> }, dev = false) => {
    const required = Object.entries(entry.peerDependencies ?? {})
      .filter(([name]) => entry.peerDependenciesMeta?.[name]?.optional !== true)
      .map(([name]) => name)
    const direct = [
      ...Object.keys(entry.dependencies ?? {}),
      ...Object.keys(entry.optionalDependencies ?? {}),
      ...(dev ? Object.keys(entry.devDependencies ?? {}) : []),
    ]
    for (const name of [...direct, ...required]) {
      let found = resolveIn(key, name)
      if (!found) continue
      let target = lock.packages[found]!
      if (target.link && target.resolved) {
        found = target.resolved
        target = lock.packages[found]!
      }
      if (seen.has(found)) continue
      const node = Array.isArray(target.engines) ? undefined : target.engines?.node
      seen.set(found, { name, version: target.version ?? '?', ...(node ? { node } : {}) })
      visit(found, target)
    }
  }
  visit(dir, lock.packages[dir]!, options.dev === true)
  return [...seen.values()]
}
