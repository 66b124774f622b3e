/**
 * An example custom theme: the ministerial layout in a sober blue, with wider
 * margins and a folio that reads "page n sur N". A theme is its data (the
 * ThemeData fields) plus its header described once and any format parts;
 * here everything of the built-in `ministere` theme is reused (spread) and
 * only the data and the PDF folio are replaced. The DOCX numbers its pages
 * with Word's own fields, in the furniture's `n/N` form.
 *
 * Plain JavaScript (types in JSDoc), so it loads as shipped on any Node:
 *   cablekit render examples -o out --theme examples/themes/archive-theme.mjs
 *   cablekit batch archive -o out --theme examples/themes/archive-theme.mjs
 * or from code:
 *   import archive from './examples/themes/archive-theme.mjs'
 *   const bytes = await toPdf(cable, { theme: archive })
 * `archive-theme.ts` is the same theme in TypeScript, checked by `tsc`.
 */
import { THEMES } from '@cablekit/render'

const base = THEMES.ministere

/** @type {import('@cablekit/render').Theme} */
const archive = {
  ...base,
  name: 'archive',
  description: 'Ministerial layout in archive blue with a "page n sur N" folio.',
  page: { size: 'A4', margins: { top: 64, right: 72, bottom: 72, left: 80 } },
  colors: { ...base.colors, stamp: '#1f3a93', rule: '#1f3a93' },
  pdf: {
    ...base.pdf,
    /** @param {number} page @param {number} total */
    folio: (page, total) => `page ${page} sur ${total}`,
  },
}

export default archive
