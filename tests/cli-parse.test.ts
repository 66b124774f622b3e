import { spawnSync } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { cli } from './helpers/cli.js'

const root = join(import.meta.dirname, '..')
const examples = readdirSync(join(root, 'examples'))
  .filter((name) => name.endsWith('.md'))
  .sort()
  .map((name) => `examples/${name}`)
const schema = JSON.parse(readFileSync(join(root, 'packages/core/cable.schema.json'), 'utf8'))

describe('cablekit parse', () => {
  it('prints every example as one JSON array valid under the shipped JSON Schema', async () => {
    const result = await cli(['parse', ...examples, '--json'], { cwd: root })
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const cables = JSON.parse(result.stdout) as unknown[]
    expect(cables).toHaveLength(examples.length)
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile({ type: 'array', items: schema })
    expect(validate(cables), JSON.stringify(validate.errors)).toBe(true)
  })

  it('exits 0 with warnings, printing them on stderr with file:line:column', async () => {
    const result = await cli(['parse', 'tests/fixtures/cli/warning.md'], { cwd: root })
    expect(result.code).toBe(0)
    expect(result.stderr).toContain('tests/fixtures/cli/warning.md')
    expect(result.stderr).toMatch(/2:1-2:7\s+warning\s+unknown key `subjet` is ignored: did you mean `subject`\?\s+unknown-key\s+cablekit/)
    expect(JSON.parse(result.stdout)).toHaveLength(1)
  })

  it('exits 1 when any file has an error, and still prints the good ones', async () => {
    const result = await cli(['parse', 'tests/fixtures/cli/bad-precedence.md', examples[0]!, 'no/such/file.md'], { cwd: root })
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout)).toHaveLength(1)
    expect(result.stderr).toMatch(/tests\/fixtures\/cli\/bad-precedence\.md\n\s*3:1-3:11\s+error\s+unknown precedence `tres urgant`/)
    expect(result.stderr).toContain('no/such/file.md')
    expect(result.stderr).toMatch(/error\s+no such file\s+unreadable/)
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })

  it('exits 2 on a usage error', async () => {
    expect((await cli(['parse'])).code).toBe(2)
    expect((await cli(['parse', 'x.md', '--from', 'pdf'])).code).toBe(2)
    const unknown = await cli(['frobnicate'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain("unknown command 'frobnicate'")
  })

  it('has --help and --version', async () => {
    const help = await cli(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('parse')
    const version = await cli(['--version'])
    expect(version.code).toBe(0)
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')).version)
  })

  it('--from forces the format', async () => {
    const result = await cli(['parse', '--from', 'json', 'tests/fixtures/cli/warning.md'], { cwd: root })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('bad-json')
  })
})

describe('the built bin', () => {
  // `npm test` builds first, as `npm ci` does through `prepare`.
  it('runs as `npx cablekit` after the build', () => {
    const out = spawnSync('npx', ['cablekit', 'parse', ...examples, '--json'], { cwd: root, encoding: 'utf8' })
    expect(out.status).toBe(0)
    expect(JSON.parse(out.stdout)).toHaveLength(examples.length)
  })
})
