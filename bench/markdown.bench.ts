/**
 * Markdown ingestion: throughput on ordinary cables, and the time of the worst
 * 1 MB inputs we know of, which the limits keep bounded (they are refused or
 * parsed in time proportional to their size).
 */
import { fromMarkdown } from '@cablekit/core'

function time(fn: () => void, runs = 3): number {
  let best = Infinity
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    fn()
    best = Math.min(best, performance.now() - start)
  }
  return best
}

const paragraph =
  'J’ai l’honneur de porter à votre connaissance que lors de l’entretien téléphonique que j’ai eu, ce jour, avec M. Stamatopoulos, *Secrétaire Général Adjoint* de l’OTAN, celui-ci m’a fait part des suites données.\n\n'
const cable = `---\nid: X\nlang: fr\nsubject: Test\nprecedence: très urgent\nclassification: confidentiel\n---\n\n${paragraph.repeat(30)}`
const perCable = time(() => fromMarkdown(cable, { path: 'c.md' }), 5)
console.log(`ordinary cable (${(cable.length / 1024).toFixed(1)} KB): ${perCable.toFixed(2)} ms, ${(1000 / perCable).toFixed(0)} cables/s on one core`)

console.log('\nworst-case 1 MB inputs (blocks of 500 lines of 250 characters):')
console.log('pattern'.padEnd(16), 'ms'.padStart(8), '  outcome')
for (const pattern of ['a ', '<a', '|a', '\\', '`', '[', '*a**', '- ', '> ', 'http://a.b/ ']) {
  const block = `${(pattern.repeat(Math.ceil(250 / pattern.length)) + '\n').repeat(500)}\n`
  const input = block.repeat(Math.ceil((1024 * 1024) / block.length))
  let outcome = ''
  const ms = time(() => {
    const result = fromMarkdown(input, { path: 'x.md' })
    outcome = result.cables.length > 0 ? 'parsed' : `refused (${result.file.messages.find((m) => m.fatal)?.ruleId})`
  }, 1)
  console.log(JSON.stringify(pattern).padEnd(16), ms.toFixed(0).padStart(8), ` ${outcome}`)
}

// Openers that never close, on one long line: micromark rescans to the paragraph's end for each.
let growing = ''
for (let n = 1; growing.length < 1024 * 1024; n++) growing += `${'`'.repeat(n)} x `
for (const [name, input] of [
  ['a <!-- b ', 'a <!-- b '.repeat(Math.ceil((180 * 1024) / 9))],
  ['growing `…`', growing],
] as const) {
  let outcome = ''
  const ms = time(() => {
    const result = fromMarkdown(`---\nid: X\n---\n\n${input}`, { path: 'x.md' })
    outcome = result.cables.length > 0 ? 'parsed' : `refused (${result.file.messages.find((m) => m.fatal)?.ruleId})`
  }, 1)
  console.log(JSON.stringify(name).padEnd(16), ms.toFixed(0).padStart(8), ` ${outcome} (${(input.length / 1024).toFixed(0)} KB)`)
}
