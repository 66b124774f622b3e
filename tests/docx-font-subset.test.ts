import { execFile, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import * as fontkit from 'fontkit'
import { beforeAll, describe, expect, it } from 'vitest'
import { fromMarkdown } from '@cablekit/core'
import type { Cable } from '@cablekit/core'
import { fontFiles, toDocx } from '@cablekit/render'
import { documentCharacters } from '../packages/render/src/docx/document-characters.js'
import { fontKey, subsetFontEntry } from '../packages/render/src/docx/embedded-fonts.js'
import { openDocx, readWithPythonDocx, tempDir } from './helpers/docx.js'
import type { DocxParts } from './helpers/docx.js'

const exec = promisify(execFile)
const EXAMPLES = join(import.meta.dirname, '..', 'examples')
/** The size a one-page French cable must stay under, fonts included (whole fonts made it 723 KB). */
const ONE_PAGE_LIMIT = 80_000
/** The only fonts LibreOffice sees in the consumer check (Debian's fonts-dejavu-core). */
const DEJAVU = '/usr/share/fonts/truetype/dejavu'

function load(name: string): Cable {
  const path = join(EXAMPLES, name)
  const { cables } = fromMarkdown(readFileSync(path, 'utf8'), { path })
  expect(cables).toHaveLength(1)
  return cables[0]!
}

/** The font parts of a package, de-obfuscated with the keys fontTable.xml gives (ECMA-376 Part 1 §17.8.1). */
function embeddedFaces(parts: DocxParts): { path: string; key: string; raw: Uint8Array; font: FontInfo }[] {
  const table = parts.xml.get('word/fontTable.xml')!
  const rels = parts.xml.get('word/_rels/fontTable.xml.rels')!
  return [...table.matchAll(/<w:embed\w+ r:id="(rId\d+)" w:fontKey="\{([0-9A-F-]+)\}"\/>/g)].map(([, id, key]) => {
    const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)![1]!
    const path = `word/${target}`
    const raw = parts.binary.get(path)!
    const hex = key!.replace(/-/g, '')
    const keyBytes = Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16)).reverse()
    const plain = Buffer.from(raw)
    for (let i = 0; i < 32; i++) plain[i] = plain[i]! ^ keyBytes[i % 16]!
    return { path, key: key!, raw, font: fontkit.create(plain) as FontInfo }
  })
}

/** The text of the body, headers and footers, read here with a plain regular expression over `w:t`. */
function runText(parts: DocxParts): string {
  let text = ''
  for (const [path, xml] of parts.xml) {
    if (!/^word\/(document|header\d+|footer\d+|footnotes)\.xml$/.test(path)) continue
    for (const match of xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g))
      text += match[1]!
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
  }
  return text
}

/** What fontkit's objects carry at run time beyond the declared part. */
type FontInfo = fontkit.Font & { numGlyphs: number; familyName: string; subfamilyName: string }

const ARABIC = /\p{Script=Arabic}/u
const WESTERN = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u

describe('DOCX embedded fonts are subsets', () => {
  let requete: Uint8Array
  let parts: DocxParts

  beforeAll(async () => {
    requete = await toDocx(load('maroc-otan-requete.md'))
    parts = await openDocx(requete)
  })

  it(`keeps a one-page French cable under ${ONE_PAGE_LIMIT / 1000} KB`, () => {
    expect(requete.byteLength).toBeLessThanOrEqual(ONE_PAGE_LIMIT)
  })

  it('says so in settings.xml: fonts embedded, as subsets', () => {
    expect(parts.xml.get('word/settings.xml')).toContain('<w:embedTrueTypeFonts/><w:saveSubsetFonts/>')
  })

  it('obfuscates each face with the key of its whole font, as fontTable.xml names it', () => {
    const faces = embeddedFaces(parts)
    const files = fontFiles()
    const wholeFaces = [files.arabic.regular, files.arabic.bold!, files.serif.regular, files.serif.bold!].map((path) => readFileSync(path))
    expect(faces.map((face) => face.key).sort()).toEqual(wholeFaces.map((data) => fontKey(data)).sort())
    for (const face of faces) {
      // Obfuscated: the stored part does not start as a TrueType file; de-obfuscated, it does.
      expect(Buffer.from(face.raw.subarray(0, 4)).toString('hex')).not.toBe('00010000')
      expect(face.font.numGlyphs).toBeGreaterThan(20)
    }
    expect(faces.map((face) => `${face.font.familyName} ${face.font.subfamilyName}`).sort()).toEqual([
      'Noto Naskh Arabic Bold',
      'Noto Naskh Arabic Regular',
      'Noto Serif Bold',
      'Noto Serif Regular',
    ])
  })

  it('keeps a glyph for every character the document draws, and not much more', () => {
    const text = runText(parts)
    const drawn = [...new Set(`${text}${text.toUpperCase()}0123456789`)].filter((char) => char.codePointAt(0)! > 0x20)
    for (const face of embeddedFaces(parts)) {
      const whole = fontkit.openSync(face.font.familyName === 'Noto Serif' ? fontFiles().serif.regular : fontFiles().arabic.regular) as FontInfo
      const arabicFace = face.font.familyName === 'Noto Naskh Arabic'
      const needed = drawn.filter((char) => (arabicFace ? !WESTERN.test(char) : !ARABIC.test(char)) && whole.hasGlyphForCodePoint(char.codePointAt(0)!))
      const missing = needed.filter((char) => !face.font.hasGlyphForCodePoint(char.codePointAt(0)!))
      expect(missing, `${face.font.familyName} ${face.font.subfamilyName}`).toEqual([])
      // Cut down: the whole faces have thousands of glyphs (Noto Serif 3,300, Naskh 1,600).
      expect(face.font.numGlyphs).toBeLessThan(whole.numGlyphs / 4)
      // Characters the cable does not hold are gone: Cyrillic, the euro sign, and (from the Arabic face) Latin letters.
      for (const absent of ['Ж', '€', ...(arabicFace ? ['a', 'É'] : [])]) expect(face.font.hasGlyphForCodePoint(absent.codePointAt(0)!), absent).toBe(false)
    }
  })

  it('gives the same bytes in another process (hb-subset is deterministic, not only cached)', async () => {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
    const script = [
      "import { readFileSync } from 'node:fs'",
      "import { createHash } from 'node:crypto'",
      "import { fromMarkdown } from '@cablekit/core'",
      "import { toDocx } from '@cablekit/render'",
      `const path = ${JSON.stringify(join(EXAMPLES, 'maroc-otan-requete.md'))}`,
      "const { cables } = fromMarkdown(readFileSync(path, 'utf8'), { path })",
      "process.stdout.write(createHash('sha256').update(await toDocx(cables[0])).digest('hex'))",
    ].join('\n')
    // Run from the repository with the source condition, so that the script resolves @cablekit/* as the tests do.
    const { stdout } = await exec(process.execPath, ['--conditions=source', '--import', tsx, '--input-type=module', '-e', script], {
      cwd: join(import.meta.dirname, '..'),
      timeout: 120_000,
    })
    expect(stdout).toBe(createHash('sha256').update(requete).digest('hex'))
    expect(Buffer.from(await toDocx(load('maroc-otan-requete.md'))).equals(Buffer.from(requete))).toBe(true)
  }, 120_000)

  it('caches a subset by font and characters', async () => {
    const data = readFileSync(fontFiles().serif.regular)
    const first = subsetFontEntry(data, 'abc')
    expect(subsetFontEntry(data, 'abc')).toBe(first)
    expect(subsetFontEntry(data, 'abd')).not.toBe(first)
    const entry = await first
    expect(entry.key).toBe(fontKey(data))
    expect(entry.deflated.size).toBeLessThan(data.byteLength / 10)
  })

  it('embeds whole fonts nowhere: the telegram theme subsets Courier Prime too', async () => {
    const telegram = await openDocx(await toDocx(load('09RABAT412.md')))
    const faces = embeddedFaces(telegram)
    expect(faces.map((face) => `${face.font.familyName} ${face.font.subfamilyName}`).sort()).toEqual(['Courier Prime Bold', 'Courier Prime Regular'])
    const whole = fontkit.openSync(fontFiles().mono.regular) as FontInfo
    for (const face of faces) expect(face.font.numGlyphs).toBeLessThan(whole.numGlyphs / 2)
  })
})

describe('documentCharacters', () => {
  const part = (path: string, xml: string) => ({ path, data: Buffer.from(xml, 'utf8') })

  it('reads text and list numbering of the per-document parts, with capitals and the digits fields draw', () => {
    const characters = documentCharacters([
      part('word/document.xml', '<w:document><w:body><w:p><w:r><w:t>é &amp; &#x152;</w:t></w:r></w:p></w:body></w:document>'),
      part('word/header1.xml', '<w:hdr><w:p><w:r><w:t>ب</w:t></w:r></w:p></w:hdr>'),
      part(
        'word/numbering.xml',
        '<w:numbering><w:lvl><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%1·"/></w:lvl><w:lvl><w:numFmt w:val="bullet"/><w:lvlText w:val="–"/></w:lvl></w:numbering>',
      ),
      // Shared parts are deflated and draw nothing; an unrelated raw part is not read.
      { path: 'word/styles.xml', deflated: { bytes: new Uint8Array(), crc: 0, size: 0 } },
      part('docProps/core.xml', '<dc:title>Ж</dc:title>'),
    ])
    expect(characters).toBe([...' &-0123456789CDILMVXcdilmvx·ÉéŒب–'].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!).join(''))
  })

  it('is the same string for the same characters in any order', () => {
    const a = documentCharacters([part('word/document.xml', '<w:t>bca</w:t>')])
    const b = documentCharacters([part('word/footnotes.xml', '<w:t>abc</w:t>'), part('word/footer2.xml', '<w:t>cab</w:t>')])
    expect(a).toBe(b)
  })
})

function requireTool(command: string, args: string[], install: string): void {
  const probe = spawnSync(command, args, { encoding: 'utf8' })
  if (probe.error || probe.status !== 0)
    throw new Error(`${command} is needed for this test and did not run (${probe.error?.message ?? probe.stderr}): ${install}`)
}

/**
 * Convert in a LibreOffice of its own, seeing only the DejaVu fonts: this
 * machine may have Noto Serif installed, so only a fontconfig without it
 * shows whether LibreOffice drew the embedded face. One document per
 * process: LibreOffice keeps the first embedded face of a name it meets and
 * reuses it for later documents, whose subsets hold other characters.
 */
async function fontsLibreOfficeUses(docx: Uint8Array, name: string): Promise<string[]> {
  const dir = tempDir('subset-lo')
  const fontsConf = join(dir, 'fonts.conf')
  writeFileSync(
    fontsConf,
    `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd"><fontconfig><dir>${DEJAVU}</dir><cachedir>${dir}/fc-cache</cachedir></fontconfig>`,
  )
  try {
    const input = join(dir, `${name}.docx`)
    writeFileSync(input, docx)
    await exec('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, input], {
      timeout: 180_000,
      env: { ...process.env, FONTCONFIG_FILE: fontsConf },
    })
    // LibreOffice exits 0 even when it cannot load a file: pdffonts then finds no PDF.
    const { stdout } = await exec('pdffonts', [join(dir, `${name}.pdf`)]).catch((error: unknown) => {
      throw new Error(`LibreOffice did not convert ${name}.docx: ${String(error)}`)
    })
    // "BAAAAA+NotoSerif-Regular  TrueType …": the face's PostScript name without the subset tag.
    return [
      ...new Set(
        stdout
          .split('\n')
          .slice(2)
          .filter(Boolean)
          .map((line) => line.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, '')),
      ),
    ].sort()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('consumers draw and read the subset fonts', () => {
  beforeAll(() => {
    requireTool('soffice', ['--version'], 'apt-get install -y libreoffice-writer-nogui')
    requireTool('pdffonts', ['-v'], 'apt-get install -y poppler-utils')
    if (!existsSync(DEJAVU)) throw new Error(`${DEJAVU} is missing: the LibreOffice check draws its substitutes from it (apt-get install -y fonts-dejavu-core)`)
    requireTool('/usr/bin/python3', ['-c', 'import docx'], 'apt-get install -y python3-docx')
  })

  it('LibreOffice draws every character in the embedded faces, where whole fonts are not installed', async () => {
    expect(await fontsLibreOfficeUses(await toDocx(load('maroc-otan-requete.md')), 'requete')).toEqual([
      'NotoNaskhArabic-Regular',
      'NotoSerif-Bold',
      'NotoSerif-Regular',
    ])
    expect(await fontsLibreOfficeUses(await toDocx(load('maroc-otan-cardiff.md')), 'cardiff')).toEqual([
      'NotoNaskhArabic-Regular',
      'NotoSerif-Bold',
      'NotoSerif-Regular',
    ])
    expect(await fontsLibreOfficeUses(await toDocx(load('09RABAT412.md')), 'telegram')).toEqual(['CourierPrime-Bold', 'CourierPrime-Regular'])
  }, 240_000)

  it('and substitutes DejaVu when nothing is embedded, so the check above can see a substitute', async () => {
    const fonts = await fontsLibreOfficeUses(await toDocx(load('maroc-otan-requete.md'), { embedFonts: false }), 'requete-bare')
    expect(fonts.some((font) => font.startsWith('DejaVu'))).toBe(true)
    expect(fonts).not.toContain('NotoSerif-Regular')
  }, 120_000)

  it('python-docx opens it', async () => {
    const dir = tempDir('subset-python')
    const path = join(dir, 'requete.docx')
    writeFileSync(path, await toDocx(load('maroc-otan-requete.md')))
    try {
      const view = await readWithPythonDocx(path)
      expect(view.paragraphs.map((paragraph) => paragraph.text).join('\n')).toContain('J’ai l’honneur de porter')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
