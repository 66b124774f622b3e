import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'

// The usage examples of the package READMEs are run as a user would run them:
// plain Node on the built packages (`npm test` builds first). The scan
// package's example needs a scan, and the CLI's are shell commands tested elsewhere.
const dir = resolve('.tmp', `readme-examples-${process.pid}`)

function examples(readme: string): string[] {
  return [...readFileSync(readme, 'utf8').matchAll(/```js\n([\s\S]*?)```/g)].map((match) => match[1]!)
}

async function runExample(name: string, code: string): Promise<{ stdout: string; stderr: string }> {
  mkdirSync(dir, { recursive: true })
  const path = join(dir, `${name}.mjs`)
  writeFileSync(path, code)
  return promisify(execFile)(process.execPath, [path], { cwd: dir, encoding: 'utf8', timeout: 120_000 })
}

describe('the README examples', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('@cablekit/core: parses, redacts, prints JSON and validates as it says', async () => {
    const [code] = examples('packages/core/README.md')
    expect(code).toContain('validate(')
    const { stdout } = await runExample('core', `${code}\nconsole.log(JSON.stringify({ ok, path: messages[0].path }))\n`)
    const lines = stdout.trim().split('\n')
    expect(JSON.parse(lines.at(-1)!)).toEqual({ ok: false, path: 'subject' })
    expect(stdout).toContain("Sommet de l'OTAN prévu à")
    expect(stdout).not.toContain('Cardiff')
  })

  it('@cablekit/render: writes the three files it names', async () => {
    const [code] = examples('packages/render/README.md')
    await runExample('render', code!)
    for (const name of ['cable.pdf', 'cable.docx', 'cable.html']) expect(existsSync(join(dir, name)), name).toBe(true)
    expect(readFileSync(join(dir, 'cable.pdf')).subarray(0, 5).toString()).toBe('%PDF-')
    expect(readFileSync(join(dir, 'cable.docx')).subarray(0, 2).toString()).toBe('PK')
  }, 180_000)
})
