import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchChromium } from '../playground/tools/chromium.js'
import { ensurePlaygroundBuilt, PLAYGROUND_DIST } from '../playground/tools/ensure-built.js'
import { guardOrigin, pasteSource, previewPdf, waitForPreview } from '../playground/tools/playground-page.js'
import type { InPageElement } from '../playground/tools/in-page.js'
import { serveStatic } from '../playground/tools/serve-static.js'
import type { StaticServer } from '../playground/tools/serve-static.js'
import { openDocx } from './helpers/docx.js'
import { popplerPages, qpdfCheck } from './helpers/pdf.js'

// The built playground (`npm run playground:build`, built here when missing
// or older than its sources) served on 127.0.0.1 and driven in Debian's
// Chromium: paste, drop, theme, redaction, downloads, and not one request
// to another origin.

// Globals of the page, for the functions that run in it (see playground/tools/in-page.ts).
declare const DataTransfer: new () => { items: { add(file: unknown): void } }
declare const File: new (parts: string[], name: string, options: { type: string }) => unknown
let server: StaticServer
let browser: Browser
let context: BrowserContext
let page: Page
let foreign: string[]
const errors: string[] = []

beforeAll(async () => {
  ensurePlaygroundBuilt()
  server = await serveStatic(PLAYGROUND_DIST)
  browser = await launchChromium()
  context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 900 } })
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin })
  foreign = await guardOrigin(context, server.origin)
  page = await context.newPage()
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(`${server.origin}/`)
  await waitForPreview(page, 30_000)
}, 240_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function text(testId: string): Promise<string> {
  return (await page.getByTestId(testId).textContent()) ?? ''
}

async function previewText(): Promise<string> {
  return (await popplerPages(await previewPdf(page))).join('\n')
}

async function download(testId: string): Promise<{ name: string; bytes: Uint8Array }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()])
  return { name: file.suggestedFilename(), bytes: new Uint8Array(readFileSync(await file.path())) }
}

describe('the playground in Chromium', () => {
  it('opens on an example: fields, diagnostics and a PDF preview drawn in the page', async () => {
    expect(await text('cable-json')).toContain('"id": "MAEC-OTAN-REQUETE-2014-08-14"')
    expect(await page.getByTestId('preview').getAttribute('src')).toMatch(/^blob:http:\/\/127\.0\.0\.1:\d+\//)
    expect(await previewText()).toContain('Maroc-OTAN / Requête.')
  })

  it('pasting a cable updates the fields, the diagnostics (highlighted in the source) and the preview', async () => {
    const before = await page.getByTestId('preview').getAttribute('src')
    await pasteSource(page, readFileSync('tests/fixtures/text/fr-ocr-mangled.txt', 'utf8'))
    await waitForPreview(page)
    expect(await text('cable-json')).toContain('"id": "301-1P2014-CRY"')
    const warnings = page.locator('[data-testid="diagnostics"] li[data-severity="warning"]')
    expect(await warnings.count()).toBeGreaterThanOrEqual(5)
    expect(await warnings.filter({ hasText: 'c0mme' }).first().getAttribute('data-line')).toBe('13')
    // Each diagnostic marks its place in the source: the mark over `c0mme` is where the textarea has it.
    const marks = page.locator('[data-testid="source-backdrop"] mark.warning')
    expect(await marks.allTextContents()).toContain('c0mme')
    expect(await page.locator('[data-testid="source-backdrop"] mark.info').allTextContents()).toContain('TRES')
    const source = await page.getByTestId('source').inputValue()
    const backdrop = await page.getByTestId('source-backdrop').textContent()
    expect(backdrop?.replace(/\u200b$/, '')).toBe(source)
    const preview = await page.getByTestId('preview').getAttribute('src')
    expect(preview).not.toBe(before)
    expect(await previewText()).toContain('Suivi du Sommet de')
    // Clicking a diagnostic selects its word in the source.
    await warnings.filter({ hasText: 'c0mme' }).first().getByRole('button').click()
    expect(await page.getByTestId('source').evaluate((area: InPageElement) => area.value.slice(area.selectionStart, area.selectionEnd))).toBe('c')
  })

  it('the theme picker redraws the preview in that theme', async () => {
    await page.getByTestId('theme').selectOption('telegramme')
    await waitForPreview(page)
    expect(await page.getByTestId('preview').getAttribute('data-theme')).toBe('telegramme')
    expect(await previewText()).toMatch(/PAGE 01 OF 01/)
    await page.getByTestId('theme').selectOption('')
    await waitForPreview(page)
    expect(await page.getByTestId('preview').getAttribute('data-theme')).toBe('ministere')
  })

  it('a raw record typed over an example is read by its content, not as the example’s Markdown', async () => {
    await page.getByTestId('example').selectOption('requete')
    await waitForPreview(page)
    // `fill` types the text in one input event, not a paste: the example's name must not pick the reader.
    await page.getByTestId('source').fill(readFileSync('tests/fixtures/cablegate/09RABAT706.txt', 'utf8'))
    await waitForPreview(page)
    const fields = await text('cable-json')
    expect(fields).toContain('"subject": "WESTERN SAHARA REALITIES"')
    expect(fields).toContain('"from": "AMEMBASSY RABAT"')
  })

  it('the redaction box applies --match live to the fields and the preview', async () => {
    await page.getByTestId('example').selectOption('requete')
    await waitForPreview(page)
    expect(await text('cable-json')).toContain('Stamatopoulos')
    await page.getByTestId('redact-match').fill('Thrasyvoulos Terry Stamatopoulos\nStamatopoulos')
    await waitForPreview(page)
    const fields = await text('cable-json')
    expect(fields).not.toMatch(/stamatopoulos|thrasyvoulos/i)
    expect(fields).toContain('"type": "redaction"')
    const printed = await previewText()
    expect(printed).not.toMatch(/stamatopoulos|thrasyvoulos/i)
    expect(printed).toContain('[vie privée]')
    const markdown = await download('download-md')
    expect(new TextDecoder().decode(markdown.bytes)).not.toMatch(/stamatopoulos/i)
    await page.getByTestId('redact-match').fill('')
    await waitForPreview(page)
  })

  it('downloads a valid PDF, DOCX, HTML, JSON and Markdown of the cable shown', async () => {
    const pdf = await download('download-pdf')
    expect(pdf.name).toBe('MAEC-OTAN-REQUETE-2014-08-14.pdf')
    expect((await qpdfCheck(pdf.bytes)).ok).toBe(true)
    expect((await popplerPages(pdf.bytes)).join('\n')).toContain('Maroc-OTAN / Requête.')

    const docx = await download('download-docx')
    expect(docx.name).toBe('MAEC-OTAN-REQUETE-2014-08-14.docx')
    const parts = await openDocx(docx.bytes)
    expect([...parts.xml.keys()]).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml']))
    expect(parts.xml.get('word/document.xml')!.replace(/<[^>]+>/g, '')).toContain('Maroc-OTAN / Requête.')
    expect([...parts.binary.keys()].some((name) => /^word\/fonts\/.+\.odttf$/.test(name))).toBe(true)

    const html = new TextDecoder().decode((await download('download-html')).bytes)
    expect(html).toContain('<h1 class="subject">Maroc-OTAN / Requête.</h1>')
    const json = JSON.parse(new TextDecoder().decode((await download('download-json')).bytes)) as { id: string }
    expect(json.id).toBe('MAEC-OTAN-REQUETE-2014-08-14')
    const markdown = new TextDecoder().decode((await download('download-md')).bytes)
    expect(markdown.startsWith('---\nid: MAEC-OTAN-REQUETE-2014-08-14\n')).toBe(true)
  })

  it('reads a dropped .json file, and says images and PDFs are not read yet', async () => {
    const json = readFileSync('tests/fixtures/text/us-telegram-full.json', 'utf8')
    const drop = async (name: string, content: string, type: string) => {
      const transfer = await page.evaluateHandle(
        ([fileName, body, mime]) => {
          const data = new DataTransfer()
          data.items.add(new File([body!], fileName!, { type: mime! }))
          return data
        },
        [name, content, type],
      )
      await page.getByTestId('editor').dispatchEvent('drop', { dataTransfer: transfer })
    }
    await drop('telegram.json', json, 'application/json')
    await waitForPreview(page)
    const id = JSON.parse(json) as { id?: string } | { id?: string }[]
    const expected = Array.isArray(id) ? id[0]!.id! : id.id!
    expect(await text('cable-json')).toContain(`"id": "${expected}"`)
    await drop('scan.png', 'not really an image', 'image/png')
    await expect.poll(() => page.getByTestId('status').getAttribute('data-state')).toBe('error')
    expect(await text('status')).toContain('images and PDFs are not read yet')
  })

  it('a file of several cables gets a cable picker, and the preview follows it', async () => {
    expect(await page.getByTestId('cable-index').isVisible()).toBe(false)
    await pasteSource(page, readFileSync('tests/fixtures/text/fr-two-cables.txt', 'utf8'))
    await waitForPreview(page)
    expect(await page.getByTestId('cable-index').isVisible()).toBe(true)
    expect(await page.getByTestId('cable-index').locator('option').allTextContents()).toEqual(['1. 10-CAB-2016', '2. 11-CAB-2016'])
    expect(await previewText()).toContain('Visite du ministre')
    await page.getByTestId('cable-index').selectOption('1')
    await waitForPreview(page)
    expect(await previewText()).toContain('Réunion de haut niveau.')
    expect((await download('download-pdf')).name).toBe('11-CAB-2016.pdf')
  })

  it('made no request to any other origin and threw no error', () => {
    expect(foreign).toEqual([])
    expect(errors).toEqual([])
  })
})
