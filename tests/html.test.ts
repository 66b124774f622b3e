import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as fontkit from 'fontkit'
import { fromMarkdown, redact } from '@cablekit/core'
import type { Cable } from '@cablekit/core'
import { THEME_NAMES, fontFiles, layoutCable, toHtml } from '@cablekit/render'
import { findLeaks } from './helpers/leaks.js'

const EXAMPLES = ['examples/maroc-otan-requete.md', 'examples/maroc-otan-cardiff.md', 'examples/09RABAT412.md'] as const

function cableOf(markdown: string | Uint8Array, path = 'cable.md'): Cable {
  const { cables, file } = fromMarkdown(markdown, { path })
  if (!cables[0]) throw new Error(`no cable in ${path}: ${file.messages.join('\n')}`)
  return cables[0]
}

function example(path: string): Cable {
  return cableOf(readFileSync(path), path)
}

async function html(cable: Cable, options: Parameters<typeof toHtml>[1] = {}): Promise<string> {
  return new TextDecoder().decode(await toHtml(cable, options))
}

/** The page without its inlined font files, which are checked apart (subsets of the shipped files that draw every character). */
function withoutFonts(page: string): string {
  return page.replace(/base64,[A-Za-z0-9+/=]+/g, 'base64,…')
}

/** The text a reader sees: the body of the page without its tags, entities decoded. */
function pageText(page: string): string {
  const body = page.slice(page.indexOf('<body'))
  return body
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(lt|gt|amp|quot|#39|#x?[0-9a-fA-F]+);/g, (_, entity: string) =>
      entity === 'lt'
        ? '<'
        : entity === 'gt'
          ? '>'
          : entity === 'amp'
            ? '&'
            : entity === 'quot'
              ? '"'
              : entity === '#39'
                ? "'"
                : String.fromCodePoint(entity[1] === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10)),
    )
}

const SHIPPED_FONTS = new Set(
  Object.values(fontFiles())
    .flatMap((faces) => Object.values(faces))
    .map((path) => readFileSync(path).toString('base64')),
)

describe('toHtml: one self-contained page', () => {
  it.each(EXAMPLES.flatMap((path) => THEME_NAMES.map((theme) => [path, theme] as const)))('%s in %s loads nothing from anywhere', async (path, theme) => {
    const page = await html(example(path), { theme })
    const text = withoutFonts(page)
    expect(text.startsWith('<!DOCTYPE html>\n<html')).toBe(true)
    // No script, no external style sheet, no image, no frame, no base, no @import.
    expect(text).not.toMatch(/<(script|link|img|iframe|object|embed|base|source|video|audio)\b/i)
    expect(text).not.toMatch(/@import/i)
    // Every url() of the style sheet is an inlined font.
    const urls = [...page.matchAll(/url\(([^)]*)\)/g)].map((match) => match[1]!)
    expect(urls.length).toBeGreaterThan(0)
    for (const url of urls) expect(url).toMatch(/^data:font\/ttf;base64,/)
    // …and each is a subset of a shipped face, smaller than it, that has a glyph for every letter the page shows.
    const shown = [...new Set(pageText(text))].filter((char) => /[\p{L}\p{N}]/u.test(char))
    const faces = urls.map(
      (url) =>
        fontkit.create(Buffer.from(url.replace(/^data:font\/ttf;base64,/, ''), 'base64')) as unknown as {
          postscriptName: string
          hasGlyphForCodePoint(code: number): boolean
        },
    )
    for (const url of urls) expect(SHIPPED_FONTS.has(url.replace(/^data:font\/ttf;base64,/, ''))).toBe(false)
    for (const char of shown)
      expect(
        faces.some((face) => face.hasGlyphForCodePoint(char.codePointAt(0)!)),
        `${char} in ${path} (${theme})`,
      ).toBe(true)
    // Only links may name another origin, and a browser fetches nothing for them.
    const addresses = [...text.matchAll(/\b(?:src|href|srcset|poster|action|data)\s*=\s*"([^"]*)"/gi)].map((match) => match[0])
    for (const address of addresses) expect(address).toMatch(/^href="(#|https?:|mailto:)/)
    // The browser is told so too.
    expect(text).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src data:;`)
  })

  it('inlines only the faces the page uses', async () => {
    const telegram = await html(example('examples/09RABAT412.md'))
    const ministere = await html(example('examples/maroc-otan-requete.md'))
    const faces = (page: string) =>
      [...page.matchAll(/@font-face\{font-family:"([^"]+)";font-weight:(\d+);font-style:(\w+)/g)].map((m) => `${m[1]} ${m[2]} ${m[3]}`)
    expect(faces(telegram)).toEqual(['cablekit mono 400 normal', 'cablekit mono 700 normal'])
    // The letterhead's Arabic brings the Arabic faces; no italic is used, none is shipped.
    expect(faces(ministere)).toEqual(['cablekit arabic 400 normal', 'cablekit arabic 700 normal', 'cablekit serif 400 normal', 'cablekit serif 700 normal'])
    const plain = await html(example('examples/09RABAT412.md'), { embedFonts: false })
    expect(plain).not.toContain('@font-face')
    expect(plain.length).toBeLessThan(30_000)
  })

  it('is deterministic: the same cable gives the same bytes, with dates from the cable', async () => {
    const cable = example('examples/maroc-otan-requete.md')
    const first = await toHtml(cable, { theme: 'sobre' })
    const second = await toHtml(structuredClone(cable), { theme: 'sobre' })
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true)
    expect(new TextDecoder().decode(first)).toContain('<meta name="dcterms.date" content="2014-08-14">')
  })
})

describe('toHtml: print CSS gives the facsimile', () => {
  it.each([
    ['ministere', 'A4', '56pt 62pt 64pt 70pt', 'counter(page) "/" counter(pages)', '"CONFIDENTIEL"'],
    [
      'telegramme',
      'letter',
      '54pt 54pt 60pt 60pt',
      '"PAGE " counter(page, decimal-leading-zero) " OF " counter(pages, decimal-leading-zero)',
      '"C O N F I D E N T I E L"',
    ],
    ['sobre', 'A4', '64pt 72pt 64pt 72pt', 'counter(page) "/" counter(pages)', '"CONFIDENTIEL"'],
  ])('%s: @page with its size, margins, folio and classification', async (theme, size, margins, folio, mark) => {
    const page = await html(example('examples/maroc-otan-requete.md'), { theme: theme as 'sobre' })
    expect(page).toContain(`@page{size:${size};margin:${margins};`)
    expect(page).toContain(`@bottom-right{content:${folio};`)
    expect(page).toContain(`@top-center{content:${mark};`)
    expect(page).toContain(`@bottom-center{content:${mark};`)
    // The running header from page 2, as in the PDF.
    expect(page).toContain('@page:first{@top-left{content:none}}')
    expect(page).toMatch(/@media print\{[^}]*\}[^]*\.sheet\+\.sheet\{break-before:page\}/)
  })

  it('sets body text with the line height the PDF uses', async () => {
    const cable = example('examples/maroc-otan-cardiff.md')
    const laidOut = layoutCable(cable, { theme: 'sobre' })
    const page = await html(cable, { theme: 'sobre' })
    const lineHeight = Number(/body\{[^}]*line-height:([\d.]+)pt/.exec(page)?.[1])
    // Baseline-to-baseline distance of consecutive lines of one paragraph on the laid-out first page.
    const lines = laidOut.pages[0]!.boxes.flatMap((box) =>
      box.type === 'text' && box.role === 'P' && box.group !== undefined ? [{ group: box.group, y: box.y }] : [],
    )
    const steps = new Set(
      lines
        .slice(1)
        .flatMap((line, index) => (line.group === lines[index]!.group && line.y > lines[index]!.y ? [Math.round((line.y - lines[index]!.y) * 100) / 100] : [])),
    )
    expect(steps.size).toBeGreaterThan(0)
    expect([...steps].some((step) => Math.abs(step - lineHeight) < 0.02)).toBe(true)
  })
})

describe('toHtml: accessible', () => {
  it('has one <h1> (the subject), lang on the page, the Arabic letterhead in Arabic and right to left', async () => {
    const page = await html(example('examples/maroc-otan-requete.md'))
    expect(page).toContain('<html lang="fr">')
    expect(page.match(/<h1\b/g)).toHaveLength(1)
    expect(page).toContain('<h1 class="subject">Maroc-OTAN / Requête.</h1>')
    expect(page).toContain('<div class="localized" lang="ar" dir="rtl"><p class="state">المملكة المغربية</p>')
    // Inside that block the runs need no mark of their own.
    expect(page).not.toContain('<span lang="ar" dir="rtl">المملكة')
  })

  it('marks Arabic runs in French text, gives right-to-left paragraphs dir="rtl", and a cable in Arabic dir="rtl" on the page', async () => {
    const mixed = await html(cableOf('---\nid: X\nlang: fr\nsubject: Essai\n---\n\nLe mot المغرب veut dire Maroc.\n\nالمملكة المغربية ترحب بالقرار.\n'))
    expect(mixed).toContain('<p>Le mot <span lang="ar" dir="rtl">المغرب</span> veut dire Maroc.</p>')
    expect(mixed).toContain('<p dir="rtl"><span lang="ar" dir="rtl">المملكة المغربية ترحب بالقرار</span>.</p>')
    const arabic = await html(cableOf('---\nid: X\nlang: ar\nsubject: تجربة\n---\n\nالمملكة المغربية ترحب بالقرار.\n'))
    expect(arabic).toContain('<html lang="ar" dir="rtl">')
    expect(arabic).not.toContain('<span lang="ar"')
  })

  it('puts body headings under the title, lists notes, names redaction bars by their reason', async () => {
    const cable = cableOf(`---
id: X-1
lang: fr
subject: Essai
classification: confidentiel
---

# Contexte

Un fait[^a] et :redact[Jean Dupont]{reason="vie privée"} ont été notés.

## Détail

- un
- deux

[^a]: Selon la note.
`)
    const page = await html(cable, { theme: 'sobre' })
    expect(page).toContain('<h2>Contexte</h2>')
    expect(page).toContain('<h3>Détail</h3>')
    expect(page).toContain('<sup class="note-call"><a href="#note-1" id="call-1" role="doc-noteref">1</a></sup>')
    expect(page).toMatch(/<li id="note-1"><p>Selon la note. <a href="#call-1" role="doc-backlink"/)
    expect(page).toContain('<span class="redaction" role="img" aria-label="Caviardé\u202f: vie privée"><span aria-hidden="true">[vie privée]</span></span>')
    expect(page).not.toContain('Dupont')
  })

  it('spells the telegram banner for the eye and says the word to screen readers', async () => {
    const page = await html(example('examples/09RABAT412.md'))
    expect(page).toContain('<span aria-hidden="true">C O N F I D E N T I A L</span><span class="visually-hidden">CONFIDENTIAL</span>')
    expect(page).toContain('<h1 class="subject">MOROCCO ASKS NATO FOR COUNTERTERRORISM SUPPORT</h1>')
  })
})

describe('toHtml: redaction-safe and sanitised', () => {
  const secret = 'Zbigniew Qarqoubi'
  const source = (inside: string) => readFileSync('tests/fixtures/redaction/cable.md', 'utf8').replace('{{SECRET}}', inside)

  it.each(THEME_NAMES)('no fragment of a redacted secret anywhere in the %s page', async (theme) => {
    const { cable } = redact(cableOf(source('Ahmed Benslimane')), { match: [secret], reason: 'source protégée' })
    const page = await html(cable, { theme })
    expect(findLeaks({ html: withoutFonts(page) }, [secret, 'Ahmed Benslimane'])).toEqual([])
    // The bars are there, with their reason.
    expect(page).toContain('aria-label="Caviardé\u202f: source protégée"')
    expect(page).toContain('<span aria-hidden="true">[source protégée]</span>')
  })

  it('two cables that differ only inside a redaction give the same bytes', async () => {
    const short = await toHtml(cableOf(source('Ali')), { theme: 'ministere' })
    const long = await toHtml(cableOf(source('Mohammed Abdelkader Ben Youssef El Alaoui')), { theme: 'ministere' })
    expect(Buffer.from(short).equals(Buffer.from(long))).toBe(true)
  })

  it('strips controls and bidi overrides, escapes markup, keeps only http, https and mailto links', async () => {
    // The model from any source (JSON, code) may carry what the Markdown reader would refuse: the writer checks again.
    const base = cableOf(`---
id: EVIL-1
lang: fr
subject: Essai
---

Voir [ici](javascript:alert(3)), [là](file:///etc/passwd), [ok](https://example.org/a?b=1&c=2) et [courriel](mailto:a@example.org).

<img src="https://tracker.example/x.png" onerror="alert(4)">

![photo](https://tracker.example/photo.png)
`)
    const cable: Cable = {
      ...base,
      id: 'EVIL\u202e-1',
      subject: 'Objet <script>alert(1)</script> \u202egnp.exe\u2066x\u2069',
      classification: { level: 'secret', label: 'SECRET" } body { display:none } </style><script>alert(2)</script>' },
      from: 'A\u0007B',
    }
    const page = await html(cable, { theme: 'sobre' })
    expect(page).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/)
    expect(page).not.toMatch(/<script/i)
    expect(page).not.toMatch(/<\/style>[^]*<\/style>/)
    expect(page).not.toContain('javascript:')
    expect(page).not.toContain('file:')
    expect(page).not.toMatch(/<img/i)
    expect(page).toContain('<a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer nofollow">ok</a>')
    expect(page).toContain('<a href="mailto:a@example.org" rel="noopener noreferrer nofollow">courriel</a>')
    // Raw HTML and images print as text, never as elements.
    expect(page).toContain('&lt;img src=&quot;https://tracker.example/x.png&quot;')
    expect(page).toContain('>photo<')
    // The classification reaches the style sheet only as an escaped CSS string.
    const style = /<style>([^]*)<\/style>/.exec(page)![1]!
    expect(style).not.toContain('</style')
    expect(style).toContain('@top-center{content:"SECRET\\22  \\7d  BODY \\7b  DISPLAY:NONE \\7d  \\3c /STYLE\\3e \\3c SCRIPT\\3e ALERT(2)\\3c /SCRIPT\\3e ";')
  })
})
