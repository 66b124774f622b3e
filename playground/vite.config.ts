import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))
const browserFonts = here('../packages/render/src/fonts/browser-fonts.ts')

/**
 * The playground bundles `@cablekit/core` and `@cablekit/render` from their
 * sources (the `source` export condition, as the tests do), so what runs in
 * the page is the code under test. The few Node built-ins they touch get
 * small browser stand-ins: the font files (`node:fs`, `node:module`, by
 * `@cablekit/render`'s own seam), zlib's raw deflate and two hashes; pdfkit
 * and fontkit ship browser builds of their own. `base: './'` makes the built
 * site work from any folder of any static server, and offline.
 */
export default defineConfig({
  root: here('.'),
  base: './',
  resolve: {
    conditions: ['source', 'module', 'browser', 'development|production'],
    alias: [
      { find: '@cablekit/render/browser-fonts', replacement: browserFonts },
      { find: /^(node:)?fs$/, replacement: browserFonts },
      { find: /^(node:)?module$/, replacement: browserFonts },
      { find: /^(node:)?zlib$/, replacement: here('src/shims/node-zlib.ts') },
      { find: /^(node:)?crypto$/, replacement: here('src/shims/node-crypto.ts') },
      { find: /^(node:)?string_decoder$/, replacement: 'string_decoder/' },
      { find: /^(node:)?buffer$/, replacement: 'buffer/' },
    ],
  },
  define: {
    // Renderers read SOURCE_DATE_EPOCH from the environment; a page has none (dates come from the cable).
    'process.env': '{}',
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    assetsInlineLimit: 0,
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
})
