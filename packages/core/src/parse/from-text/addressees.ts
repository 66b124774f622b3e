/** A routing indicator before an addressee: `RUEHC/`, `RUCNMGH/`, `RUEKJCS/`. */
const INDICATOR = /(?:^|\s)([A-Z]{4,8}\/)(?=[A-Z])/g
/** A precedence word after an addressee, then maybe its serial. */
const TRAILER = /\s+(NIACT\s+IMMEDIATE|IMMEDIATE(?:\s+NIACT)?|NIACT|PRIORITY|ROUTINE|FLASH)(?:\s+\d{1,5})?$|\s+\d{1,5}$/
/** Where a precedence (and serial) ends an addressee and another starts on the same line. */
const BOUNDARY = /\s(?:NIACT\s+IMMEDIATE|IMMEDIATE|PRIORITY|ROUTINE|FLASH)(?:\s+\d{1,5})?(?=\s+[A-Z])/g

/** One addressee of a TO or INFO line. */
export interface Addressee {
  /** The addressee without routing indicator, precedence and serial (`AMEMBASSY BRUSSELS`). */
  name: string
  /** The precedence written after it (`IMMEDIATE`, `NIACT IMMEDIATE`). */
  precedence?: string
  /** Whether the line gave a routing indicator: the addressee is then complete only with its precedence or serial. */
  routed: boolean
  /** Whether a precedence or serial closed it. */
  closed: boolean
}

/**
 * The addressees of one TO / INFO line, one per item: a line the publisher
 * joined or the teletype wrapped may hold several, cut at each routing
 * indicator and after each precedence (and serial). Linear: two global
 * regex scans and one per piece.
 *
 * @example splitAddressees('RUEHBS/AMEMBASSY BRUSSELS PRIORITY 0567 RUEHNO/USMISSION USNATO PRIORITY 0890')
 */
export function splitAddressees(text: string): Addressee[] {
  const value = text.replace(/\s+/g, ' ').trim()
  // Both scans give their cuts in order: merged, they stay in order.
  const byIndicator = cutsOf(INDICATOR, value, (match) => match.index + match[0].length - match[1]!.length)
  const byPrecedence = cutsOf(BOUNDARY, value, (match) => match.index + match[0].length + 1)
  const points = [0]
  for (let i = 0, j = 0; i < byIndicator.length || j < byPrecedence.length;) {
    const next = j >= byPrecedence.length || (i < byIndicator.length && byIndicator[i]! <= byPrecedence[j]!) ? byIndicator[i++]! : byPrecedence[j++]!
    if (next > points.at(-1)!) points.push(next)
  }
  const out: Addressee[] = []
  for (let k = 0; k < points.length; k++) {
    const piece = value.slice(points[k], points[k + 1] ?? value.length).trim()
    if (piece === '') continue
    const routed = /^[A-Z]{4,8}\//.test(piece)
    const bare = piece.replace(/^[A-Z]{4,8}\//, '')
    const trailer = TRAILER.exec(bare)
    const name = (trailer ? bare.slice(0, trailer.index) : bare).replace(/[\s,;]+$/, '').trim()
    if (name === '') continue
    const addressee: Addressee = { name, routed, closed: trailer !== null }
    if (trailer?.[1]) addressee.precedence = trailer[1].replace(/\s+/g, ' ')
    out.push(addressee)
  }
  return out
}

/** Where a global regex's matches cut `value`, in order. */
function cutsOf(pattern: RegExp, value: string, at: (match: RegExpExecArray) => number): number[] {
  const cuts: number[] = []
  pattern.lastIndex = 0
  let match: RegExpExecArray | null
  while ((match = pattern.exec(value))) cuts.push(at(match))
  return cuts
}
