import { execFile } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'

// A consumer's project as strict as they come, inside the repository (so that
// `@cablekit/*` and `cablekit` resolve through node_modules, to the built
// `dist` declarations, never to `src`: no `source` condition here), compiled
// with every library's declarations checked. `npm test` builds first.
const dir = resolve('.tmp', `consumer-types-${process.pid}`)

const tsconfig = {
  compilerOptions: {
    strict: true,
    skipLibCheck: false,
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    target: 'ES2022',
    lib: ['ES2023'],
    types: ['node'],
    noEmit: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    verbatimModuleSyntax: true,
  },
  files: ['consumer.ts'],
}

// Each `@ts-expect-error` fails the compile if the types it tests were `any`.
const consumer = `
import { fromMarkdown, validate, assertValidCable, CableValidationError, type Cable, type Validation } from '@cablekit/core'
import { report, hasErrors } from '@cablekit/core/diagnostics'
import { toPdf, toDocx, toHtml, createPdfDocument, paintCable, layoutCable } from '@cablekit/render'
import { THEMES } from '@cablekit/render/themes'
import { fromScan } from '@cablekit/scan'
import { run, EXIT, CliError } from 'cablekit'

const { cables, file } = fromMarkdown('---\\nsubject: Test\\n---\\n\\nCorps.\\n', { path: 'a.md' })
const checked: Validation = validate(cables[0])
export const firstPath: string | undefined = checked.messages[0]?.path
// @ts-expect-error a cable's body is a list of nodes
export const wrong: Cable = { body: 1, attachments: [] }

export async function render(cable: Cable): Promise<Uint8Array[]> {
  assertValidCable(cable)
  const laidOut = layoutCable(cable)
  const doc = createPdfDocument(laidOut.metadata)
  paintCable(doc, laidOut)
  doc.end()
  // @ts-expect-error toPdf takes a cable
  await toPdf('cable')
  return [await toPdf(cable), await toDocx(cable), await toHtml(cable)]
}

export async function scan(bytes: Uint8Array): Promise<number> {
  const result = await fromScan(bytes, { path: 'scan.pdf' })
  report(result.file, 'info', 'probe', 'read', { line: 1, column: 1 })
  return hasErrors(file) ? EXIT.failed : result.cables.length
}

export const error: Error = new CableValidationError(checked)
export const cli: Error = new CliError('no')
export const themes: readonly unknown[] = Object.keys(THEMES)
export const exitCode: Promise<number> = run(['--version'], { stdout: process.stdout, stderr: process.stderr, cwd: '.', env: {} })
`

describe('the published declarations', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('compile in a strict consumer project with skipLibCheck off', async () => {
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }))
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2))
    writeFileSync(join(dir, 'consumer.ts'), consumer)
    const tsc = resolve('node_modules/typescript/bin/tsc')
    const { stdout, exitCode } = await promisify(execFile)(process.execPath, [tsc, '-p', dir, '--pretty', 'false'], { encoding: 'utf8' }).then(
      ({ stdout }) => ({ stdout, exitCode: 0 }),
      (error: { stdout?: string; code?: number }) => ({ stdout: error.stdout ?? '', exitCode: error.code ?? 1 }),
    )
    // One line per error, paths relative to the repository, so a failure reads as a list.
    expect(
      stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => line.replaceAll(`${process.cwd()}/`, '')),
    ).toEqual([])
    expect(exitCode).toBe(0)
  }, 180_000)
})
