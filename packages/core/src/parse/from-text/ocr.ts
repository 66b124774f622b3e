import { report } from '../../diagnostics.js'
import type { TextContext } from './context.js'
import type { Line } from './lines.js'
import { pointAt } from './lines.js'

/**
 * Words OCR engines commonly produce from French print, mapped to what was
 * printed. Only whole words, only unambiguous ones: a word that is also real
 * French (`Sommer`…) is never listed, since it cannot be told apart without a
 * reader.
 */
const FRENCH_CONFUSIONS: Readonly<Record<string, string>> = {
  Ia: 'la',
  Ie: 'le',
  Ies: 'les',
  Iui: 'lui',
  Ieur: 'leur',
  Ieurs: 'leurs',
  Iorsque: 'lorsque',
  cefte: 'cette',
  cetfe: 'cette',
  cing: 'cinq',
  dc: 'de',
  qne: 'que',
  tlu: 'du',
}

/** Words with an apostrophe after a capital I that are real English. */
const ENGLISH_I_CONTRACTIONS = /^I['’](m|ll|ve|d|M|LL|VE|D)$/

/** A digit read for a letter: `0` for o, `1` for l, `5` for s. */
const DIGIT_FOR_LETTER: Readonly<Record<string, string>> = { '0': 'o', '1': 'l', '5': 's' }

/** Letters, then one of those digits, then at least two lower-case letters: `c0mme`, `a1ors`. */
const DIGIT_IN_WORD = /^([\p{L}]+)([015])(\p{Ll}{2,})$/u

/** Word-like tokens (letters, digits and apostrophes), scanned once per line. */
const TOKEN = /[\p{L}\p{N}'’]+/gu

/**
 * Acronyms French elides (`l’OTAN`, `l’ONU`, `l’UE`): OCR reads `l’` before
 * them as a `P` (`POTAN`). Only these fire, so real words in capitals that
 * start with P and a vowel (`POUR`, `PARIS`, `POLITIQUE`) never do.
 */
const ELIDED_ACRONYMS = new Set([
  'OTAN',
  'ONU',
  'UE',
  'UA',
  'UEO',
  'UMA',
  'OMC',
  'OCDE',
  'OIF',
  'UNESCO',
  'UNICEF',
  'UNRWA',
  'UNHCR',
  'OMS',
  'OIT',
  'OPEP',
  'ONG',
  'AIEA',
  'ASEAN',
  'UEMOA',
  'OUA',
  'OEA',
  'OSCE',
  'OLP',
  'OCI',
  'OMI',
  'OACI',
  'UIT',
  'UPU',
  'OMPI',
  'ONUDI',
  'ALENA',
  'EI',
  'ETA',
  'IRA',
  'ENA',
  'INSEE',
  'AFP',
  'EPU',
])

/** What a line around a word tells the rules: whether it has lower case (prose, not a line in capitals), and its apostrophe. */
export interface OcrContext {
  /** The line has lower-case letters: an acronym in capitals stands out there. */
  mixedCase?: boolean
  /** The apostrophe the line writes (`'` or `’`): a fix uses the same. */
  apostrophe?: string
  /** Apostrophes that followed the word on the line (`D''EXPLIQUER''` quotes): a doubled one before it opens a quote then. */
  closing?: string
}

/** French words that elide before a vowel, with the doubled apostrophe OCR or a typist left (`l''OTAN`, `aujourd’’hui`). */
const DOUBLED_ELISION = /^((?:[ldjmnstcLDJMNSTC]|[Qq]u|QU|[Jj]usqu|JUSQU|[Ll]orsqu|LORSQU|[Pp]uisqu|PUISQU|[Aa]ujourd|AUJOURD))(['’])\2(\p{L}+)$/u
/** English contractions with a doubled apostrophe (`don''t`, `it’’s`). */
const DOUBLED_CONTRACTION = /^(\p{L}+)(['’])\2(t|s|ll|re|ve|d|m|T|S|LL|RE|VE|D|M)$/u

/** What a suspect word should probably read, or `undefined` when it looks fine. */
export function suggestOcrFix(word: string, lang: 'fr' | 'en', context: OcrContext = {}): string | undefined {
  const apostrophe = context.apostrophe ?? '’'
  // A doubled apostrophe inside a word is one apostrophe, unless it opens a quote the line closes (`D''EXPLIQUER''`).
  const doubled = word.includes("''") || word.includes('’’') ? (lang === 'fr' ? DOUBLED_ELISION : DOUBLED_CONTRACTION).exec(word) : null
  if (doubled && !(context.closing && context.closing.length >= 2)) return `${doubled[1]}${doubled[2]}${doubled[3]}`
  if (lang === 'fr') {
    if (Object.hasOwn(FRENCH_CONFUSIONS, word)) return FRENCH_CONFUSIONS[word]
    // `I'` never starts a French word: it is an `l'` the engine misread.
    if (/^I['’]\p{L}/u.test(word)) return `l${word.slice(1)}`
    // `l’` before an acronym read as a `P` (`POTAN`): only in prose, only before an acronym French elides.
    const elided = context.mixedCase && word.charCodeAt(0) === 80 ? /^P([AEIOUYÉ][A-Z]{1,6})$/u.exec(word) : null
    if (elided && ELIDED_ACRONYMS.has(elided[1]!)) return `l${apostrophe}${elided[1]}`
    // `J’ai` without its apostrophe: `Jai` is no French word.
    if (word === 'Jai' || word === 'JAI') return `J${apostrophe}${word.slice(1)}`
  } else if (/^I['’]\p{L}/u.test(word) && !ENGLISH_I_CONTRACTIONS.test(word) && /^I['’]\p{Ll}+$/u.test(word)) {
    // English has `I'm`, `I'll`… but no `I'acceptance`: a lower-case run after `I'` is an `l'`.
    return `l${word.slice(1)}`
  }
  const digit = DIGIT_IN_WORD.exec(word)
  if (digit) return `${digit[1]}${DIGIT_FOR_LETTER[digit[2]!]}${digit[3]}`
  return undefined
}

/**
 * Look for OCR suspects in one line of prose and report each as a warning
 * with its position and suggested fix. With `--fix` the suggestion is applied
 * and recorded in the cable's provenance; without it the text stays as
 * written. Returns the text to use.
 */
export function checkOcr(line: Line, ctx: TextContext): string {
  const text = line.text
  if (text === '') return text
  let out = ''
  let last = 0
  const context: OcrContext = { mixedCase: /\p{Ll}/u.test(text), apostrophe: text.includes('’') || !text.includes("'") ? '’' : "'" }
  TOKEN.lastIndex = 0
  let match: RegExpExecArray | null
  while ((match = TOKEN.exec(text))) {
    // Trailing apostrophes belong to quoting, not to the word.
    const word = match[0].replace(/['’]+$/, '')
    context.closing = match[0].slice(word.length)
    const suggestion = suggestOcrFix(word, ctx.lang, context)
    if (suggestion === undefined || suggestion === word) continue
    const place = pointAt(line, match.index)
    if (ctx.fix) {
      out += text.slice(last, match.index) + suggestion
      last = match.index + word.length
      ctx.fixes.push({ original: word, replacement: suggestion, line: place.line, column: place.column, rule: 'ocr-suspect' })
      report(ctx.file, 'info', 'ocr-fixed', `replaced \`${word}\` with \`${suggestion}\` (OCR error)`, place, { actual: word, suggestion })
    } else {
      report(ctx.file, 'warning', 'ocr-suspect', `\`${word}\` looks like an OCR error for \`${suggestion}\` (\`--fix\` applies it)`, place, {
        actual: word,
        suggestion,
      })
    }
  }
  return last === 0 ? text : out + text.slice(last)
}

/**
 * A word broken at the end of a line (`renforce-` / `ment`): report it with
 * the joined word as the fix. Returns whether `--fix` joined it.
 */
export function checkBrokenWord(previous: Line, next: Line, ctx: TextContext): boolean {
  const head = /(\p{L}{2,})-$/u.exec(previous.text)
  const tail = /^(\p{Ll}{2,})/u.exec(next.text)
  if (!head || !tail) return false
  const original = `${head[1]}-`
  const replacement = `${head[1]}${tail[1]}`
  const place = pointAt(previous, head.index)
  if (ctx.fix) {
    ctx.fixes.push({ original: `${original} ${tail[1]}`, replacement, line: place.line, column: place.column, rule: 'ocr-broken-word' })
    report(ctx.file, 'info', 'ocr-fixed', `joined the broken word \`${original}\` + \`${tail[1]}\``, place, { suggestion: replacement })
    return true
  }
  report(ctx.file, 'warning', 'ocr-broken-word', `\`${original}\` and \`${tail[1]}\` look like one word broken across lines: \`${replacement}\``, place, {
    suggestion: replacement,
  })
  return false
}
