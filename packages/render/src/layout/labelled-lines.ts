import type { Row } from './laid-out.js'
import type { LayoutKit } from './layout-kit.js'

/**
 * Label-and-value lines with the labels in bold and the values aligned in a
 * column after the widest label, values wrapping under themselves. In French
 * the colons stand in a column of their own too, as the ministries type them:
 *
 * ```
 * Objet : Maroc-OTAN / Requête.
 * Réf.  : Ma lettre N° 299/1P2014/CRY
 * ```
 */
export function labelledLines(
  kit: LayoutKit,
  entries: [label: string, value: string][],
  options: {
    x?: number
    width?: number
    separator?: string
    labelStyle?: Parameters<LayoutKit['style']>[0]
    valueStyle?: Parameters<LayoutKit['style']>[0]
  } = {},
): Row[] {
  const x = options.x ?? kit.frame.x
  const width = options.width ?? kit.frame.width
  const french = kit.lang.startsWith('fr')
  const separator = options.separator ?? (french ? ' : ' : ': ')
  const labelStyle = { bold: true, ...options.labelStyle }
  // Values share the labels' size so both sit on one baseline.
  const valueStyle = { ...(options.labelStyle?.size ? { size: options.labelStyle.size } : {}), ...options.valueStyle }
  const rows: Row[] = []
  if (french && separator.trim() === ':') {
    const size = kit.style(labelStyle).size
    const labelColumn = Math.max(0, ...entries.map(([label]) => kit.measure(label, labelStyle)))
    // The thin space French sets before a colon, then the colon, then a word space.
    const colonX = x + labelColumn + size * 0.2
    const valueX = colonX + kit.measure(':', labelStyle) + size * 0.3
    for (const [label, value] of entries) {
      const labelRows = label ? kit.paragraph(label, { x, width: labelColumn + 1, style: labelStyle }) : []
      const colonRows = label ? kit.paragraph(':', { x: colonX, width: valueX - colonX, style: labelStyle }) : []
      const valueRows = kit.paragraph(value, { x: valueX, width: x + width - valueX, style: valueStyle })
      rows.push(...kit.columns(labelRows, colonRows, valueRows))
    }
    return rows
  }
  const labelWidth = Math.max(0, ...entries.map(([label]) => kit.measure(`${label}${separator}`, labelStyle))) + 2
  for (const [label, value] of entries) {
    const labelRows = label ? kit.paragraph(`${label}${separator.trimEnd()}`, { x, width: labelWidth, style: labelStyle }) : []
    const valueRows = kit.paragraph(value, { x: x + labelWidth, width: width - labelWidth, style: valueStyle })
    rows.push(...kit.columns(labelRows, valueRows))
  }
  return rows
}
