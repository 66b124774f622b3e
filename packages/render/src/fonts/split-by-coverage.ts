import type { FontFace } from './font-face.js'

/** A piece of text and the face that has every glyph of it. */
export interface CoveredText {
  text: string
  face: FontFace
  /** No face of the chain has these characters: draw a visible replacement, keep the text. */
  missing?: boolean
}

const coverage = new Map<string, Map<number, boolean>>()

function covers(face: FontFace, codePoint: number): boolean {
  let known = coverage.get(face.key)
  if (!known) coverage.set(face.key, (known = new Map()))
  let has = known.get(codePoint)
  if (has === undefined) {
    has = face.font.hasGlyphForCodePoint(codePoint)
    known.set(codePoint, has)
  }
  return has
}

/** Marks, joiners and variation selectors stay with the character before them. */
const CLINGS = /[\p{M}\u200c\u200d\ufe00-\ufe0f]/u

/**
 * Split `text` into pieces each drawn with the first face of `chain` that has
 * its characters, so a character missing from the main font comes from one
 * that has it instead of printing as an empty box. A character no face has
 * comes back `missing`, in a face that has U+FFFD: layout draws that mark and
 * keeps the character itself as the text (it still extracts and searches).
 *
 * @example splitByCoverage('Rabat الرباط', [serif, arabic, dejavu])
 */
export function splitByCoverage(text: string, chain: readonly FontFace[]): CoveredText[] {
  const pieces: CoveredText[] = []
  let current: FontFace | undefined
  let currentMissing = false
  let start = 0
  let index = 0
  for (const char of text) {
    const codePoint = char.codePointAt(0)!
    let face: FontFace | undefined
    let missing = false
    if (current && CLINGS.test(char)) {
      face = current
      missing = currentMissing
    } else {
      face = chain.find((candidate) => covers(candidate, codePoint))
      if (!face) {
        missing = true
        face = chain.find((candidate) => covers(candidate, REPLACEMENT)) ?? chain[0]!
      }
    }
    if (face !== current || missing !== currentMissing) {
      if (current && index > start) pieces.push({ text: text.slice(start, index), face: current, ...(currentMissing ? { missing: true } : {}) })
      current = face
      currentMissing = missing
      start = index
    }
    index += char.length
  }
  if (current && index > start) pieces.push({ text: text.slice(start, index), face: current, ...(currentMissing ? { missing: true } : {}) })
  return pieces
}

/** U+FFFD, drawn for a character no font has: visible, unlike an empty `.notdef` box. */
const REPLACEMENT = 0xfffd

/** Whether `face` has a glyph for every character of `text`. */
export function coversText(face: FontFace, text: string): boolean {
  for (const char of text) if (!covers(face, char.codePointAt(0)!)) return false
  return true
}
