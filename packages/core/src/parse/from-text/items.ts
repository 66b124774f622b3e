/**
 * Split a reference or attachment list written on one or more lines into
 * items: lettered or numbered markers (`A.`, `(B)`, `[C]`, `c)`, `2.`) that follow
 * each other in sequence, else `;`. Markers are kept, as written, since the
 * text cites them (`REF B`); dash bullets are dropped, they are layout. Only
 * the next expected marker splits, so `J. DOE` or `N° 12.` never do. Linear:
 * one `indexOf` per marker.
 *
 * @example splitItems('A. RABAT 398 B. STATE 81234') // ['A. RABAT 398', 'B. STATE 81234']
 */
export function splitItems(text: string): string[] {
  const value = text.replace(/\s+/g, ' ').trim()
  if (value === '') return []
  const start = /^([([])?([A-Za-z]|\d{1,2})([.)\]])?\s/.exec(value)
  // An opening bracket needs its own closing one: `(A)`, `[A]`; a bare marker a point or a parenthesis: `A.`, `A)`.
  const closing = start?.[1] === '(' ? ')' : start?.[1] === '[' ? ']' : undefined
  const style = start && (closing ? start[3] === closing : start[3] !== undefined && start[3] !== ']') ? start : undefined
  if (!style) return splitOn(value, ';')
  const open = style[1] ?? ''
  const close = style[3]!
  const items: string[] = []
  let current = style[2]!
  let from = 0
  for (;;) {
    const next = successor(current)
    if (next === undefined) break
    const marker = `${open}${next}${close} `
    let at: number
    let search = from + 1
    // The marker must start a word: after a space, a comma or a semicolon.
    while ((at = value.indexOf(marker, search)) !== -1 && !/[\s,;]/.test(value[at - 1] ?? '')) search = at + 1
    if (at === -1) break
    items.push(value.slice(from, at))
    from = at
    current = next
  }
  items.push(value.slice(from))
  return items.map(clean).filter((item) => item !== '')
}

function splitOn(value: string, separator: string): string[] {
  return value
    .split(separator)
    .map(clean)
    .filter((item) => item !== '')
}

/** Drop list punctuation around an item: bullets before, `,` `;` after. */
function clean(item: string): string {
  return item
    .replace(/^[-–—•·*]\s*/, '')
    .replace(/[\s,;]+$/, '')
    .trim()
}

function successor(marker: string): string | undefined {
  if (/^\d+$/.test(marker)) return String(Number(marker) + 1)
  if (marker === 'z' || marker === 'Z') return undefined
  return String.fromCharCode(marker.charCodeAt(0) + 1)
}
