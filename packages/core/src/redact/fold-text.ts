/**
 * Text folded for matching, with a map from each folded character back to
 * the span of the original text it came from.
 */
export interface FoldedText {
  /** The folded text. */
  text: string
  /** `starts[i]`: offset in the original of the first character behind folded character `i`. */
  starts: number[]
  /** `ends[i]`: offset in the original just after the last character behind folded character `i`. */
  ends: number[]
}

/** Options of {@link foldText}. */
export interface FoldOptions {
  /** Fold case (default `true`); regular expressions run on text folded without it, so `[A-Z]` keeps its meaning. */
  caseFold?: boolean
}

/**
 * Characters that print nothing: zero-width space, joiners, word joiner,
 * BOM, soft hyphen, and the invisible operators. A secret with one of these
 * inside must still be found.
 */
const INVISIBLE =
  /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]/u

/** Apostrophes and hyphens that NFKC leaves apart from `'` and `-`. */
const APOSTROPHES = /[\u2018\u2019\u201B\u02BC\u02B9\u2032\u0060\u00B4]/u
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D]/u
/** Hyphens that may end a line inside a word: `¬` is how OCR engines and some typewritten sources mark it. */
const HYPHEN = /[-\u2010\u2011\u00AC]/u
const SOFT_HYPHEN = '\u00AD'
const LETTER = /[\p{L}\p{N}]/u
const WHITESPACE = /\s/u

/**
 * Fold `text` the way redaction matches it: NFKC (full-width, ligatures,
 * no-break spaces), invisible characters and soft hyphens removed, case
 * folded (`ß` → `ss`, `İ` → `i̇`), typographic apostrophes and dashes made
 * plain, every run of white space made one space, and a line-end
 * hyphenation (`secr-\n et`) joined. Each folded character maps back to the
 * original span it came from, so a match in the folded text is a span of the
 * original.
 *
 * @example foldText('Ｄu\u00ADpont').text // 'dupont'
 */
export function foldText(text: string, options: FoldOptions = {}): FoldedText {
  const caseFold = options.caseFold !== false
  const out: string[] = []
  const starts: number[] = []
  const ends: number[] = []
  const push = (value: string, start: number, end: number) => {
    for (const ch of value) {
      // A folded space after a space adds nothing: runs of white space are one space.
      if (ch === ' ' && out[out.length - 1] === ' ') {
        ends[ends.length - 1] = end
        continue
      }
      out.push(ch)
      starts.push(start)
      ends.push(end)
    }
  }
  let index = 0
  while (index < text.length) {
    const start = index
    const codePoint = text.codePointAt(index)!
    let cluster = String.fromCodePoint(codePoint)
    index += cluster.length
    if (HYPHEN.test(cluster) && wordBreak(text, start, index)) {
      // `secr-\n  et`, or `secr- et` once a reader joined the lines: the hyphen and
      // the break between two letters print as one word.
      index = skipLineBreak(text, index)
      continue
    }
    if (cluster === SOFT_HYPHEN && wordBreak(text, start, index, true)) {
      // A soft hyphen before a line break: the word goes on on the next line.
      index = skipLineBreak(text, index)
      continue
    }
    if (INVISIBLE.test(cluster)) continue
    if (cluster === '%') {
      // `H%C3%A9l%C3%A8ne`: an address spells letters as percent-encoded UTF-8; match what it decodes to.
      const decoded = percentDecoded(text, start)
      if (decoded) {
        index = decoded.end
        push(foldCluster(decoded.text, caseFold), start, index)
        continue
      }
    }
    if (WHITESPACE.test(cluster)) {
      while (index < text.length && WHITESPACE.test(text[index]!)) index++
      push(' ', start, index)
      continue
    }
    // Combining marks belong with their base: NFKC composes them together (`e` + U+0301 → `é`).
    while (index < text.length) {
      const next = String.fromCodePoint(text.codePointAt(index)!)
      if (/\p{M}/u.test(next) && !INVISIBLE.test(next)) {
        cluster += next
        index += next.length
      } else if (INVISIBLE.test(next) && index + next.length < text.length && /\p{M}/u.test(String.fromCodePoint(text.codePointAt(index + next.length)!))) {
        index += next.length
      } else break
    }
    push(foldCluster(cluster, caseFold), start, index)
  }
  return { text: out.join(''), starts, ends }
}

/** One character with its marks, folded: NFKC, case, plain apostrophes, dashes and spaces, no invisible characters. */
function foldCluster(cluster: string, caseFold: boolean): string {
  let folded = cluster.normalize('NFKC')
  if (caseFold) folded = folded.toUpperCase().toLowerCase().normalize('NFKC')
  return [...folded]
    .filter((ch) => !INVISIBLE.test(ch))
    .map((ch) => (APOSTROPHES.test(ch) ? "'" : DASHES.test(ch) ? '-' : WHITESPACE.test(ch) ? ' ' : ch))
    .join('')
}

const HEX = /^[0-9A-Fa-f]{2}$/
/** One decoder for every escape: folding runs on every string a redaction looks at. */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true })

/**
 * The character a run of `%XX` escapes at `at` stands for, when they are one
 * whole UTF-8 sequence of a printable character (`%C3%A9` → `é`, `%6F` →
 * `o`); `undefined` for a lone `%` or bytes that are not UTF-8.
 */
function percentDecoded(text: string, at: number): { text: string; end: number } | undefined {
  const byteAt = (offset: number): number | undefined => {
    if (text[offset] !== '%') return undefined
    const hex = text.slice(offset + 1, offset + 3)
    return HEX.test(hex) ? Number.parseInt(hex, 16) : undefined
  }
  const lead = byteAt(at)
  if (lead === undefined) return undefined
  const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf5 ? 4 : 0
  if (length === 0) return undefined
  const bytes = [lead]
  for (let i = 1; i < length; i++) {
    const next = byteAt(at + 3 * i)
    if (next === undefined || (next & 0xc0) !== 0x80) return undefined
    bytes.push(next)
  }
  let decoded: string
  try {
    decoded = STRICT_UTF8.decode(Uint8Array.from(bytes))
  } catch {
    return undefined
  }
  // Control characters stay as written: they hide nothing and would only confuse the folding.
  if (/\p{Cc}/u.test(decoded)) return undefined
  return { text: decoded, end: at + 3 * length }
}

/** Fold a whole string (no map): what secrets are compared as, and what keyed hashes are taken of. */
export function foldString(text: string, options: FoldOptions = {}): string {
  return foldText(text, options).text.trim()
}

/**
 * Whether the hyphen (or soft hyphen) from `at` to `after` breaks a word: a
 * letter before it, a letter after it, and between them a line break, or
 * (for a visible hyphen) the spaces a reader leaves when it joins wrapped
 * lines (`Benmou- ssa`).
 */
function wordBreak(text: string, at: number, after: number, needsNewline = false): boolean {
  const before = text.slice(Math.max(0, at - 2), at)
  if (!LETTER.test([...before].pop() ?? '')) return false
  let index = after
  let newline = false
  while (index < text.length && WHITESPACE.test(text[index]!)) {
    if (text[index] === '\n') newline = true
    index++
  }
  if (index === after || (needsNewline && !newline)) return false
  return LETTER.test(String.fromCodePoint(text.codePointAt(index) ?? 32))
}

function skipLineBreak(text: string, index: number): number {
  while (index < text.length && WHITESPACE.test(text[index]!)) index++
  return index
}
