import { execFile } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { fromMarkdown } from '@cablekit/core'
import type { Cable } from '@cablekit/core'
import { THEMES, THEME_NAMES, toDocx, toPdf } from '@cablekit/render'
import type { ThemeName } from '@cablekit/render'
import { libreOfficeToPdf, tempDir } from './helpers/docx.js'

const exec = promisify(execFile)

// Per page: the character boxes of every line that starts in the top margin or ends in the bottom one, with the line's text.
const MARGIN_BOXES = `
import fitz, json, sys
out = []
for page in fitz.open(sys.argv[1]):
    h = page.rect.height
    lines = []
    for block in page.get_text('rawdict')['blocks']:
        for line in block.get('lines', []):
            chars = [c for span in line['spans'] for c in span['chars']]
            text = ''.join(c['c'] for c in chars)
            y0, y1 = line['bbox'][1], line['bbox'][3]
            if (y0 < float(sys.argv[2]) or y1 > h - float(sys.argv[3])) and text.strip():
                lines.append({'text': text, 'boxes': [c['bbox'] for c in chars if c['c'].strip()], 'page': [page.rect.width, h]})
    out.append(lines)
print(json.dumps(out))
`

interface MarginLine {
  text: string
  boxes: [number, number, number, number][]
  page: [number, number]
}

async function marginLines(pdf: string, theme: ThemeName): Promise<MarginLine[][]> {
  const { top, bottom } = THEMES[theme].page.margins
  const { stdout } = await exec('/usr/bin/python3', ['-c', MARGIN_BOXES, pdf, String(top), String(bottom)], { maxBuffer: 64 << 20 })
  return JSON.parse(stdout) as MarginLine[][]
}

const FOLIO = /^\s*(?:PAGE\s+\d+\s+OF\s+\d+|\d+\s*\/\s*\d+)\s*$/i
// Glyph boxes span the face's whole ascent and descent, so lines set solid touch: only an overlap of more than a point is overprinting.
const SLACK = 1
const intersects = (a: number[], b: number[]) => a[0]! < b[2]! - SLACK && b[0]! < a[2]! - SLACK && a[1]! < b[3]! - SLACK && b[1]! < a[3]! - SLACK

/**
 * No glyph of a banner (or running reference) intersects a glyph of the folio
 * or of another margin line, every glyph is on the page, and the whole banner
 * is printed (its letters, in order, across its lines).
 */
function checkMargins(pages: MarginLine[][], banner: string, where: string): void {
  const letters = (text: string) => text.replace(/[^A-Z]/gi, '').toUpperCase()
  expect(pages.length, where).toBeGreaterThan(1)
  pages.forEach((lines, index) => {
    const folio = lines.filter((line) => FOLIO.test(line.text))
    expect(folio.length, `${where} page ${index + 1}: one folio in ${JSON.stringify(lines.map((l) => l.text))}`).toBe(1)
    for (let i = 0; i < lines.length; i++) {
      for (const box of lines[i]!.boxes) {
        const [width, height] = lines[i]!.page
        expect(box[0] >= -0.5 && box[2] <= width + 0.5 && box[1] >= -0.5 && box[3] <= height + 0.5, `${where}: glyph off the page`).toBe(true)
        for (let j = i + 1; j < lines.length; j++) {
          const hit = lines[j]!.boxes.find((other) => intersects(box, other))
          expect(hit, `${where} page ${index + 1}: "${lines[i]!.text}" overprints "${lines[j]!.text}"`).toBeUndefined()
        }
      }
    }
    const marks = letters(
      lines
        .filter((line) => !FOLIO.test(line.text))
        .map((line) => line.text)
        .join(''),
    )
    // Top and bottom: the banner twice (a running reference may come between them).
    expect(marks.split(letters(banner)).length - 1, `${where} page ${index + 1}: whole banner top and bottom in ${marks}`).toBe(2)
  })
}

const BANNERS = ['UNCLASSIFIED//FOR OFFICIAL USE ONLY', 'TOP SECRET//SI-GAMMA//ORCON//NOFORN//REL TO USA, GBR, CAN, AUS, NZL//FOR OFFICIAL USE ONLY']

function longCable(banner: string): Cable {
  const base = fromMarkdown(readFileSync(join(import.meta.dirname, 'fixtures', 'dossier', '09RABAT412.md'), 'utf8'), { path: 'a.md' }).cables[0]!
  return { ...base, classification: { level: 'top-secret', label: banner }, body: [...base.body, ...base.body, ...base.body] }
}

describe('banners never overprint the folio', () => {
  const dir = tempDir('banner-folio')
  const docxPdfs = new Map<string, string>()

  beforeAll(async () => {
    const paths: string[] = []
    for (const [b, banner] of BANNERS.entries()) {
      for (const theme of THEME_NAMES) {
        const path = join(dir, `${theme}-${b}.docx`)
        writeFileSync(path, await toDocx(longCable(banner), { theme }))
        paths.push(path)
      }
    }
    const pdfs = await libreOfficeToPdf(paths, dir)
    paths.forEach((path, index) => docxPdfs.set(path, pdfs[index]!))
  }, 300_000)

  for (const [b, banner] of BANNERS.entries()) {
    it.each(THEME_NAMES)(
      `in PDF, theme %s, banner ${b + 1}`,
      async (theme) => {
        const path = join(dir, `${theme}-${b}-direct.pdf`)
        writeFileSync(path, await toPdf(longCable(banner), { theme }))
        checkMargins(await marginLines(path, theme), banner, `${theme} PDF`)
      },
      60_000,
    )

    it.each(THEME_NAMES)(
      `in DOCX as LibreOffice prints it, theme %s, banner ${b + 1}`,
      async (theme) => {
        const pdf = docxPdfs.get(join(dir, `${theme}-${b}.docx`))!
        checkMargins(await marginLines(pdf, theme), banner, `${theme} DOCX`)
      },
      60_000,
    )
  }
})
