import type { BrowserContext, Page } from 'playwright-core'
import type { InPageDocument, InPageElement } from './in-page.js'

// Globals of the page, for the functions below that run in it (see in-page.ts).
declare const document: InPageDocument
declare const navigator: { clipboard: { writeText(text: string): Promise<void> } }

/**
 * Chromium's built-in PDF viewer and the browser resources it loads: the
 * preview's `blob:` PDF opens in it. They come from inside the browser, not
 * from any server.
 */
const PDF_VIEWER = /^(chrome-extension:\/\/mhjfbmdgcfjbbpaeojofohoefgiehjai\/|chrome:\/\/resources\/)/

/**
 * Watch every request the page makes and refuse any that would leave
 * `origin`: same-origin files, `blob:` and `data:` URLs of the page and the
 * browser's PDF viewer are allowed; anything else is aborted and listed in
 * the returned array, which a test expects empty.
 */
export async function guardOrigin(context: BrowserContext, origin: string): Promise<string[]> {
  const foreign: string[] = []
  const allowed = (url: string) =>
    url.startsWith(`${origin}/`) || url.startsWith(`blob:${origin}/`) || url.startsWith('data:') || url === 'about:blank' || PDF_VIEWER.test(url)
  await context.route('**/*', async (route) => {
    const url = route.request().url()
    if (allowed(url)) await route.continue()
    else {
      foreign.push(url)
      await route.abort('blockedbyclient')
    }
  })
  context.on('request', (request) => {
    const url = request.url()
    if (!allowed(url) && !foreign.includes(url)) foreign.push(url)
  })
  // Web sockets are not routed: any one is foreign here (the built site has no dev server).
  context.on('page', (page) => page.on('websocket', (socket) => foreign.push(`websocket ${socket.url()}`)))
  return foreign
}

/**
 * Wait until the preview shows the source as it is now: the page numbers
 * each change of the source (`data-revision` on the textarea) and stamps the
 * preview with the revision it was drawn from.
 */
export async function waitForPreview(page: Page, timeout = 20_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const source = document.querySelector('[data-testid="source"]')
      const preview = document.querySelector('[data-testid="preview"]')
      return Boolean(source?.dataset['revision'] && preview?.src.startsWith('blob:') && preview.dataset['revision'] === source.dataset['revision'])
    },
    null,
    { timeout, polling: 'raf' },
  )
}

/** The bytes of the PDF the preview shows, read from its `blob:` URL inside the page. */
export async function previewPdf(page: Page): Promise<Uint8Array> {
  const base64 = await page.evaluate(async () => {
    const preview: InPageElement = document.querySelector('[data-testid="preview"]')!
    const bytes = new Uint8Array(await (await fetch(preview.src)).arrayBuffer())
    let binary = ''
    for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000))
    return btoa(binary)
  })
  return new Uint8Array(Buffer.from(base64, 'base64'))
}

/** Paste `text` into the source as a person does: select all, then paste from the clipboard. */
export async function pasteSource(page: Page, text: string): Promise<void> {
  await page.evaluate((value) => navigator.clipboard.writeText(value), text)
  const source = page.getByTestId('source')
  await source.focus()
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.press('ControlOrMeta+V')
}
