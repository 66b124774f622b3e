import { execFile } from 'node:child_process'
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { fromMarkdown } from '@cablekit/core'
import type { Cable } from '@cablekit/core'
import { toDocx } from '@cablekit/render'
import type { ThemeName } from '@cablekit/render'
import { libreOfficeToPdf, readWithPythonDocx, tempDir } from './helpers/docx.js'
import type { PythonDocxView } from './helpers/docx.js'

const exec = promisify(execFile)
const THEMES_DIR = join(import.meta.dirname, 'fixtures', 'themes')

function fixture(path: string): Cable {
  return fromMarkdown(readFileSync(path, 'utf8'), { path }).cables[0]!
}

// One fixture per telegram family, with its subject line as the theme prints it.
const TELEGRAMS: { theme: ThemeName; cable: () => Cable }[] = [
  { theme: 'telegramme', cable: () => fixture(join(import.meta.dirname, 'fixtures', 'dossier', '09RABAT412.md')) },
  { theme: 'td', cable: () => fixtureOf('td') },
  { theme: 'fco', cable: () => fixtureOf('fco') },
]

function fixtureOf(theme: string): Cable {
  const names = readdirSync(THEMES_DIR).filter((name) => name.endsWith('.md') && name.includes(theme))
  if (names.length === 0) throw new Error(`no ${theme} fixture in ${THEMES_DIR}`)
  return fixture(join(THEMES_DIR, names.sort()[0]!))
}

describe('telegram DOCX named styles', () => {
  const dir = tempDir('telegram-styles')
  const views = new Map<ThemeName, { view: PythonDocxView; cable: Cable }>()

  beforeAll(async () => {
    for (const { theme, cable: make } of TELEGRAMS) {
      const cable = make()
      const path = join(dir, `${theme}.docx`)
      writeFileSync(path, await toDocx(cable, { theme }))
      views.set(theme, { view: await readWithPythonDocx(path), cable })
    }
  }, 120_000)

  it.each(TELEGRAMS.map((t) => t.theme))('%s: subject, header lines and paragraphs carry their own style names', (theme) => {
    const { view, cable } = views.get(theme)!
    const styleOf = (predicate: (text: string) => boolean) => view.paragraphs.filter((p) => predicate(p.text)).map((p) => p.style)
    expect(view.styles).toEqual(expect.arrayContaining(['Telegram Header', 'Telegram Subject', 'Telegram Paragraph']))
    // The subject line, whatever its label, is the one Telegram Subject paragraph.
    const subjects = view.paragraphs.filter((p) => p.style === 'Telegram Subject')
    expect(subjects.length, JSON.stringify(view.paragraphs.slice(0, 30))).toBe(1)
    expect(subjects[0]!.text.toUpperCase()).toContain(cable.subject!.toUpperCase().slice(0, 20))
    expect(view.paragraphs.filter((p) => p.style === 'Telegram Header').length).toBeGreaterThanOrEqual(3)
    // Every paragraph of the body's text is a Telegram Paragraph.
    const firstWords = cable.body
      .filter((node) => node.type === 'paragraph')
      .map((node) => JSON.stringify(node).match(/"value":"([^"]{12})/)?.[1])
      .filter((words): words is string => Boolean(words))
    expect(firstWords.length).toBeGreaterThan(0)
    for (const words of firstWords) {
      expect(styleOf((text) => text.toUpperCase().includes(words.toUpperCase().replace(/\\/g, '')))).toContain('Telegram Paragraph')
    }
    expect(view.paragraphs.some((p) => p.style === 'Cable Telegram Line')).toBe(false)
  })

  it('keeps the letter styles for a ministerial cable', async () => {
    const path = join(dir, 'ministere.docx')
    writeFileSync(path, await toDocx(fixture(join(import.meta.dirname, 'fixtures', 'dossier', 'maroc-otan-requete.md')), { theme: 'ministere' }))
    const view = await readWithPythonDocx(path)
    expect(view.paragraphs.some((p) => p.style.startsWith('Telegram'))).toBe(false)
    expect(view.paragraphs.some((p) => p.style === 'Cable Body')).toBe(true)
  })
})

// The filled rectangles of the redaction colour, per page, as PyMuPDF finds them in LibreOffice's PDF.
const BARS = `
import fitz, json, sys
out = []
for page in fitz.open(sys.argv[1]):
    for d in page.get_drawings():
        fill = d.get('fill')
        if fill and max(fill) < 0.05:
            for item in d['items']:
                if item[0] == 're':
                    r = item[1]
                    out.append([page.number, r.x0, r.y0, r.x1, r.y1])
        elif fill and max(fill) < 0.05 and d.get('rect'):
            r = d['rect']; out.append([page.number, r.x0, r.y0, r.x1, r.y1])
print(json.dumps(out))
`

describe('DOCX redaction bars', () => {
  it('never break across lines in LibreOffice: a bar near a line end moves whole to the next line', async () => {
    const dir = tempDir('redaction-bars')
    const filler = 'Le conseiller a rencontré les autorités ce matin pour'.split(' ')
    // Each paragraph puts the bar a word later, so some bar falls on every position of a line end.
    const paragraphs = Array.from({ length: 24 }, (_, index) => {
      const words = Array.from({ length: 4 + index }, (__, n) => filler[n % filler.length]).join(' ')
      return `${words} :redact[M. Untel]{reason="vie privée - source/contact protégé"} et la suite du texte.`
    })
    const source = `---\nlang: fr\nsubject: Essai\n---\n\n${paragraphs.join('\n\n')}\n`
    const cable = fromMarkdown(source, { path: 'bars.md' }).cables[0]!
    const docx = join(dir, 'bars.docx')
    writeFileSync(docx, await toDocx(cable, { theme: 'sobre' }))
    const [pdf] = await libreOfficeToPdf([docx], dir)
    const { stdout } = await exec('/usr/bin/python3', ['-c', BARS, pdf!], { maxBuffer: 64 << 20 })
    const rects = (JSON.parse(stdout) as number[][]).filter((r) => r[4]! - r[2]! > 4 && r[4]! - r[2]! < 30)
    // Rectangles of one bar on one line touch; merge them into segments, one per line a bar sits on.
    const sorted = [...rects].sort((a, b) => a[0]! - b[0]! || Math.round(a[2]!) - Math.round(b[2]!) || a[1]! - b[1]!)
    const segments: number[][] = []
    for (const rect of sorted) {
      const last = segments[segments.length - 1]
      if (last && last[0] === rect[0] && Math.abs(last[2]! - rect[2]!) < 2 && rect[1]! - last[3]! < 1.5) last[3] = Math.max(last[3]!, rect[3]!)
      else segments.push([...rect])
    }
    expect(segments.length, JSON.stringify(segments.map((s) => s.map(Math.round)))).toBe(paragraphs.length)
    const { stdout: text } = await exec('pdftotext', ['-enc', 'UTF-8', pdf!, '-'])
    expect(text).not.toContain('Untel')
  }, 120_000)
})
