import { spacedBanner } from '../text/spaced-banner.js'
import type { HeaderContext } from '../themes/header-block.js'
import type { Theme } from '../themes/theme-module.js'
import { attachmentHeading } from './attachment-heading.js'
import { layoutClosing, layoutHeader } from './layout-header.js'
import type { LayoutKit } from './layout-kit.js'
import type { ThemeDrawing } from './theme-drawing.js'

/** What a description is worded from, for the cable the kit lays out. */
export function headerContextOf(kit: LayoutKit): HeaderContext {
  return { labels: kit.labels, lang: kit.lang, french: kit.lang.toLowerCase().startsWith('fr') }
}

/**
 * The PDF drawing of a theme: its header and closing set from its
 * description, folio and classification marks worded by its furniture, then
 * whatever PDF parts the theme supplies in place of these.
 */
export function drawingOf(theme: Theme): ThemeDrawing {
  const spaced = theme.furniture.mark === 'spaced'
  const pageOf = theme.furniture.folio === 'page-of'
  return {
    header: (kit) => layoutHeader(kit, theme.header?.(kit.cable, headerContextOf(kit)) ?? []),
    closing: (kit) => layoutClosing(kit, theme.closing?.(kit.cable, headerContextOf(kit)) ?? []),
    attachmentHeading: (kit, attachment) => attachmentHeading(kit, attachment),
    folio: (page, total) => (pageOf ? `PAGE ${String(page).padStart(2, '0')} OF ${String(total).padStart(2, '0')}` : `${page}/${total}`),
    classificationMark: (label) => (spaced ? spacedBanner(label) : label.toUpperCase()),
    ...theme.pdf,
  }
}
