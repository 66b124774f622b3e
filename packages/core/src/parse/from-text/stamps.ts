import { editDistance, report } from '../../diagnostics.js'
import { CLASSIFICATION_LABELS, foldWording, PRECEDENCE_LABELS } from '../../model/vocabulary.js'
import type { ClassificationLevel, Leveled, PrecedenceLevel } from '../../model/vocabulary.js'
import type { TextContext } from './context.js'
import type { Line } from './lines.js'
import { pointAt } from './lines.js'

/** What a stamp line gave. */
export interface Stamps {
  precedence?: Leveled<PrecedenceLevel>
  classification?: Leveled<ClassificationLevel>
}

interface Phrase {
  words: string[]
  kind: 'precedence' | 'classification'
  level: string
}

/** Stamp wordings, longest first so `tres urgent` wins over `urgent`. */
const PHRASES: Phrase[] = (
  [
    [['tres', 'secret', 'defense'], 'classification', 'top-secret'],
    [['diffusion', 'restreinte'], 'classification', 'restricted'],
    [['confidentiel', 'defense'], 'classification', 'confidential'],
    [['secret', 'defense'], 'classification', 'secret'],
    [['tres', 'secret'], 'classification', 'top-secret'],
    [['non', 'protege'], 'classification', 'unclassified'],
    [['tres', 'urgent'], 'precedence', 'very-urgent'],
    [['tres', 'urgente'], 'precedence', 'very-urgent'],
    [['confidentiel'], 'classification', 'confidential'],
    [['confidentielle'], 'classification', 'confidential'],
    [['secret'], 'classification', 'secret'],
    [['restreint'], 'classification', 'restricted'],
    [['urgent'], 'precedence', 'urgent'],
    [['urgente'], 'precedence', 'urgent'],
    [['immediat'], 'precedence', 'immediate'],
    [['prioritaire'], 'precedence', 'priority'],
    [['flash'], 'precedence', 'flash'],
  ] as const
).map(([words, kind, level]) => ({ words: [...words], kind, level }))

interface Token {
  folded: string
  start: number
  end: number
}

/**
 * Read a line of French stamps: precedence and classification in capitals
 * (`TRÈS URGENT`, `DIFFUSION RESTREINTE`, `SECRET`), alone or together, exact
 * or mangled by OCR (`TRES URGENTE CONFIDE MTT Bol Mal FN`). A mangled word is
 * matched by prefix or edit distance and reported as an info (a guess); what
 * follows the stamps is reported as OCR noise. A clean stamp keeps its label
 * as written; a guessed one gets the canonical French label.
 *
 * @returns the stamps, or `undefined` when the line is not a stamp line.
 */
export function readStamps(line: Line, ctx: TextContext): Stamps | undefined {
  const text = line.text
  if (text.length > 80 || text.trim() === '') return undefined
  const tokens: Token[] = []
  for (const match of text.matchAll(/\S+/g)) {
    tokens.push({ folded: foldWording(match[0]).replace(/[^a-z]/g, ''), start: match.index, end: match.index + match[0].length })
  }
  const found: { phrase: Phrase; from: number; to: number; fuzzy: boolean }[] = []
  let index = 0
  while (index < tokens.length) {
    const hit = matchPhrase(tokens, index)
    if (!hit) break
    found.push(hit)
    index = hit.to
  }
  // Stamps open the line; anything else is prose that merely mentions a word.
  if (found.length === 0) return undefined
  const letters = text.replace(/[^\p{L}]/gu, '')
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length
  if (upper < letters.length * 0.6) return undefined
  const residue = index < tokens.length ? text.slice(tokens[index]!.start).trim() : ''
  const guessed = residue !== '' || found.some((hit) => hit.fuzzy)
  const stamps: Stamps = {}
  for (const hit of found) {
    const written = text.slice(tokens[hit.from]!.start, tokens[hit.to - 1]!.end)
    const place = pointAt(line, tokens[hit.from]!.start)
    if (hit.phrase.kind === 'precedence' && !stamps.precedence) {
      const level = hit.phrase.level as PrecedenceLevel
      stamps.precedence = { level, label: guessed ? PRECEDENCE_LABELS.fr[level] : written }
    } else if (hit.phrase.kind === 'classification' && !stamps.classification) {
      const level = hit.phrase.level as ClassificationLevel
      stamps.classification = { level, label: guessed ? CLASSIFICATION_LABELS.fr[level] : written }
    } else continue
    if (guessed) {
      const label = hit.phrase.kind === 'precedence' ? stamps.precedence!.label : stamps.classification!.label
      report(ctx.file, 'info', 'fuzzy-stamp', `read \`${written}\` as the ${hit.phrase.kind} \`${label}\` (a guess from OCR'd text)`, place, {
        actual: written,
        suggestion: label,
      })
    }
  }
  if (residue !== '') {
    report(ctx.file, 'warning', 'ocr-noise', `dropped \`${residue}\` after the stamps: it reads as OCR noise`, pointAt(line, tokens[index]!.start), {
      actual: residue,
    })
  }
  return stamps
}

function matchPhrase(tokens: Token[], index: number): { phrase: Phrase; from: number; to: number; fuzzy: boolean } | undefined {
  let best: { phrase: Phrase; from: number; to: number; fuzzy: boolean } | undefined
  for (const phrase of PHRASES) {
    if (index + phrase.words.length > tokens.length) continue
    let fuzzy = false
    let ok = true
    for (let k = 0; k < phrase.words.length; k++) {
      const closeness = compare(tokens[index + k]!.folded, phrase.words[k]!)
      if (closeness === 'no') {
        ok = false
        break
      }
      if (closeness === 'fuzzy') fuzzy = true
    }
    if (!ok) continue
    // Prefer exact over fuzzy, then longer phrases.
    if (!best || (best.fuzzy && !fuzzy) || (best.fuzzy === fuzzy && phrase.words.length > best.to - best.from)) {
      best = { phrase, from: index, to: index + phrase.words.length, fuzzy }
    }
  }
  return best
}

/** Exact, close enough to be an OCR reading of the word, or not it. */
function compare(token: string, word: string): 'exact' | 'fuzzy' | 'no' {
  if (token === word) return 'exact'
  if (token.length < 5 || word.length < 5) return 'no'
  // A truncated word (`CONFIDE` for `CONFIDENTIEL`): the engine lost the end of the stamp.
  if (word.startsWith(token) && token.length >= Math.min(6, word.length - 1)) return 'fuzzy'
  return editDistance(token, word) <= (word.length >= 8 ? 2 : 1) ? 'fuzzy' : 'no'
}
