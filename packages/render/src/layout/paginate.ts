import type { Box, Group, LaidOutPage, Row } from './laid-out.js'
import type { Frame } from './layout-kit.js'
import { translateBox } from './translate-box.js'

/** What {@link paginate} returns: the pages, and the page (0-based) where each group's first row was placed. */
export interface Paginated {
  pages: Pick<LaidOutPage, 'boxes'>[]
  groupPages: number[]
}

/** Space between the text and the footnotes: a short rule sits in it. */
const FOOTNOTE_SEPARATOR = 10

/**
 * Place groups of rows on pages inside `frame`: never fewer than `minSplit`
 * rows of a group at the bottom or the top of a page (no orphans or widows),
 * a `keepWithNext` group (a heading) never last on a page, footnotes at the
 * bottom of the page that calls them, attachments from a new page. A row
 * taller than a page is placed alone and runs over rather than being lost.
 * Also tells on which page each group starts, so callers (attachments, a
 * dossier's outline) never have to guess it from what a page shows.
 */
export function paginate(groups: readonly Group[], frame: Frame, ruleColor: string): Paginated {
  const pages: Pick<LaidOutPage, 'boxes'>[] = []
  const groupPages: number[] = []
  let boxes: Box[] = []
  let footnotes: Row[] = []
  let y = 0
  const bottom = frame.height
  const footnoteHeight = (extra: Row[] = []) => {
    const all = footnotes.length + extra.length
    return all === 0 ? 0 : FOOTNOTE_SEPARATOR + [...footnotes, ...extra].reduce((sum, row) => sum + row.height, 0)
  }
  const empty = () => y === 0 && boxes.length === 0
  const newPage = () => {
    finishPage()
    boxes = []
    footnotes = []
    y = 0
  }
  const finishPage = () => {
    if (footnotes.length > 0) {
      let fy = frame.y + bottom - footnoteHeight() + FOOTNOTE_SEPARATOR
      boxes.push({
        type: 'rule',
        x1: frame.x,
        y1: fy - FOOTNOTE_SEPARATOR / 2,
        x2: frame.x + 120,
        y2: fy - FOOTNOTE_SEPARATOR / 2,
        color: ruleColor,
        lineWidth: 0.5,
      })
      for (const row of footnotes) {
        for (const box of row.boxes) boxes.push(translateBox(box, 0, fy))
        fy += row.height
      }
    }
    pages.push({ boxes })
  }
  /** How many rows of `rows` from `from` fit from `top` with the footnotes already placed. */
  const fitting = (rows: readonly Row[], from: number, top: number): number => {
    let height = top
    const extra: Row[] = []
    let count = 0
    for (let index = from; index < rows.length; index++) {
      const row = rows[index]!
      if (row.footnotes) extra.push(...row.footnotes)
      if (height + row.height + footnoteHeight(extra) > bottom + 0.01) break
      height += row.height
      count++
    }
    return count
  }
  let groupIndex = 0
  let groupRole: string | undefined
  const place = (row: Row) => {
    groupPages[groupIndex] ??= pages.length
    for (const box of row.boxes) {
      const moved = translateBox(box, 0, frame.y + y)
      if (moved.type === 'text') {
        moved.group = groupIndex
        moved.role ??= groupRole
      }
      boxes.push(moved)
    }
    y += row.height
    if (row.footnotes) footnotes.push(...row.footnotes)
  }
  groups.forEach((group, current) => {
    groupIndex = current
    groupRole = group.role
    if (group.breakBefore && !empty()) newPage()
    if (!empty()) y += group.spaceBefore
    const rows = group.rows
    const minSplit = Math.max(1, group.minSplit ?? 2)
    if (group.keepWithNext && !empty()) {
      // The heading and the first lines of what follows must share the page.
      const next = groups[current + 1]
      const follow = next ? next.rows.slice(0, Math.min(next.rows.length, Math.max(1, Math.min(next.minSplit ?? 2, 2)))) : []
      const needed = [...rows, ...follow]
      if (fitting(needed, 0, y + (next ? group.spaceAfter + next.spaceBefore : 0)) < needed.length) newPage()
    }
    let index = 0
    while (index < rows.length) {
      const remaining = rows.length - index
      let count = fitting(rows, index, y)
      if (count >= remaining) {
        for (; index < rows.length; index++) place(rows[index]!)
        break
      }
      // The group does not fit: split it, or move it whole to a fresh page.
      const splittable = remaining >= minSplit * 2 || minSplit === 1
      if (!splittable || count < minSplit) {
        if (!empty()) {
          newPage()
          continue
        }
        // Alone on a page and still too tall: place what fits (at least one row) and go on.
        count = Math.max(1, count)
      } else if (remaining - count < minSplit) {
        count = remaining - minSplit
        if (count < minSplit && !empty()) {
          newPage()
          continue
        }
        count = Math.max(1, count)
      }
      for (let placed = 0; placed < count; placed++) place(rows[index++]!)
      newPage()
    }
    y += group.spaceAfter
    // A group without rows starts where the next row would go.
    groupPages[current] ??= pages.length
  })
  finishPage()
  return { pages, groupPages }
}
