import { mkdirSync, readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { fromMarkdown, redact } from '@cablekit/core'
import type { Cable } from '@cablekit/core'
import { layoutCable, toHtml } from '@cablekit/render'
import type { ThemeName } from '@cablekit/render'
import { launchChromium } from '../playground/tools/chromium.js'
import type { InPageDocument, InPageElement, InPageStyle } from '../playground/tools/in-page.js'
import { findLeaks } from './helpers/leaks.js'
import { popplerPages } from './helpers/pdf.js'

// The HTML facsimile in a real browser (Debian's chromium through
// playwright-core): what it loads, what assistive technology sees, and what
// printing it gives. Screenshots go to tests/.output/html/ for the eye.

// Globals of the page, for the functions that run in it (see playground/tools/in-page.ts).
declare const document: InPageDocument
declare function getComputedStyle(element: InPageElement): InPageStyle
const OUTPUT = 'tests/.output/html'

const CASES: [file: string, theme: ThemeName, folio: RegExp, mark: string][] = [
  ['examples/maroc-otan-requete.md', 'ministere', /^1\/1$/m, 'CONFIDENTIEL'],
  ['examples/09RABAT412.md', 'telegramme', /PAGE 01 OF 01/, 'C O N F I D E N T I A L'],
  ['examples/maroc-otan-cardiff.md', 'sobre', /^3\/3$/m, 'CONFIDENTIEL'],
]

function cableOf(path: string): Cable {
  const { cables } = fromMarkdown(readFileSync(path), { path })
  return cables[0]!
}

let browser: Browser
let page: Page
const requests: string[] = []

beforeAll(async () => {
  mkdirSync(OUTPUT, { recursive: true })
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 900, height: 1200 } })
  page.on('request', (request) => requests.push(request.url()))
})

afterAll(async () => {
  await browser?.close()
})

async function show(html: Uint8Array): Promise<void> {
  requests.length = 0
  await page.setContent(new TextDecoder().decode(html), { waitUntil: 'load' })
  await page.evaluate(() => document.fonts.ready)
}

describe('the HTML facsimile in Chromium', () => {
  it.each(CASES)('%s (%s): loads nothing, uses its own fonts, prints as the PDF paginates', async (file, theme, folio, mark) => {
    const cable = cableOf(file)
    await show(await toHtml(cable, { theme }))
    expect(requests).toEqual([])
    const fonts = await page.evaluate(() => [...document.fonts].map((face) => `${face.family} ${face.weight} ${face.status}`))
    expect(fonts.length).toBeGreaterThan(0)
    for (const face of fonts) expect(face).toMatch(/^"?cablekit \w+"? \d+ loaded$/)
    // The body text is set in the inlined face, not in a system font.
    const used = await page.evaluate(() => getComputedStyle(document.querySelector('.cable-body p')!).fontFamily)
    expect(used.startsWith(theme === 'telegramme' ? '"cablekit mono"' : '"cablekit serif"')).toBe(true)
    await page.screenshot({ path: `${OUTPUT}/${theme}.png`, fullPage: true })

    const printed = await page.pdf({ preferCSSPageSize: true, printBackground: true })
    const pages = await popplerPages(new Uint8Array(printed))
    expect(pages).toHaveLength(layoutCable(cable, { theme }).pages.length)
    // The margin boxes print the classification top and bottom and the folio, as the PDF does.
    for (const text of pages) expect(text.split(mark).length - 1).toBeGreaterThanOrEqual(2)
    expect(pages[pages.length - 1]).toMatch(folio)
    expect(pages[0]).toContain(cable.subject!)
  })

  it('exposes one level-1 heading, the Arabic letterhead right to left, and named redaction bars', async () => {
    const source = cableOf('examples/maroc-otan-requete.md')
    const secret = 'Thrasyvoulos Terry Stamatopoulos'
    const { cable } = redact(source, { match: [secret, 'Stamatopoulos'], reason: 'vie privée' })
    await show(await toHtml(cable))
    expect(await page.getByRole('heading', { level: 1 }).allTextContents()).toEqual(['Maroc-OTAN / Requête.'])
    expect(await page.locator('html').getAttribute('lang')).toBe('fr')
    const arabic = page.locator('.cable-header [lang="ar"][dir="rtl"]')
    expect(await arabic.count()).toBe(1)
    expect(await arabic.evaluate((element: InPageElement) => getComputedStyle(element).direction)).toBe('rtl')
    const bars = page.getByRole('img', { name: 'Caviardé\u202f: vie privée' })
    expect(await bars.count()).toBe(2)
    // Black bars whose width depends on the reason only: every bar is as wide as the others.
    const widths = await bars.evaluateAll((elements: InPageElement[]) => elements.map((element) => Math.round(element.getBoundingClientRect().width)))
    expect(new Set(widths).size).toBe(1)
    expect(await bars.first().evaluate((element: InPageElement) => getComputedStyle(element).backgroundColor)).toBe('rgb(0, 0, 0)')

    // No secret in the DOM: text, attributes (aria-label, title, href…), links, the title.
    const dom = await page.evaluate(() => {
      const attributes = [...document.querySelectorAll('*')].flatMap((element) =>
        [...element.attributes].map((attribute) => `${attribute.name}=${attribute.value}`),
      )
      return {
        text: document.body.innerText,
        attributes: attributes.join('\n').replace(/base64,[A-Za-z0-9+/=]+/g, ''),
        links: [...document.links].map((link) => link.href).join('\n'),
        title: document.title,
      }
    })
    expect(findLeaks(dom, [secret])).toEqual([])
    expect(dom.text).toContain('[vie privée]')
  })
})
