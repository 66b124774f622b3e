import { report } from '../../diagnostics.js'
import type { TextContext } from './context.js'
import type { Line } from './lines.js'
import { pointAt, sliceLine, trimLine } from './lines.js'

/** The header fields a French label introduces. */
export type FrenchField = 'primary' | 'cc' | 'transmission' | 'subject' | 'references' | 'attachments' | 'signature'

/** A label found in a line, and the text it introduces (up to the next label). */
export interface LabeledValue {
  field: FrenchField
  /** The label as written, without the colon (`PJ`, `P.J.`, `Réf`). */
  label: string
  /** The value, trimmed, with its own position. */
  value: Line
}

/**
 * French header labels. Each alternative is a fixed word sequence with no
 * nested repetition, so matching stays linear; a colon must follow.
 */
const LABEL =
  /(Destinataires?\s+Principa(?:l|le|les|ux)|Destinataires?\s+(?:en\s+)?(?:CC|C\.C\.|copies?)|Copies?\s+pour\s+information|Transmission|Objet|R[ée]f[ée]rences?|R[ée]fs?\.?|P\.\s?J\.?|PJ|Pi[èe]ces?\s+jointes?|Sign[ée])\s*:/giu

function fieldOf(label: string): FrenchField {
  const folded = label.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
  if (folded.startsWith('destinataire') && /principa/.test(folded)) return 'primary'
  if (folded.startsWith('destinataire') || folded.startsWith('copie')) return 'cc'
  if (folded.startsWith('transmission')) return 'transmission'
  if (folded.startsWith('objet')) return 'subject'
  if (folded.startsWith('ref')) return 'references'
  if (folded.startsWith('sign')) return 'signature'
  return 'attachments'
}

/**
 * Find the French labels in a line, even when OCR ran them together with no
 * separator (`…CoopérationDestinataire Principal : Cab 1Destinataire CC:
 * Cab2`). A label inside the line must start with a capital; each such split
 * is a guess and is reported as an info with its position.
 *
 * @returns the text before the first label (maybe empty) and each labelled
 *   value, or `undefined` when the line holds no label.
 */
export function splitLabels(line: Line, ctx: TextContext, reportSplits = true): { before: Line; values: LabeledValue[] } | undefined {
  const text = line.text
  if (!text.includes(':')) return undefined
  const hits: { index: number; end: number; label: string }[] = []
  LABEL.lastIndex = 0
  let match: RegExpExecArray | null
  while ((match = LABEL.exec(text))) {
    const index = match.index
    const first = text[index]!
    const atStart = text.slice(0, index).trim() === ''
    // Mid-line, only a capitalised label counts: `l'objet :` in prose is not a field.
    if (!atStart && first !== first.toUpperCase()) continue
    // A label glued to the end of a longer word (`Projet :`) is no label, unless OCR glued it (capital after a lower-case letter).
    const previous = text[index - 1]
    if (!atStart && previous !== undefined && /\p{L}/u.test(previous) && !/\p{Ll}/u.test(previous)) continue
    if (!atStart && previous !== undefined && /\p{Ll}/u.test(previous) && /^(?:Objet|Sign)/u.test(match[1]!)) continue
    hits.push({ index, end: index + match[0].length, label: match[1]!.replace(/\s+/g, ' ') })
  }
  if (hits.length === 0) return undefined
  const values: LabeledValue[] = []
  for (let k = 0; k < hits.length; k++) {
    const hit = hits[k]!
    const end = hits[k + 1]?.index ?? text.length
    if (reportSplits && text.slice(0, hit.index).trim() !== '') {
      report(ctx.file, 'info', 'label-split', `\`${hit.label}\` runs into the text before it: read as a new field`, pointAt(line, hit.index))
    }
    values.push({ field: fieldOf(hit.label), label: hit.label, value: trimLine(sliceLine(line, hit.end, end)) })
  }
  return { before: trimLine(sliceLine(line, 0, hits[0]!.index)), values }
}
