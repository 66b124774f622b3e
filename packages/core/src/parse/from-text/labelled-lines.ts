import { report } from '../../diagnostics.js'
import type { Cable } from '../../model/schema.js'
import type { BodyContent } from '../../model/nodes.js'
import { resolveClassification, resolvePrecedence } from '../../model/vocabulary.js'
import type { TextContext } from './context.js'
import { parseEnglishDate } from './english-dates.js'
import { parseFrenchDate } from './french-dates.js'
import { splitItems } from './items.js'
import type { Line } from './lines.js'
import { isBlank, pointAt, trimLine } from './lines.js'
import { buildBody } from './paragraphs.js'

type Header = Partial<Omit<Cable, 'body' | 'attachments'>>

/** How many lines open an unknown layout's header: the labels are looked for there only. */
const HEADER_WINDOW = 40

/** Labelled lines in English and French: `Subject:`, `Objet :`, `From:`, `De :`, `To:`, `À :`, `Date:`, `Ref:`, `No.`. */
const LABEL = new RegExp(
  String.raw`^(Subject|Subj|Objet|From|De|Exp[ée]diteur|To|À|Destinataires?|Date|Refs?|R[ée]f[ée]rences?|R[ée]f|No|N\s?[°º]` +
    String.raw`|Classification|Precedence|Pr[ée]s[ée]ance)\s*[.:]\s*(\S.*)$`,
  'iu',
)
/** `FROM NANKING TO FOREIGN OFFICE`: sender and addressee on one line. */
const FROM_TO = /^FROM\s+(.+?)\s+TO\s+(.+)$/i

/** The header fields a labelled line fills. */
type Field = 'subject' | 'from' | 'to' | 'date' | 'references' | 'reference' | 'classification' | 'precedence'

function fieldOf(label: string): Field {
  const folded = label.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, '')
  if (folded.startsWith('subj') || folded === 'objet') return 'subject'
  if (folded === 'from' || folded === 'de' || folded.startsWith('exp')) return 'from'
  if (folded === 'to' || folded === 'a' || folded.startsWith('destinataire')) return 'to'
  if (folded === 'date') return 'date'
  if (folded === 'no' || folded.startsWith('n')) return 'reference'
  if (folded.startsWith('class')) return 'classification'
  if (folded.startsWith('prec') || folded.startsWith('pres')) return 'precedence'
  return 'references'
}

/**
 * How many header fields the labelled-line reader would recognise in the
 * first lines of a text: the family detector's measure of an unknown
 * layout that still says what it is.
 */
export function countLabelledFields(lines: Line[]): number {
  let count = 0
  for (let k = 0; k < Math.min(lines.length, HEADER_WINDOW); k++) {
    const text = lines[k]!.text.trim()
    if (FROM_TO.test(text)) count += 2
    else if (LABEL.test(text)) count++
  }
  return count
}

/**
 * Read a text whose layout no family reader knows, from its labelled lines
 * (`Subject:`/`Objet :`, `From:`/`De :`, `To:`/`À :`, `Date:`, `Ref:`,
 * `No.`, and `FROM X TO Y`), a date line and a classification line in the
 * first lines; the rest is the text. Never silent: a warning at the first
 * line says what was recognised and that the layout was guessed.
 */
export function readLabelledLines(lines: Line[], ctx: TextContext): { header: Header; body: BodyContent[] } {
  const header: Header = {}
  const recognised: string[] = []
  let last = -1
  let first: Line | undefined
  for (let k = 0; k < Math.min(lines.length, HEADER_WINDOW); k++) {
    const raw = lines[k]!
    if (isBlank(raw)) continue
    const line = trimLine(raw)
    first ??= line
    const text = line.text
    const fromTo = FROM_TO.exec(text)
    if (fromTo && !header.from) {
      header.from = fromTo[1]!.trim()
      header.to = [fromTo[2]!.trim()]
      recognised.push('from', 'to')
      last = k
      continue
    }
    const label = LABEL.exec(text)
    if (label) {
      const field = fieldOf(label[1]!)
      const value = label[2]!.trim()
      if (apply(header, field, value)) {
        recognised.push(field)
        last = k
      }
      continue
    }
    const date = header.date ? undefined : (parseFrenchDate(text)?.date ?? parseEnglishDate(text))
    if (date) {
      header.date = date
      recognised.push('date')
      last = k
      continue
    }
    const classification = header.classification ? undefined : resolveClassification(text, 'en')
    if (classification && text.length < 30) {
      header.classification = { level: classification.level, label: text }
      recognised.push('classification')
      last = k
    }
  }
  const place = pointAt(first ?? lines[0]!)
  const found = recognised.length > 0 ? [...new Set(recognised)].join(', ') : 'nothing'
  const reason = `no known cable layout: read as labelled lines (recognised ${found}); the text is everything after the last of them`
  report(ctx.file, 'warning', 'unknown-layout', reason, place)
  header.lang = /^(?:Objet|De|À|Réf)/mu.test(
    lines
      .slice(0, HEADER_WINDOW)
      .map((line) => line.text.trim())
      .join('\n'),
  )
    ? 'fr'
    : 'en'
  return { header, body: buildBody(lines.slice(last + 1), ctx, { ocr: true }) }
}

function apply(header: Header, field: Field, value: string): boolean {
  switch (field) {
    case 'subject':
      header.subject ??= value
      return true
    case 'from':
      header.from ??= value
      return true
    case 'to':
      header.to ??= value.split(/\s*;\s*/).filter((item) => item !== '')
      return true
    case 'date': {
      const date = parseFrenchDate(value)?.date ?? parseEnglishDate(value)
      if (date) header.date ??= date
      return date !== undefined
    }
    case 'reference':
      header.reference ??= value
      return true
    case 'references':
      header.references ??= splitItems(value)
      return true
    case 'classification': {
      const found = resolveClassification(value, 'en') ?? resolveClassification(value, 'fr')
      if (found) header.classification ??= { level: found.level, label: value }
      return found !== undefined
    }
    case 'precedence': {
      const found = resolvePrecedence(value, 'en')
      if (found) header.precedence ??= { level: found.level, label: value }
      return found !== undefined
    }
  }
}
