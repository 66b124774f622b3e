/**
 * Telegram banners as teletypes and facsimiles print them: the classification
 * letter-spaced (`C O N F I D E N T I A L`), maybe with a control caption after
 * a double slash (`C O N F I D E N T I A L / / N O F O R N`), then the section,
 * and the post and serial (`RABAT 000412`), the cable id (`09RABAT412`) or a
 * telegram number alone (`67606`).
 */

import { editDistance } from '../../diagnostics.js'

/** Words of classifications and their captions, to put back the spaces letter-spacing loses (`FOROFFICIALUSEONLY`). */
const WORDS = [
  'UNCLASSIFIED',
  'UNCLAS',
  'CONFIDENTIAL',
  'SECRET',
  'TOP',
  'LIMITED',
  'OFFICIAL',
  'USE',
  'ONLY',
  'FOR',
  'NOFORN',
  'SENSITIVE',
  'BUT',
  'EFTO',
  'SIPDIS',
  'NODIS',
  'EXDIS',
  'LIMDIS',
  'STADIS',
  'ORCON',
  'FOUO',
  'REL',
  'TO',
  'USA',
]

/** A run of three or more single capitals separated by single spaces: a letter-spaced word or words. */
const SPACED_RUN = /(?<![A-Z])[A-Z](?![A-Z])(?: [A-Z](?![A-Z])){2,}/g

/**
 * Put a letter-spaced banner back together: `C O N F I D E N T I A L / / N O
 * F O R N` → `CONFIDENTIAL//NOFORN`, `L I M I T E D O F F I C I A L U S E` →
 * `LIMITED OFFICIAL USE` (spaces between words restored from the banner
 * vocabulary; a run it cannot cut is kept joined). Other text is unchanged.
 */
export function despaceBanner(text: string): string {
  return text.replace(SPACED_RUN, (run) => segment(run.replace(/ /g, ''))).replace(/\s*\/\s*\/\s*/g, '//')
}

/** Cut a joined run into banner words (shortest cut count, deterministic), or keep it whole. */
function segment(joined: string): string {
  if (WORDS.includes(joined)) return joined
  const best: (string[] | undefined)[] = [[]]
  for (let end = 1; end <= joined.length; end++) {
    for (const word of WORDS) {
      const start = end - word.length
      if (start < 0 || joined.slice(start, end) !== word) continue
      const before = best[start]
      if (before && (!best[end] || best[end]!.length > before.length + 1)) best[end] = [...before, word]
    }
  }
  return best[joined.length]?.join(' ') ?? joined
}

/** What a banner line says. */
export interface BannerLine {
  /** The classification as printed, letter-spacing undone (`CONFIDENTIAL//NOFORN`). */
  label: string
  section?: { number: number; of: number }
  /** Post and serial (`RABAT`, `000412`). */
  post?: string
  serial?: string
  /** A cable id printed in the banner's place of post and serial (`09RABAT706`). */
  id?: string
  /** A telegram number alone (`67606`). */
  number?: string
  /** The classification word as OCR misread it (`CONFIDENTTIAL`), when it was taken for the nearest one. */
  misread?: string
  /** What {@link misread} was taken for, when not the classification word (`LIMITED OFFICIAL USE` for `LIMITEDOFFICIALUSE`). */
  misreadAs?: string
}

/** Multi-word classifications and captions, joined as OCR runs them together when it loses the letter-spacing. */
const JOINED = ['LIMITED OFFICIAL USE', 'FOR OFFICIAL USE ONLY', 'SENSITIVE BUT UNCLASSIFIED', 'TOP SECRET']

/**
 * OCR's usual ways of spoiling a banner it read whole, put right: the spaces
 * between words lost (`LIMITEDOFFICIALUSE`, `FOROFFICIALUSESONTLY`, a long
 * run two letters off), one slash of `//` lost (`UNCLASSIFIED /FOR…`), and a
 * letter for a digit in a cable id's year (`O9TUNIS372`). Returns the line
 * repaired and the first word repaired with what it was taken for, or
 * `undefined` when nothing was.
 */
function repairOcrBanner(value: string): { value: string; misread: string; as: string } | undefined {
  let misread: { misread: string; as: string } | undefined
  const note = (from: string, to: string) => (misread ??= { misread: from, as: to })
  let out = value.replace(/(?<=[A-Z])\s*(?<!\/)\/(?!\/)\s*(?=[A-Z])/g, (slash) => (note(slash.trim(), '//'), '//'))
  out = out.replace(/(?<![A-Z0-9])[A-Z]{7,}(?![A-Z0-9])/g, (token) => {
    if (WORDS.includes(token)) return token
    const cut = segment(token)
    const joined = JOINED.find((words) => {
      const compact = words.replace(/ /g, '')
      return compact === token || (token.length >= 12 && editDistance(compact, token) <= 2)
    })
    const repaired = cut !== token ? cut : joined
    if (!repaired) return token
    note(token, repaired)
    return repaired
  })
  out = out.replace(/(?<= |^)([0-9OoIl])([0-9OoIl])(?=[A-Z][A-Z-]{1,24}\d{1,7}$)/, (year, a: string, b: string) => {
    const digits = `${a}${b}`.replace(/[Oo]/g, '0').replace(/[Il]/g, '1')
    if (digits === year) return year
    note(year, digits)
    return digits
  })
  return misread && out !== value ? { value: out, ...misread } : undefined
}

/** Classification words OCR may misread in a letter-spaced banner (`CONFIDENTTIAL`, `CONFIDENTTIATL`). */
const OCR_WORDS = ['UNCLASSIFIED', 'CONFIDENTIAL', 'SECRET']

const WORD = String.raw`(?:TOP SECRET|UNCLASSIFIED|UNCLAS|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)`
const CAPTION = String.raw`(?:EFTO|NOFORN|SENSITIVE|SIPDIS|NODIS|EXDIS|LIMDIS|STADIS)`
// After `//`, a control caption is one word, or one of the few of several words (a post name cannot follow the slashes).
const BANNER_LINE = new RegExp(
  String.raw`^(${WORD}(?://(?:FOR OFFICIAL USE ONLY|SENSITIVE BUT UNCLASSIFIED|[A-Z]+))*)((?: ${CAPTION})*)(?: SECTION (\d{1,2}) OF (\d{1,2}))?` +
    String.raw`(?: ([A-Z][A-Z.' -]{1,30}?) (\d{2,7})| (\d{2}[A-Z][A-Z-]{1,24}\d{1,7})| (\d{1,7}))?$`,
)

/**
 * Read a banner line (letter-spaced or not): its classification, section, and
 * what follows it. Returns `undefined` for any other line.
 *
 * @example readBannerLine('S E C R E T / / N O F O R N 07USNATO115') // { label: 'SECRET//NOFORN', id: '07USNATO115' }
 */
export function readBannerLine(text: string): BannerLine | undefined {
  let value = despaceBanner(text.trim().replace(/\s+/g, ' '))
  // OCR reads letters of a letter-spaced word twice or wrong (`CONFIDENTTIATL`): a word a letter off (two for the
  // long ones) is that classification word.
  const first = /^[A-Z]{6,}/.exec(value)?.[0]
  const near = first && !WORDS.includes(first) ? OCR_WORDS.find((word) => editDistance(first, word) <= (word.length >= 10 ? 2 : 1)) : undefined
  if (near) value = `${near}${value.slice(first!.length)}`
  let match = BANNER_LINE.exec(value)
  // A caption after `//` that is no word of the vocabulary (`FOROFFICIALUSESONTLY`) is a misreading too.
  const runOn = match?.[1]?.split('//').some((part) => /^[A-Z]{7,}$/.test(part) && !WORDS.includes(part))
  const repaired = !match || runOn ? repairOcrBanner(value) : undefined
  const again = repaired && BANNER_LINE.exec(repaired.value)
  if (again) match = again
  if (!match) return undefined
  const result: BannerLine = { label: match[1]! }
  if (near) result.misread = first
  else if (repaired && again) {
    result.misread = repaired.misread
    result.misreadAs = repaired.as
  }
  if (match[3] && match[4]) result.section = { number: Number(match[3]), of: Number(match[4]) }
  if (match[5] && match[6]) {
    result.post = match[5].trim()
    result.serial = match[6]
  }
  if (match[7]) result.id = match[7]
  if (match[8]) result.number = match[8]
  return result
}
