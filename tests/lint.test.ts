import { ESLint, RuleTester } from 'eslint'
import tseslint from 'typescript-eslint'
import { describe, expect, it } from 'vitest'
import { noIdenticalBranches } from '../eslint-rules/no-identical-branches.js'

// RuleTester defines its own cases through the test framework's functions.
RuleTester.describe = describe
RuleTester.it = it
RuleTester.itOnly = it.only

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' } })

tester.run('house/no-identical-branches', noIdenticalBranches, {
  valid: [
    `const size = big ? 12 : 10`,
    `const name = a ? 'mono' : 'serif'`,
    `const f = a ? (x: number) => x : (x: number) => -x`,
    `if (a) run(); else stop()`,
    `if (a) run()`,
    `if (a) { run() } else if (b) { run() }`,
    // Same text, different tokens: a string is not the identifier it spells.
    `const v = a ? 'start' : start`,
  ],
  invalid: [
    { code: `const family = mono ? 'mono' : 'mono'`, errors: [{ messageId: 'ternary', data: { text: `'mono'` } }] },
    { code: `const y = a ? 0 : 0`, errors: [{ messageId: 'ternary' }] },
    // Spacing, line breaks and comments do not hide a copy.
    { code: `const z = a ? f(x,  y) : f(x, /* same */ y)`, errors: [{ messageId: 'ternary' }] },
    { code: `const w = a ? (b ? 1 : 1) : 2`, errors: [{ messageId: 'ternary' }] },
    { code: `const t = a ? (x as string) : (x as string)`, errors: [{ messageId: 'ternary' }] },
    { code: `if (a) { run(1) } else { run(1) }`, errors: [{ messageId: 'if' }] },
    { code: `if (a) run(1)\nelse run(1)`, errors: [{ messageId: 'if' }] },
  ],
})

describe('eslint.config.js', () => {
  // The project's own config, as `npm run lint` loads it, on TypeScript it has never seen.
  const eslint = new ESLint({ cwd: process.cwd() })
  const lint = async (code: string, filePath = 'packages/core/src/lint-probe.ts') => (await eslint.lintText(code, { filePath }))[0]!.messages

  it('flags identical branches, duplicate else-if conditions and needless ternaries in TypeScript', async () => {
    const messages = await lint(
      [
        `export function pick(a: boolean, b: number): string | boolean {`,
        `  const font: string = a ? 'mono' : 'mono'`,
        `  if (b === 1) return font`,
        `  else if (b === 1) return 'x'`,
        `  return a ? true : false`,
        `}`,
        ``,
      ].join('\n'),
    )
    expect(messages.map((message) => [message.ruleId, message.line])).toEqual([
      ['house/no-identical-branches', 2],
      ['no-dupe-else-if', 4],
      ['no-unneeded-ternary', 5],
    ])
  })

  it('leaves what the house writes on purpose: `_` for what a destructuring omits', async () => {
    expect(
      await lint(`export function strip(node: { position?: unknown; type: string }) {\n  const { position: _position, ...rest } = node\n  return rest\n}\n`),
    ).toEqual([])
  })

  it('ignores built files', async () => {
    expect(await eslint.isPathIgnored('packages/core/dist/index.js')).toBe(true)
  })
})
