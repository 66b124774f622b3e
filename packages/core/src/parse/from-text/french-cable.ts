import { report } from '../../diagnostics.js'
import type { Attachment, Cable } from '../../model/schema.js'
import type { BodyContent } from '../../model/nodes.js'
import type { TextContext } from './context.js'
import { parseFrenchDate, titleCase } from './french-dates.js'
import { splitLabels } from './french-labels.js'
import type { LabeledValue } from './french-labels.js'
import { splitItems } from './items.js'
import type { Line } from './lines.js'
import { isBlank, pointAt, sliceLine, trimLine } from './lines.js'
import { checkOcr } from './ocr.js'
import { buildBody } from './paragraphs.js'
import { isRule } from './rules.js'
import { readStamps } from './stamps.js'

type Header = Partial<Omit<Cable, 'body' | 'attachments'>>

const STATE = /^(Royaume|R[ée]publique|[EÉ]tat|Principaut[ée]|Grand-Duch[ée]|Sultanat|[EÉ]mirats?|Conf[ée]d[ée]ration)\b/iu
const MINISTRY = /^Minist[èe]re\b/iu
const POST = /^(Ambassade|Mission|Consulat|Repr[ée]sentation|D[ée]l[ée]gation|Direction|Cabinet|Secr[ée]tariat\s+g[ée]n[ée]ral)\b/iu
const REFERENCE = /^N\s?[°º]\s*:?\s*(\S.*)$/u
/** The sender line, in capitals as the family prints it: `L'AMBASSADEUR …`, `LE MINISTRE`. */
const SENDER =
  /^(L['’]\s?|LE\s+|LA\s+)(AMBASSADEUR|AMBASSADRICE|MINISTRE|CONSUL|CHARG[ÉE]|DIRECT|SECR[ÉE]TAIRE|REPR[ÉE]SENTANT|CHEF|PR[ÉE]SIDENT|WALI|GOUVERNEUR)/u
const ADDRESSEE = /^(Monsieur|Madame|Son\s+Excellence|S\.\s?E\.|Messieurs|MONSIEUR|MADAME|SON\s+EXCELLENCE|MESSIEURS)\b/u
const A_LINE = /^[AÀ](?=\s|$)(.*)$/u
const ARABIC = /\p{Script=Arabic}/u
/** How a letterhead line in capitals goes on: `ET DE LA COOPERATION`, `DES MAROCAINS RESIDANT A L'ETRANGER`, `CHARGE DES …`. */
const CAPITAL_CONTINUATION = /^(?:(?:ET|DE|DES|DU|CHARG[ÉE]E?S?|AUPR[ÈE]S|EN)\s|D['’])\S/u
const FRENCH_SHORT_WORDS = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'et', 'en', 'à', 'au', 'aux', 'l', 'd', 'un', 'une'])

/** Whether a line is the first of a letterhead: the issuing state or ministry (`ROYAUME DU MAROC`, `Ministère …`). */
export function isLetterheadLine(text: string): boolean {
  const value = text.trim()
  return value.length < 120 && (STATE.test(value) || MINISTRY.test(value))
}

/**
 * Whether a line can be a letterhead line of the issuer: state, ministry or
 * post (`Direction des Français à l'étranger`). A post line is not enough to
 * tell a cable from prose, but it does tell a letterhead from a
 * publication's title: the header starts there.
 */
export function isIssuerLine(text: string): boolean {
  const value = text.trim()
  return isLetterheadLine(value) || (POST.test(value) && value.length < 100 && !/[.!?:;]$/.test(value) && !value.includes(' : '))
}

/** Whether a line can open a French cable's header: what {@link readFrenchCable} recognises there. */
export function isFrenchHeaderLine(text: string): boolean {
  const value = text.trim()
  if (value === '') return false
  return (
    STATE.test(value) ||
    MINISTRY.test(value) ||
    REFERENCE.test(value) ||
    (SENDER.test(value) && value.length < 120) ||
    (ADDRESSEE.test(value) && value.length < 200 && !/[.!?]$/.test(value)) ||
    parseFrenchDate(value) !== undefined ||
    /^(TR[ÈE]S\s+URGENTE?|URGENTE?|CONFIDENTIEL|DIFFUSION\s+RESTREINTE|SECRET)\b/u.test(value) ||
    /(Destinataires?\s+Principa|Objet\s*:|R[ée]f\.?\s*:|Transmission\s*:)/u.test(value)
  )
}

/**
 * Read one French ministerial cable (`télégramme`, `lettre`): letterhead
 * lines into `issuer`, `N° …` into `reference`, place and date, stamps,
 * sender, `A` and addressee, distribution and transmission (even run
 * together), `Objet`, `Réf` items, then the body; `P.J.` items become
 * attachments whose bodies are the texts after the following rules, and
 * `Signé :` the signature.
 */
export function readFrenchCable(lines: Line[], ctx: TextContext): { header: Header; body: BodyContent[]; attachments: Attachment[] } {
  const header: Header = { lang: 'fr' }
  let index = 0
  let last: 'ministry' | 'post' | 'subject' | 'references' | undefined
  let expectAddressee = false
  let referenceText: Line[] = []
  let attachments: { label: string; title: string }[] = []
  const take = (value: Line) => checkOcr(value, ctx).replace(/\s+/g, ' ').trim()

  const applyLabel = (entry: LabeledValue, lineIndex: number): number => {
    const text = take(entry.value)
    switch (entry.field) {
      case 'primary':
      case 'cc': {
        const items = text.split(/\s*[,;]\s*/).filter((item) => item !== '')
        if (items.length > 0) header.distribution = { ...header.distribution, [entry.field]: items }
        break
      }
      case 'transmission':
        if (text) header.transmission = text
        break
      case 'subject':
        if (text) header.subject = text
        last = 'subject'
        break
      case 'references':
        referenceText = [entry.value]
        last = 'references'
        break
      case 'signature':
        if (text) header.signature = text
        break
      case 'attachments':
        return readAttachmentList(entry, lineIndex)
    }
    return lineIndex
  }

  /** `P.J. : title`, or `P.J. :` followed by numbered items on the next lines. */
  const readAttachmentList = (entry: LabeledValue, lineIndex: number): number => {
    const parts = [entry.value.text]
    let end = lineIndex
    while (end + 1 < lines.length && !isBlank(lines[end + 1]) && !isRule(lines[end + 1]!.text) && !splitLabels(trimLine(lines[end + 1]!), ctx, false)) {
      end++
      parts.push(lines[end]!.text.trim())
    }
    const numbered = /^(\(?)([A-Za-z]|\d{1,2})[.)]\s/.test(parts.join(' ').trim()) || parts.length > 1
    const items = numbered ? splitItems(parts.join(' ')) : [parts.join(' ').trim()]
    const label = entry.label.replace(/\s+/g, '')
    for (const item of items) {
      const marker = /^\(?([A-Za-z]|\d{1,2})[.)]\s+(.*)$/.exec(item)
      if (numbered && marker) attachments.push({ label: `${label} ${marker[1]}`, title: marker[2]!.trim() })
      else attachments.push({ label, title: item })
    }
    return end
  }

  // Header: every line up to the first that no header rule explains.
  for (; index < lines.length; index++) {
    const raw = lines[index]!
    if (isBlank(raw)) {
      if (last === 'subject' || last === 'references') last = undefined
      continue
    }
    const line = trimLine(raw)
    const text = line.text
    if (isRule(text)) continue
    if (ARABIC.test(text)) {
      const localized = { ...header.issuer?.localized?.['ar'] }
      const slot = /الجمهورية|المملكة|دولة/u.test(text)
        ? 'state'
        : /وزارة/u.test(text)
          ? 'ministry'
          : /سفارة|بعثة|قنصلية|المندوبية/u.test(text)
            ? 'post'
            : (['state', 'ministry', 'post'] as const).find((key) => !localized[key])
      if (slot) localized[slot] = localized[slot] ? `${localized[slot]} ${text}` : text
      header.issuer = { ...header.issuer, localized: { ...header.issuer?.localized, ar: localized } }
      continue
    }
    // A letterhead name wrapped onto the next line (`Ministère des Affaires Étrangères` / `et de la Coopération`, in capitals too).
    if (
      (last === 'ministry' || last === 'post') &&
      (/^(?:et\s|\p{Ll})/u.test(text) || (isCapitals(header.issuer?.[last] ?? '') && CAPITAL_CONTINUATION.test(text)))
    ) {
      header.issuer = { ...header.issuer, [last]: `${header.issuer?.[last]} ${text}` }
      continue
    }
    last = last === 'ministry' || last === 'post' ? undefined : last
    if (last === 'subject' && !splitLabels(line, ctx, false)) {
      header.subject = `${header.subject ?? ''} ${take(line)}`.trim()
      continue
    }
    if (last === 'references' && !splitLabels(line, ctx, false)) {
      referenceText.push(line)
      continue
    }
    const labels = splitLabels(line, ctx)
    if (labels) {
      if (labels.before.text !== '') readAddressee(labels.before)
      for (const entry of labels.values) index = applyLabel(entry, index)
      expectAddressee = false
      continue
    }
    if (!header.issuer?.state && STATE.test(text) && text.length < 80) {
      header.issuer = { ...header.issuer, state: text }
      continue
    }
    if (!header.issuer?.ministry && MINISTRY.test(text) && text.length < 120) {
      header.issuer = { ...header.issuer, ministry: text }
      last = 'ministry'
      continue
    }
    if (!header.issuer?.post && POST.test(text) && text.length < 120 && !/[.!?]$/.test(text)) {
      header.issuer = { ...header.issuer, post: text }
      last = 'post'
      continue
    }
    const reference = REFERENCE.exec(text)
    if (!header.reference && reference && text.length < 60) {
      header.reference = reference[1]!.trim()
      continue
    }
    const date = !header.date ? parseFrenchDate(text) : undefined
    if (date) {
      header.date = date.date
      if (date.place) header.place = date.place
      continue
    }
    const stamps = !header.precedence || !header.classification ? readStamps(line, ctx) : undefined
    if (stamps && (stamps.precedence || stamps.classification)) {
      if (stamps.precedence && !header.precedence) header.precedence = stamps.precedence
      if (stamps.classification && !header.classification) header.classification = stamps.classification
      continue
    }
    const aLine = A_LINE.exec(text)
    if (aLine && text.length < 30) {
      const rest = sliceLine(line, text.length - aLine[1]!.length)
      const restTrimmed = trimLine(rest)
      if (ADDRESSEE.test(restTrimmed.text)) readAddressee(restTrimmed)
      else {
        if (restTrimmed.text !== '')
          report(ctx.file, 'warning', 'ocr-noise', `dropped \`${restTrimmed.text}\` after \`A\`: it reads as OCR noise`, pointAt(restTrimmed), {
            actual: restTrimmed.text,
          })
        expectAddressee = true
      }
      continue
    }
    if (expectAddressee || (!header.to && ADDRESSEE.test(text) && text.length < 200 && !/[.!?]$/.test(text))) {
      readAddressee(line)
      expectAddressee = false
      continue
    }
    if (!header.from && SENDER.test(text) && text.length < 120) {
      header.from = stripTrailingNoise(line, ctx)
      continue
    }
    // A line followed by a lone `A`: the sender, whatever its wording.
    const next = nextNonBlank(lines, index + 1)
    if (!header.from && next && A_LINE.test(next.text.trim()) && next.text.trim().length < 30 && text.length < 120) {
      header.from = stripTrailingNoise(line, ctx)
      continue
    }
    if (isJunk(text) && !header.subject) {
      report(ctx.file, 'warning', 'ocr-noise', `dropped \`${text}\` from the header: it reads as OCR noise`, pointAt(line), { actual: text })
      continue
    }
    // A town alone under the post (`Bruxelles`, `Le Caire`): the place, printed without a date. A sub-unit of the post has a `de`.
    if (
      header.issuer?.post &&
      !header.place &&
      !header.date &&
      !header.from &&
      !header.to &&
      !header.subject &&
      PLACE_ALONE.test(text) &&
      !LETTERHEAD_WORD.test(text)
    ) {
      header.place = isCapitals(text) ? titleCase(text) : text
      report(ctx.file, 'info', 'guessed-field', `read \`${text}\` as the place (a town alone under the issuing post)`, pointAt(line))
      continue
    }
    // A letterhead line no pattern knows (`Wilaya de …`), right under the state or ministry: the issuing post.
    const letterheadOnly = header.issuer && !header.reference && !header.date && !header.from && !header.to && !header.subject
    if (letterheadOnly && text.length < 100 && !/[.!?;:]$/.test(text)) {
      // Under a post already read, a sub-unit of it (`Service de l'action consulaire`), even after a blank line: the letterhead goes on.
      const post = header.issuer?.post
      header.issuer = { ...header.issuer, post: post ? `${post}, ${take(line)}` : take(line) }
      report(
        ctx.file,
        'info',
        'guessed-field',
        post
          ? `read \`${text}\` as part of the issuing post (a letterhead line under it)`
          : `read \`${text}\` as the issuing post (a letterhead line under the state or ministry)`,
        pointAt(line),
      )
      last = 'post'
      continue
    }
    break
  }
  if (referenceText.length > 0) {
    const joined = referenceText.map((line) => take(line)).join(' ')
    const lineStarts = referenceText.length > 1 && referenceText.slice(1).every((line) => /^[-–—•]/.test(line.text))
    const items = lineStarts ? referenceText.map((line) => take(line).replace(/^[-–—•]\s*/, '')).filter((item) => item !== '') : splitItems(joined)
    if (items.length > 0) header.references = items
  }

  function readAddressee(line: Line): void {
    const value = stripTrailingNoise(line, ctx)
    if (value) header.to = [...(header.to ?? []), value]
  }

  // Body: up to a `P.J.` list; the texts after the following rules are the attachments' bodies.
  const bodyLines: Line[] = []
  const segments: Line[][] = []
  let inAttachments = false
  for (; index < lines.length; index++) {
    const raw = lines[index]!
    const line = trimLine(raw)
    if (inAttachments) {
      if (isRule(line.text)) segments.push([])
      else segments.at(-1)!.push(raw)
      continue
    }
    if (isRule(line.text)) {
      if (attachments.length > 0) {
        inAttachments = true
        segments.push([])
      } else bodyLines.push({ ...raw, text: '' })
      continue
    }
    const labels = /^(P\.\s?J|PJ|Pi[èe]ce|Sign)/u.test(line.text) ? splitLabels(line, ctx, false) : undefined
    const first = labels?.values[0]
    if (labels && first && labels.before.text === '' && (first.field === 'attachments' || first.field === 'signature')) {
      if (first.field === 'signature') {
        const signature = take(first.value)
        if (signature) header.signature = signature
      } else index = readAttachmentList(first, index)
      continue
    }
    bodyLines.push(raw)
  }
  const body = buildBody(bodyLines, ctx, { semicolonLists: true, ocr: true, markerLists: true })
  const filled = segments.filter((segment) => segment.some((line) => !isBlank(line)))
  const built: Attachment[] = attachments.map((attachment, k) => ({
    ...attachment,
    body: filled[k] ? withoutTitle(buildBody(filled[k]!, ctx, { semicolonLists: true, ocr: true, markerLists: true }), attachment.title) : [],
  }))
  // More texts than announced attachments: they belong to the last one.
  if (built.length > 0)
    for (const extra of filled.slice(built.length)) built.at(-1)!.body.push(...buildBody(extra, ctx, { semicolonLists: true, ocr: true, markerLists: true }))
  attachments = built
  return { header, body, attachments: built }
}

/** An attachment's text often prints its title again as its first line: once is enough. */
function withoutTitle(body: BodyContent[], title: string): BodyContent[] {
  const first = body[0]
  if (first?.type !== 'paragraph' || first.children.length !== 1) return body
  const text = first.children[0]!
  const fold = (value: string) =>
    value
      .toLowerCase()
      .replace(/[\s.:]+$/, '')
      .trim()
  return text.type === 'text' && title !== '' && fold(text.value) === fold(title) ? body.slice(1) : body
}

/** Words of a letterhead's units, which a town's name alone does not have. */
const LETTERHEAD_WORD = /\b(?:Service|Direction|Bureau|Cabinet|Section|Division|Département|Consulat|Ambassade|Mission|Délégation|Secrétariat)\b/i
/** A town's name alone: one to three capitalised words (`Bruxelles`, `Addis-Abeba`, `Le Caire`, `NEW YORK`). */
const PLACE_ALONE = /^\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+){0,2}$/u

/** Whether a text is written in capitals (at least one letter, no lower-case one). */
function isCapitals(text: string): boolean {
  return /\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text)
}

function nextNonBlank(lines: Line[], from: number): Line | undefined {
  for (let k = from; k < lines.length && k < from + 3; k++) if (!isBlank(lines[k])) return lines[k]
  return undefined
}

/**
 * A short line of short tokens that no rule explains: what OCR makes of
 * stamps, seals and signatures (`3 AY Ban GUA`).
 */
function isJunk(text: string): boolean {
  if (text.length > 24 || /[:.]$/.test(text)) return false
  const tokens = text.split(/\s+/)
  return tokens.length <= 5 && tokens.every((token) => token.length <= 4)
}

/**
 * The sender or addressee without the OCR debris that trails it (`L'AMBASSADEUR
 * … LE ROI Q \`, `… Coopération Bo him`): non-letters, single letters, short
 * lower-case non-words, and short words just before such debris. A warning
 * tells what was dropped.
 */
function stripTrailingNoise(line: Line, ctx: TextContext): string {
  const tokens = [...line.text.matchAll(/\S+/g)]
  let keep = tokens.length
  let stripped = false
  while (keep > 1) {
    const token = tokens[keep - 1]![0]
    const noise =
      !/\p{L}/u.test(token) ||
      (token.length === 1 && !/^[AÀaà]$/u.test(token)) ||
      (token.length <= 3 && /^\p{Ll}+$/u.test(token) && !FRENCH_SHORT_WORDS.has(token)) ||
      (stripped && token.length <= 3 && /^\p{Lu}\p{Ll}*$/u.test(token))
    if (!noise) break
    stripped = true
    keep--
  }
  if (keep === tokens.length) return checkOcr(line, ctx).replace(/\s+/g, ' ').trim()
  const cut = tokens[keep]!.index
  const dropped = line.text.slice(cut).trim()
  report(ctx.file, 'warning', 'ocr-noise', `dropped \`${dropped}\` at the end of the line: it reads as OCR noise`, pointAt(line, cut), { actual: dropped })
  return checkOcr(sliceLine(line, 0, cut), ctx)
    .replace(/\s+/g, ' ')
    .trim()
}
