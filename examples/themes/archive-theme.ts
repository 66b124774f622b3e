/**
 * An example custom theme: the ministerial layout in a sober blue, with wider
 * margins and a folio that reads "page n sur N". A theme is its data (the
 * ThemeData fields) plus its header described once and any format parts;
 * here everything of the built-in `ministere` theme is reused (spread) and
 * only the data and the PDF folio are replaced. The DOCX numbers its pages
 * with Word's own fields, in the furniture's `n/N` form.
 *
 * The same theme as `archive-theme.mjs`, in TypeScript: the `.mjs` is what
 * `--theme` loads as shipped; this one shows the types, and is checked by
 * `tsc`. Node 20 cannot import `.ts`, so from the command line run it through
 * tsx, or compile it:
 *   node --import tsx packages/cli/bin/cablekit.js render examples -o out --theme examples/themes/archive-theme.ts
 * or from code (bundlers, tsx, vitest):
 *   import archive from './examples/themes/archive-theme.js'
 *   const bytes = await toPdf(cable, { theme: archive })
 */
import { THEMES } from '@cablekit/render'
import type { Theme } from '@cablekit/render'

const base = THEMES.ministere

const archive: Theme = {
  ...base,
  name: 'archive',
  description: 'Ministerial layout in archive blue with a "page n sur N" folio.',
  page: { size: 'A4', margins: { top: 64, right: 72, bottom: 72, left: 80 } },
  colors: { ...base.colors, stamp: '#1f3a93', rule: '#1f3a93' },
  pdf: {
    ...base.pdf,
    folio: (page, total) => `page ${page} sur ${total}`,
  },
}

export default archive
