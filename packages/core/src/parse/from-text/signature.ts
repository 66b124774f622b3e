import type { Line } from './lines.js'

/** Words that end a telegram's text without being its signer (`END SUMMARY`, `… TEXT ENDS`). */
const NOT_SIGNERS = /^(?:END|ENDS|COMMENT|SUMMARY|NOTE|TEXT|QUOTE|UNQUOTE|SIPDIS|NOFORN|BT|NNNN|UNCLAS|UNCLASSIFIED|CONFIDENTIAL|SECRET|SENSITIVE)$/

/** A surname glued to the last sentence's point (`POSSIBLE.ARMSTRONG`). */
const GLUED_SIGNER = /[A-Z]{3}\.([A-Z][A-Z'’-]{3,})$/

/** How a family types its signer. */
export interface SignatureOptions {
  /** A surname glued to the last sentence's point with no space (`POSSIBLE.ARMSTRONG`), as 1970s printed pages show it. */
  glued?: boolean
}

/**
 * Take the signer off the end of a telegram's text: a short name on the
 * last line (past a line of debris), or a surname in capitals after the last
 * sentence on its line (`… PROJECTS. MERANTE`). The lines are changed in
 * place: the signer's line is removed, or cut before the name.
 *
 * @returns the signer as written, or `undefined`.
 */
export function takeSignature(bodyLines: Line[], options: SignatureOptions = {}): string | undefined {
  let debris = 0
  for (let k = bodyLines.length - 1; k >= 0; k--) {
    const text = bodyLines[k]!.text.trim()
    if (text === '') continue
    if (debris < 2 && (text.match(/\p{L}/gu)?.length ?? 0) <= 1) {
      debris++
      continue
    }
    // The signer typed on after the last sentence: a surname in capitals (`… PROJECTS. MERANTE`), or any name after a wide gap.
    const trailing = /[.!?"”)]\s+([A-Z][A-Z'’-]{2,})$|[.!?]\s{3,}([A-Z][a-z'’-]{2,})$/.exec(text) ?? (options.glued ? GLUED_SIGNER.exec(text) : null)
    const signer = trailing ? (trailing[1] ?? trailing[2])! : undefined
    if (trailing && signer && !NOT_SIGNERS.test(signer)) {
      const line = bodyLines[k]!
      bodyLines[k] = { ...line, text: line.text.slice(0, line.text.lastIndexOf(signer)).trimEnd() }
      return signer
    }
    const nameLine = /^[A-Z][A-Za-z'’.-]*(?: [A-Z][A-Za-z'’.-]*){0,2}$/.test(text) && text.length <= 30 && !/\.$/.test(text)
    if (nameLine && !/^(?:END|SUMMARY|COMMENT|NOFORN|SIPDIS)\b/i.test(text)) {
      bodyLines.splice(k, 1)
      return text
    }
    return undefined
  }
  return undefined
}
