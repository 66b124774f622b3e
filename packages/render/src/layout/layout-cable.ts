import type { RootContent } from 'mdast'
import type { Cable } from '@cablekit/core'
import { dateValue } from '../text/format-date.js'
import { sanitizeText } from '../text/sanitize-text.js'
import { resolveTheme } from '../themes/resolve-theme.js'
import { attachmentHeading } from './attachment-heading.js'
import { collectInlines } from './collect-inlines.js'
import type { InlineContext } from './collect-inlines.js'
import type { Group, LaidOutCable, Row } from './laid-out.js'
import { layoutBlocks } from './layout-blocks.js'
import { layoutFurniture } from './layout-furniture.js'
import { createLayoutKit } from './layout-kit.js'
import { labelledLines } from './labelled-lines.js'
import type { LayoutOptions } from './layout-options.js'
import { drawingOf } from './drawing-of.js'
import { paginate } from './paginate.js'
import { footnoteDefinitions } from '../text/footnote-definitions.js'

const PAGE_SIZES = { A4: { width: 595.28, height: 841.89 }, LETTER: { width: 612, height: 792 } } as const

/**
 * Lay out a cable without drawing it: the theme's header, the body, the
 * closing and each attachment from a new page, paginated, with the furniture
 * of every page. The page count is known before painting, so a dossier can
 * number its table of contents; {@link paintCable} draws the result.
 *
 * @example
 * const laidOut = layoutCable(cable, { theme: 'ministere' })
 * laidOut.pages.length // 3
 */
export function layoutCable(cable: Cable, options: LayoutOptions = {}): LaidOutCable {
  const theme = resolveTheme(cable, options.theme)
  const drawing = drawingOf(theme)
  const size = PAGE_SIZES[theme.page.size] ?? PAGE_SIZES.A4
  const margins = theme.page.margins
  const frame = { x: margins.left, y: margins.top, width: size.width - margins.left - margins.right, height: size.height - margins.top - margins.bottom }
  const lang = sanitizeText(cable.lang ?? 'en')

  // Footnotes: numbered in order of first call, laid out once, at the bottom of the calling page.
  const definitions = footnoteDefinitions(cable)
  const numbers = new Map<string, number>()
  const footnoteRowsCache = new Map<string, Row[]>()
  const inline: InlineContext = {
    french: theme.text.frenchSpacing && lang.toLowerCase().startsWith('fr'),
    mono: 'mono',
    linkColor: '#1a4f9c',
    footnoteNumber(identifier) {
      if (!definitions.has(identifier)) return undefined
      if (!numbers.has(identifier)) numbers.set(identifier, numbers.size + 1)
      return numbers.get(identifier)
    },
  }
  const kit = createLayoutKit(cable, theme, frame, size, inline)
  const footnoteRows = (identifier: string): Row[] | undefined => {
    const cached = footnoteRowsCache.get(identifier)
    if (cached) return cached
    const children = definitions.get(identifier)
    const number = numbers.get(identifier)
    if (!children || number === undefined) return undefined
    const style = kit.style({ size: theme.sizes.small })
    const spans = [
      { kind: 'text' as const, text: `${number}. `, style },
      ...children.flatMap((child) =>
        collectInlines('children' in child ? (child.children as RootContent[]) : [child], style, { ...inline, footnoteNumber: () => undefined }),
      ),
    ]
    const rows = kit.paragraph(spans, { style: { size: theme.sizes.small }, gap: 1 })
    footnoteRowsCache.set(identifier, rows)
    return rows
  }
  const blockFrame = { x: frame.x, width: frame.width, listDepth: 0, footnoteRows }

  const groups: Group[] = [...drawing.header(kit), ...layoutBlocks(cable.body, kit, blockFrame)]
  groups.push(...(drawing.closing?.(kit) ?? []))
  if (cable.attachments.length > 0) {
    const listed = labelledLines(
      kit,
      cable.attachments.map((attachment) => [attachment.label || kit.labels.attachment, attachment.title || '—']),
    )
    groups.push(kit.group(listed, { spaceBefore: theme.sizes.paragraphGap, spaceAfter: theme.sizes.paragraphGap }))
  }
  const attachmentGroups: number[] = []
  cable.attachments.forEach((attachment, index) => {
    const heading = drawing.attachmentHeading ? drawing.attachmentHeading(kit, attachment, index) : attachmentHeading(kit, attachment)
    const body = layoutBlocks(attachment.body, kit, blockFrame)
    // A theme may draw no heading: the attachment's first block then opens the new page.
    const first = heading[0] ?? body[0]
    if (first) first.breakBefore = true
    attachmentGroups.push(first ? groups.length : -1)
    groups.push(...heading, ...body)
  })
  const { pages, groupPages } = paginate(groups, frame, theme.colors.rule)
  const attachments = attachmentGroups.map((group, index) => ({ index, page: groupPages[group] ?? pages.length - 1 }))

  const classification = cable.classification ? sanitizeText(cable.classification.label) : undefined
  const defaultHeader = cable.reference ? (lang.startsWith('fr') ? `N° ${cable.reference}` : cable.reference) : cable.id
  const headerText = drawing.runningHeader ? drawing.runningHeader(kit) : defaultHeader
  const runningHeader = headerText ? sanitizeText(headerText) : undefined
  const folio = (page: number, total: number) => (drawing.folio ? drawing.folio(page, total, kit) : `${page}/${total}`)
  const furnitureFor = (index: number, folioText: string) =>
    layoutFurniture(kit, drawing, {
      ...(classification ? { classification } : {}),
      ...(index > 0 && runningHeader ? { runningHeader } : {}),
      folio: folioText,
      folioBelowMark: theme.furniture.mark === 'spaced',
    })
  const laidOutPages = pages.map((page, index) => ({ boxes: page.boxes, furniture: furnitureFor(index, folio(index + 1, pages.length)) }))

  const text = (value: string | undefined) => (value ? sanitizeText(value) : undefined)
  const metadata = {
    ...((cable.subject ?? cable.id) ? { title: text(cable.subject ?? cable.id)! } : {}),
    ...(cable.from ? { author: text(cable.from)! } : {}),
    ...(subjectLine(cable) ? { subject: text(subjectLine(cable))! } : {}),
    ...(cable.tags?.length ? { keywords: text(cable.tags.join(', '))! } : {}),
    lang,
    creationDate: creationDate(cable, options),
  }
  return {
    theme,
    width: size.width,
    height: size.height,
    pages: laidOutPages,
    attachments,
    furniture: { ...(classification ? { classification } : {}), ...(runningHeader ? { runningHeader } : {}) },
    metadata,
    finish: options.finish ?? 'clean',
    seed: hash(`${cable.id ?? ''}\u0000${cable.reference ?? ''}\u0000${cable.subject ?? ''}`),
    folio,
    furnitureFor,
  }
}

function subjectLine(cable: Cable): string | undefined {
  const parts = [cable.reference ? `N° ${cable.reference}` : cable.id, cable.classification?.label, cable.place, cable.date].filter(Boolean)
  return parts.length > 0 ? parts.join(' — ') : undefined
}

/** The cable's date, else `SOURCE_DATE_EPOCH`, else the Unix epoch: never the clock, so output is reproducible. */
function creationDate(cable: Cable, options: LayoutOptions): Date {
  if (options.creationDate) return options.creationDate
  const fromCable = dateValue(cable.date)
  if (fromCable) return fromCable
  const epoch = (options.env ?? process.env)['SOURCE_DATE_EPOCH']
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000)
  return new Date(0)
}

function hash(text: string): number {
  let value = 0x811c9dc5
  for (let index = 0; index < text.length; index++) {
    value ^= text.charCodeAt(index)
    value = Math.imul(value, 0x01000193) >>> 0
  }
  return value
}
