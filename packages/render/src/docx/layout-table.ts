import { STYLE } from './styles.js'
import { paragraphXml } from './wml-paragraph.js'
import { tableXml } from './wml-table.js'
import type { BorderEdge } from './wml-table.js'

/** No border. */
export const NONE: BorderEdge = { style: 'none', size: 0, color: 'auto' }
/** No border, overriding the table's. */
export const NIL: BorderEdge = { style: 'nil', size: 0, color: 'auto' }

/** Borderless layout tables: what a secretary would use in Word to set blocks side by side. */
// Borderless layout tables: what a secretary would use in Word to set two blocks side by side.
export function layoutTable(columns: { width: number; children: string[] }[]): string {
  return tableXml({
    columnWidths: columns.map((c) => c.width),
    borders: NONE,
    zeroMargins: true,
    rows: [
      {
        cells: columns.map((c) => ({
          width: c.width,
          borders: NIL,
          // A cell must end with a paragraph.
          content:
            c.children.join('') +
            (c.children.length > 0 && c.children[c.children.length - 1]!.startsWith('<w:p') ? '' : paragraphXml({ style: STYLE.letterhead })),
        })),
      },
    ],
  })
}
