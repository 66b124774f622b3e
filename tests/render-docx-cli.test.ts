import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from './helpers/cli.js'
import { openDocx, tempDir } from './helpers/docx.js'

/** `cablekit render … --to docx` writes the DOCX of each example, deterministically. */
describe('cablekit render --to docx', () => {
  it('writes NAME.docx for each example, the same bytes twice', async () => {
    const first = tempDir('docx-cli-a')
    const second = tempDir('docx-cli-b')
    const run1 = await cli(['render', 'examples', '-o', first, '--to', 'docx'])
    expect(run1.stderr).not.toMatch(/\n\s+at /)
    expect(run1.code, run1.stderr).toBe(0)
    const run2 = await cli(['render', 'examples', '-o', second, '--to', 'docx'])
    expect(run2.code, run2.stderr).toBe(0)
    const examples = readdirSync('examples')
      .filter((name) => name.endsWith('.md'))
      .map((name) => name.replace(/\.md$/, '.docx'))
    const written = readdirSync(first).filter((name) => name.endsWith('.docx'))
    expect(written.sort()).toEqual(examples.sort())
    for (const name of written) {
      const bytes = readFileSync(join(first, name))
      expect(Buffer.compare(bytes, readFileSync(join(second, name))), name).toBe(0)
      const parts = await openDocx(bytes)
      expect(parts.xml.get('word/document.xml'), name).toMatch(/CableBody|TelegramParagraph/)
    }
  })

  it('applies --theme to the DOCX', async () => {
    const out = tempDir('docx-cli-theme')
    const result = await cli(['render', 'examples/09RABAT412.md', '-o', out, '--to', 'docx', '--theme', 'sobre'])
    expect(result.code, result.stderr).toBe(0)
    const parts = await openDocx(readFileSync(join(out, '09RABAT412.docx')))
    // The sober theme is serif, not the telegram's typewriter face.
    expect(parts.xml.get('word/styles.xml')).toContain('Noto Serif')
    expect(parts.xml.get('word/styles.xml')).not.toContain('Courier Prime')
  })
})
