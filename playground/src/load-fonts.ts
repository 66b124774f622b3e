import { registerFontFile } from '@cablekit/render/browser-fonts'
import { FONT_URLS } from './font-urls.js'

/**
 * Fetch every shipped font file from this site and register it under the
 * specifier the renderer asks for. All of them: the renderer builds a
 * fallback chain of faces for each style it sets, so any render touches
 * most files; they come from the same origin and the browser caches them.
 */
export async function loadFonts(fetchFile: (url: string) => Promise<Response> = (url) => fetch(url)): Promise<void> {
  await Promise.all(
    Object.entries(FONT_URLS).map(async ([specifier, url]) => {
      const response = await fetchFile(url)
      if (!response.ok) throw new Error(`could not load the font ${specifier} (${response.status})`)
      registerFontFile(specifier, new Uint8Array(await response.arrayBuffer()))
    }),
  )
}
