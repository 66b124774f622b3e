import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { unified } from 'unified'
import remarkParse from 'remark-parse'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkDirective from 'remark-directive'
import { describe, expect, it } from 'vitest'
import { gfmNeeds, markdownProcessorFor } from '../packages/core/src/parse/markdown-processor.js'
import { listFiles } from './helpers/files.js'

/** The reference: every GFM construct, always (what cablekit used before the parser was pruned per text). */
const full = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkDirective)

const same = (text: string) => expect(markdownProcessorFor(text).parse(text)).toEqual(full.parse(text))

describe('the Markdown parser without the GFM constructs a text cannot hold', () => {
  it('gives the tree of the full parser, positions included, on random Markdown', () => {
    // Characters that open or close every construct, the triggers among them but rarer,
    // so that most texts take a pruned parser and some take the full one.
    const common = fc.constantFrom(...'ab w.:-*_`[]()!<>#=+\\^~ \n\n\t1')
    const trigger = fc.constantFrom('|', '@', '://', 'www.', 'WWW.', ':-', '-:', 'http://a.b', 'x@y.fr', '| a |\n| - |\n')
    const text = fc.array(fc.oneof({ weight: 30, arbitrary: common }, { weight: 1, arbitrary: trigger }), { maxLength: 120 }).map((parts) => parts.join(''))
    let pruned = 0
    fc.assert(
      fc.property(text, (markdown) => {
        const needs = gfmNeeds(markdown)
        if (!needs.autolinks || !needs.tables) pruned++
        same(markdown)
      }),
      { numRuns: 1500 },
    )
    expect(pruned).toBeGreaterThan(500)
  })

  it('gives the tree of the full parser on random lines of block syntax', () => {
    const shape = fc.constantFrom(
      'Titre',
      'a b',
      ':-',
      '-:',
      ':-:',
      '--',
      '---',
      '> x',
      '> :-',
      '- y',
      '  :--',
      '1. z',
      '| b',
      '    c',
      '',
      '```',
      '## T',
      'w@x',
      '[^1]: n',
    )
    const text = fc.array(shape, { maxLength: 12 }).map((lines) => lines.join('\n'))
    fc.assert(
      fc.property(text, (markdown) => void same(markdown)),
      { numRuns: 1500 },
    )
  })

  it('gives the same trees on every Markdown fixture of the repository', () => {
    const markdown = (dir: string) =>
      listFiles(dir)
        .filter((name) => name.endsWith('.md'))
        .map((name) => join(dir, name))
    const files = [...markdown(join(import.meta.dirname, 'fixtures')), ...markdown(join(import.meta.dirname, '..', 'examples'))]
    expect(files.length).toBeGreaterThan(10)
    for (const file of files) same(readFileSync(file, 'utf8'))
  })

  it('keeps each construct where its trigger is', () => {
    const cases: [string, string][] = [
      ['Voir www.diplomatie.gouv.fr.', 'link'],
      ['Voir HTTPS://example.org/x.', 'link'],
      ['Écrire à presse@example.org.', 'link'],
      ['| a | b |\n| - | - |\n| 1 | 2 |\n', 'table'],
      // A one-column table needs no pipe at all: a colon beside the dashes is enough.
      ['Titre\n:--\nvaleur\n', 'table'],
      ['> Titre\n> --:\n', 'table'],
    ]
    for (const [text, type] of cases) {
      const tree = JSON.stringify(markdownProcessorFor(text).parse(text))
      expect(tree, text).toContain(`"type":"${type}"`)
      same(text)
    }
  })

  it('prunes what an ordinary cable does not use', () => {
    expect(gfmNeeds('---\nsubject: Visite\n---\n\nJ’ai l’honneur : voici.\n\n---\n')).toEqual({ autolinks: false, tables: false })
    expect(gfmNeeds('a | b')).toEqual({ autolinks: false, tables: true })
    expect(gfmNeeds('Www.x')).toEqual({ autolinks: true, tables: false })
  })
})
