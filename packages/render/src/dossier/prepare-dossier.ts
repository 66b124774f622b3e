import type { RootContent } from 'mdast'
import { editorialMarks, fromMarkdown, redact } from '@cablekit/core'
import type { Cable } from '@cablekit/core'
import { dateValue } from '../text/format-date.js'
import type { ThemeName } from '../themes/registry.js'
import type { ThemeData } from '../themes/theme.js'
import type { Dossier, DossierEntry, DossierOptions } from './dossier.js'

/** A dossier ready to lay out: texts redacted, editorial marks applied, cables in order. */
export interface PreparedDossier {
  title: string
  subtitle?: string
  editor?: string
  date?: string
  lang: string
  introduction: RootContent[]
  cables: { cable: Cable; theme?: ThemeName | ThemeData }[]
  creationDate: Date
}

/**
 * Redact (when asked), apply editorial marks and order the cables of a
 * dossier. The dossier's own title, subtitle, editor and introduction go
 * through the same texts and expressions, so a name withheld in the cables
 * is not printed on the cover either.
 */
export function prepareDossier(dossier: Dossier, options: DossierOptions): PreparedDossier {
  const entries: DossierEntry[] = dossier.cables.map((item) => ('cable' in item && !('body' in item) ? (item as DossierEntry) : { cable: item as Cable }))
  const rules = options.redact
  const cables = entries.map((entry, index) => {
    const redacted = rules ? redact(entry.cable, { ...rules, cableIndex: index }).cable : entry.cable
    const theme = entry.theme ?? options.theme
    return { cable: editorialMarks(redacted, { annotate: options.annotate === true }), ...(theme ? { theme } : {}) }
  })
  const order = options.order ?? 'listed'
  if (order === 'date') stableSort(cables, (a, b) => compareOptional(a.cable.date, b.cable.date, (x, y) => (x < y ? -1 : x > y ? 1 : 0)))
  if (order === 'reference') stableSort(cables, (a, b) => compareOptional(a.cable.reference ?? a.cable.id, b.cable.reference ?? b.cable.id, naturalCompare))

  const lang = dossier.lang ?? cables[0]?.cable.lang ?? 'fr'
  const intro = dossier.introduction
    ? fromMarkdown(`---\nlang: ${JSON.stringify(lang)}\n---\n\n${dossier.introduction}`, { path: 'introduction.md' }).cables[0]
    : undefined
  // The dossier's own texts go through the same texts and expressions (not fields: those name cable fields).
  const own: Cable = {
    subject: dossier.title,
    ...(dossier.editor ? { from: dossier.editor } : {}),
    ...(dossier.subtitle ? { publication: { title: dossier.subtitle } } : {}),
    body: intro ? [...intro.body, ...intro.attachments.flatMap((a) => a.body)] : [],
    attachments: [],
  }
  const cleaned = rules ? redact(own, { ...rules, fields: [], key: undefined }).cable : own
  const epoch = (options.env ?? process.env)['SOURCE_DATE_EPOCH']
  const creationDate = options.creationDate ?? dateValue(dossier.date) ?? (epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date(0))
  return {
    title: cleaned.subject ?? dossier.title,
    ...(cleaned.publication?.title ? { subtitle: cleaned.publication.title } : {}),
    ...(cleaned.from ? { editor: cleaned.from } : {}),
    ...(dossier.date ? { date: dossier.date } : {}),
    lang,
    introduction: cleaned.body as RootContent[],
    cables,
    creationDate,
  }
}

function stableSort<T>(items: T[], compare: (a: T, b: T) => number): void {
  const indexed = items.map((item, index) => ({ item, index }))
  indexed.sort((a, b) => compare(a.item, b.item) || a.index - b.index)
  indexed.forEach((entry, index) => (items[index] = entry.item))
}

/** Missing values sort last. */
function compareOptional(a: string | undefined, b: string | undefined, compare: (a: string, b: string) => number): number {
  if (a === undefined) return b === undefined ? 0 : 1
  if (b === undefined) return -1
  return compare(a, b)
}

/** `09RABAT412` before `09RABAT1200`: digits compare as numbers; no locale data, so every machine sorts alike. */
export function naturalCompare(a: string, b: string): number {
  const split = (value: string) => value.toLowerCase().match(/\d+|\D+/g) ?? []
  const x = split(a)
  const y = split(b)
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i]!
    const q = y[i]!
    if (p === q) continue
    if (/^\d/.test(p) && /^\d/.test(q)) return Number(p) - Number(q) || p.length - q.length
    return p < q ? -1 : 1
  }
  return x.length - y.length
}
