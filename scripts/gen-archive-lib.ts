/**
 * A synthetic archive of diplomatic cables for tests and benchmarks: French
 * ministerial cables and US telegrams in Markdown, WikiLeaks-style raw text
 * telegrams and JSON, 1 to 6 pages each, in year/post folders, with a chosen
 * number of malformed files whose failure is certain. Seeded: the same
 * options give the same bytes on every machine.
 *
 * The `cablegate` profile writes only WikiLeaks raw-text records of US
 * telegrams, with the lengths, classifications, years and posts of the 2010
 * Cablegate release (see {@link CABLEGATE_SHAPE}).
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'

/** The kinds of well-formed files the generator writes. */
export type CableKind = 'markdown-fr' | 'markdown-us' | 'text-us' | 'json'

/** The ways a malformed file is broken; each one is an error for `parse`, so the file must fail. */
export type MalformedKind = 'bad-yaml' | 'unknown-precedence' | 'bad-date' | 'unclosed-front-matter' | 'binary' | 'cut-json' | 'empty-text'

/**
 * What kind of archive to write: `mixed` (the default) draws the four kinds
 * evenly; `cablegate` writes WikiLeaks raw-text US telegrams shaped like the
 * Cablegate release, and ignores `kinds` and `pages`.
 */
export type ArchiveProfile = 'mixed' | 'cablegate'

/** Options of {@link generateArchive}. */
export interface GenerateArchiveOptions {
  /** Which archive to write (default `mixed`). */
  profile?: ArchiveProfile
  /** Folder to write into (created). */
  out: string
  /** How many cable files. */
  count: number
  /** PRNG seed (default 1). */
  seed?: number
  /** How many of the `count` files are malformed (default 0). */
  malformed?: number
  /** Kinds of well-formed files, drawn evenly (default: all four). */
  kinds?: CableKind[]
  /** Kinds of breakage, cycled (default: all). */
  malformedKinds?: MalformedKind[]
  /** Smallest and largest length in pages (default 1 to 6). */
  pages?: [number, number]
  /**
   * How many extra files that are not cable sources to add (default 0): web pages (`.html`) and
   * binary thumbnails (`.thumb`). Not `.png`: images are scans, read by OCR.
   */
  others?: number
}

/** What {@link generateArchive} wrote. */
export interface GeneratedArchive {
  /** Paths (POSIX, relative to `out`) of every cable file, in order. */
  files: string[]
  /** The malformed ones among them. */
  malformed: string[]
  /** The extra non-source files. */
  others: string[]
  /** Files per kind. */
  byKind: Record<string, number>
  /** Total bytes written. */
  bytes: number
}

/** One generated file. */
export interface GeneratedFile {
  path: string
  bytes: Uint8Array
  kind: CableKind | MalformedKind
}

const ALL_KINDS: CableKind[] = ['markdown-fr', 'markdown-us', 'text-us', 'json']
const ALL_MALFORMED: MalformedKind[] = ['bad-yaml', 'unknown-precedence', 'bad-date', 'unclosed-front-matter', 'binary', 'cut-json', 'empty-text']
const WORDS_PER_PAGE = 380

/**
 * Write a synthetic archive. File `i` depends only on the seed, `i` and the
 * options, never on the clock or the machine.
 *
 * @example const archive = await generateArchive({ out: 'tmp/archive', count: 300, malformed: 5, seed: 42 })
 */
export async function generateArchive(options: GenerateArchiveOptions): Promise<GeneratedArchive> {
  const seed = options.seed ?? 1
  const malformedIndices = pickIndices(options.count, options.malformed ?? 0, seed)
  const result: GeneratedArchive = { files: [], malformed: [], others: [], byKind: {}, bytes: 0 }
  const pending: Promise<void>[] = []
  const write = async (file: GeneratedFile) => {
    const path = join(options.out, file.path)
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, file.bytes)
  }
  let malformedSeen = 0
  for (let index = 0; index < options.count; index++) {
    const broken = malformedIndices.has(index)
    const file = generateFile(index, seed, {
      ...options,
      ...(broken ? { breakage: (options.malformedKinds ?? ALL_MALFORMED)[malformedSeen++ % (options.malformedKinds ?? ALL_MALFORMED).length]! } : {}),
    })
    result.files.push(file.path)
    if (broken) result.malformed.push(file.path)
    result.byKind[file.kind] = (result.byKind[file.kind] ?? 0) + 1
    result.bytes += file.bytes.byteLength
    pending.push(write(file))
    if (pending.length >= 64) await Promise.all(pending.splice(0))
  }
  for (let index = 0; index < (options.others ?? 0); index++) {
    const random = prng(seed, 1e9 + index)
    const path = `${1990 + Math.floor(random() * 20)}/scans/page-${index + 1}.${index % 2 === 0 ? 'html' : 'thumb'}`
    const bytes =
      index % 2 === 0
        ? new TextEncoder().encode(`<html><body>page ${index + 1}</body></html>\n`)
        : Uint8Array.from({ length: 64 }, () => Math.floor(random() * 256))
    result.others.push(path)
    result.bytes += bytes.byteLength
    pending.push(write({ path, bytes, kind: 'json' }))
  }
  await Promise.all(pending)
  return result
}

/**
 * Make file `index` of an archive: pure, so tests can regenerate any file.
 *
 * @param options the archive's options, plus the breakage when this file is malformed.
 */
export function generateFile(
  index: number,
  seed: number,
  options: Pick<GenerateArchiveOptions, 'kinds' | 'pages' | 'profile'> & { breakage?: MalformedKind },
): GeneratedFile {
  if (options.profile === 'cablegate') return cablegateFile(index, seed, options.breakage)
  const random = prng(seed, index)
  const kinds = options.kinds ?? ALL_KINDS
  const kind = kinds[index % kinds.length]!
  const [minPages, maxPages] = options.pages ?? [1, 6]
  const pages = minPages + Math.floor(random() * (maxPages - minPages + 1))
  const meta = metadata(index, random, kind === 'markdown-fr' ? 'fr' : 'en')
  if (options.breakage) return malformed(options.breakage, meta, random, pages)
  const encoder = new TextEncoder()
  if (kind === 'markdown-fr') return { path: `${meta.year}/${meta.folder}/${meta.id}.md`, bytes: encoder.encode(frenchMarkdown(meta, random, pages)), kind }
  if (kind === 'markdown-us') return { path: `${meta.year}/${meta.folder}/${meta.id}.md`, bytes: encoder.encode(usMarkdown(meta, random, pages)), kind }
  if (kind === 'text-us') return { path: `${meta.year}/${meta.folder}/${meta.id}.txt`, bytes: encoder.encode(usText(meta, random, pages)), kind }
  return { path: `${meta.year}/${meta.folder}/${meta.id}.json`, bytes: encoder.encode(jsonCables(meta, random, pages)), kind }
}

interface Meta {
  id: string
  year: number
  folder: string
  post: string
  city: string
  date: string
  time: string
  month: number
  day: number
  serial: number
  subject: string
  precedence: string
  classification: string
}

const POSTS = [
  { post: 'RABAT', city: 'Rabat', fr: 'Rabat' },
  { post: 'PARIS', city: 'Paris', fr: 'Paris' },
  { post: 'BRUSSELS', city: 'Brussels', fr: 'Bruxelles' },
  { post: 'MADRID', city: 'Madrid', fr: 'Madrid' },
  { post: 'ALGIERS', city: 'Algiers', fr: 'Alger' },
  { post: 'TUNIS', city: 'Tunis', fr: 'Tunis' },
  { post: 'CAIRO', city: 'Cairo', fr: 'Le Caire' },
  { post: 'DAKAR', city: 'Dakar', fr: 'Dakar' },
] as const

const FR_WORDS =
  'ambassade ministère coopération réunion entretien délégation sommet sécurité partenariat initiative région méditerranée accord dialogue conseil stratégie programme développement échange position gouvernement autorités demande assistance menace information sources relations politique économique commerce frontière mission rapport semaine prochaine dernière question projet soutien interlocuteur secrétaire général adjoint affaires étrangères alliés capacités défense formation coordination calendrier proposition réponse évolution situation préoccupation intérêt perspective mesure résolution engagement volonté analyse'.split(
    ' ',
  )
const FR_GLUE = 'le la les de du des et à en pour avec sur dans que qui a été sont par au aux cette ce ses leur notre'.split(' ')
const EN_WORDS =
  'embassy ministry officials meeting government security cooperation region assistance request threat reporting sources partnership program summit allies support intelligence border trade policy minister ambassador counterpart discussion proposal response concern interest development initiative delegation council framework agreement capacity training coordination schedule position statement analysis outlook measure commitment'.split(
    ' ',
  )
const EN_GLUE = 'the of and to in for with on that by as at from its their our this has have was were'.split(' ')
const FR_PRECEDENCE = ['Routine', 'Urgent', 'Très urgent', 'Prioritaire']
const FR_CLASSIFICATION = ['Confidentiel', 'Secret', 'Diffusion restreinte', 'Non protégé']
const US_PRECEDENCE = ['ROUTINE', 'PRIORITY', 'IMMEDIATE']
const US_CLASSIFICATION = ['CONFIDENTIAL', 'SECRET', 'UNCLASSIFIED', 'CONFIDENTIAL//NOFORN']
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']

function metadata(index: number, random: () => number, lang: 'fr' | 'en'): Meta {
  const year = 2000 + Math.floor(random() * 11)
  const month = 1 + Math.floor(random() * 12)
  const day = 1 + Math.floor(random() * 28)
  const place = POSTS[Math.floor(random() * POSTS.length)]!
  const serial = 100 + index
  const hour = Math.floor(random() * 24)
  const minute = Math.floor(random() * 60)
  const date = `${year}-${pad(month)}-${pad(day)}`
  const subject = sentence(random, lang === 'fr' ? FR_WORDS : EN_WORDS, lang === 'fr' ? FR_GLUE : EN_GLUE, 4, 9).replace(/\.$/, '')
  return {
    id: lang === 'fr' ? `${serial}-${place.post.slice(0, 3)}-${year}-CRY` : `${String(year).slice(2)}${place.post}${serial}`,
    year,
    folder: place.post.toLowerCase(),
    post: place.post,
    city: lang === 'fr' ? place.fr : place.city,
    date,
    time: `${pad(hour)}${pad(minute)}`,
    month,
    day,
    serial,
    subject: lang === 'fr' ? subject : subject.toUpperCase(),
    precedence: pick(random, lang === 'fr' ? FR_PRECEDENCE : US_PRECEDENCE),
    classification: pick(random, lang === 'fr' ? FR_CLASSIFICATION : US_CLASSIFICATION),
  }
}

function frenchMarkdown(meta: Meta, random: () => number, pages: number): string {
  const paragraphs = body(random, pages, FR_WORDS, FR_GLUE).map((text, i) => {
    if (i === 1 && random() < 0.3) return `${text} Le nom de :redact[M. Dupont]{reason="vie privée"} a été cité.`
    if (i === 2 && random() < 0.3) return `${text} Il a évoqué :sic[cefte] question.`
    return text
  })
  if (random() < 0.4) paragraphs.splice(1, 0, '– Premier point de la demande ;\n– Deuxième point de la demande ;\n– Troisième point.')
  const attachment =
    random() < 0.25
      ? `\n\n## PJ : Note sur ${sentence(random, FR_WORDS, FR_GLUE, 3, 6).replace(/\.$/, '').toLowerCase()}\n\n${body(random, 1, FR_WORDS, FR_GLUE).slice(0, 2).join('\n\n')}`
      : ''
  return `---
id: ${meta.id}
lang: fr
reference: ${meta.serial}/${meta.post.slice(0, 3)}/${meta.year}/CRY
issuer:
  state: Royaume du Maroc
  ministry: Ministère des Affaires Étrangères et de la Coopération
  post: Ambassade du Royaume du Maroc à ${meta.city}
  localized:
    ar:
      state: المملكة المغربية
from: L'Ambassadeur de Sa Majesté le Roi
to: Monsieur le Ministre des Affaires Étrangères et de la Coopération
place: ${meta.city}
date: ${meta.date}
precedence: ${meta.precedence}
classification: ${meta.classification}
distribution:
  primary: [Cab 1, SG/4]
  cc: [Cab 2]
transmission: Cryptée
subject: "${meta.subject}."
references:
  - Ma lettre N° ${meta.serial - 1}/${meta.post.slice(0, 3)}/${meta.year}/CRY
signature: L'Ambassadeur
---

J'ai l'honneur de porter à votre connaissance ${paragraphs.join('\n\n')}${attachment}
`
}

function usMarkdown(meta: Meta, random: () => number, pages: number): string {
  const marking = portion(meta.classification)
  const paragraphs = body(random, pages, EN_WORDS, EN_GLUE).map((text, i) => `${i + 1}\\. (${marking}) ${text.toUpperCase()}`)
  return `---
id: ${meta.id}
lang: en
reference: ${meta.post} ${String(meta.serial).padStart(6, '0')}
from: AMEMBASSY ${meta.post}
to: SECSTATE WASHDC
info: [AMEMBASSY PARIS, USMISSION USNATO]
place: ${meta.city}
date: ${meta.date}T${meta.time.slice(0, 2)}:${meta.time.slice(2)}Z
precedence: ${meta.precedence}
classification: ${meta.classification}
declassification: "E.O. 12958: DECL: ${pad(meta.month)}/${pad(meta.day)}/${meta.year + 10}"
tags: [PREL, PTER, ${meta.post.slice(0, 2)}]
subject: ${meta.subject}
references:
  - A. ${meta.post} ${meta.serial - 3}
classifiedBy: Political Counselor for reasons 1.4 (b) and (d).
signature: SMITH
---

${paragraphs.join('\n\n')}
`
}

function usText(meta: Meta, random: () => number, pages: number): string {
  const marking = portion(meta.classification)
  const weekday = DAYS[new Date(Date.UTC(meta.year, meta.month - 1, meta.day)).getUTCDay()]!
  const dtg = `${pad(meta.day)}${meta.time}Z ${MONTHS[meta.month - 1]} ${String(meta.year).slice(2)}`
  const banner = meta.classification.split('//')[0]!.split('').join(' ')
  const paragraphs = body(random, pages, EN_WORDS, EN_GLUE).map((text, i) => `¶${i + 1}. (${marking}) ${text.toUpperCase()}`)
  const action = meta.precedence === 'IMMEDIATE' ? 'O' : meta.precedence === 'PRIORITY' ? 'P' : 'R'
  return `${meta.id}
${meta.subject}
${weekday} ${MONTHS[meta.month - 1]!.charAt(0)}${MONTHS[meta.month - 1]!.slice(1).toLowerCase()} ${pad(meta.day)} ${meta.time.slice(0, 2)}:${meta.time.slice(2)}:00 +0000 ${meta.year}
${meta.classification}
Embassy ${meta.city}
VZCZCXRO${meta.serial}
${action}${action} RUEHBS RUEHNO
DE RUEH${meta.post.slice(0, 2)} #${String(meta.serial).padStart(4, '0')}/01 ${meta.time}
ZNY CCCCC ZZH
${action} ${dtg}
FM AMEMBASSY ${meta.post}
TO RUEHC/SECSTATE WASHDC ${meta.precedence} ${meta.serial}
INFO RUEHFR/AMEMBASSY PARIS ${meta.precedence} ${meta.serial + 1}
BT
${banner} ${meta.post} ${String(meta.serial).padStart(6, '0')}

SIPDIS

E.O. 12958: DECL: ${pad(meta.month)}/${pad(meta.day)}/${meta.year + 10}
TAGS: PREL, PTER, ${meta.post.slice(0, 2)}
SUBJECT: ${meta.subject}

REF: A. ${meta.post} ${meta.serial - 3}

Classified By: Political Counselor for reasons 1.4 (b) and (d).

${paragraphs.join('\n\n')}

SMITH
`
}

function jsonCables(meta: Meta, random: () => number, pages: number): string {
  const one = (suffix: string, share: number) => ({
    id: `${meta.id}${suffix}`,
    lang: 'en',
    from: `AMEMBASSY ${meta.post}`,
    to: ['SECSTATE WASHDC'],
    place: meta.city,
    date: meta.date,
    precedence: { level: meta.precedence.toLowerCase(), label: meta.precedence },
    classification: { level: meta.classification.startsWith('CONFIDENTIAL') ? 'confidential' : meta.classification.toLowerCase(), label: meta.classification },
    subject: meta.subject,
    tags: ['PREL', meta.post.slice(0, 2)],
    signature: 'SMITH',
    body: body(random, share, EN_WORDS, EN_GLUE).map((text, i) => ({
      type: 'paragraph',
      children: [{ type: 'text', value: `${i + 1}. (${portion(meta.classification)}) ${text.toUpperCase()}` }],
    })),
    attachments: [],
  })
  // One JSON file in four holds two cables, as `parse --json` prints them.
  const value = random() < 0.25 ? [one('A', Math.max(1, Math.floor(pages / 2))), one('B', Math.max(1, Math.ceil(pages / 2)))] : one('', pages)
  return `${JSON.stringify(value, null, 2)}\n`
}

function malformed(kind: MalformedKind, meta: Meta, random: () => number, pages: number): GeneratedFile {
  const encoder = new TextEncoder()
  const at = (extension: string, text: string | Uint8Array): GeneratedFile => ({
    path: `${meta.year}/${meta.folder}/${meta.id}.${extension}`,
    bytes: typeof text === 'string' ? encoder.encode(text) : text,
    kind,
  })
  const good = usMarkdown(meta, random, Math.min(pages, 2))
  switch (kind) {
    case 'bad-yaml':
      return at('md', good.replace(/^subject: .*$/m, `subject: "${meta.subject}`).replace(/^tags: .*$/m, 'tags: [PREL, PTER'))
    case 'unknown-precedence':
      return at('md', good.replace(/^precedence: .*$/m, 'precedence: ULTRA RAPIDE'))
    case 'bad-date':
      return at('md', good.replace(/^date: .*$/m, `date: ${pad(meta.day)}/${pad(meta.month)}/${meta.year}`))
    case 'unclosed-front-matter':
      return at('md', good.replace(/\n---\n/, '\n\n'))
    case 'binary':
      return at(
        'txt',
        Uint8Array.from({ length: 2048 }, (_, i) => (i % 7 === 0 ? 0 : Math.floor(random() * 256))),
      )
    case 'cut-json': {
      const json = jsonCables(meta, random, pages)
      return at('json', json.slice(0, Math.floor(json.length / 2)))
    }
    case 'empty-text':
      return at('txt', '')
  }
}

function body(random: () => number, pages: number, words: string[], glue: string[]): string[] {
  const paragraphs: string[] = []
  let count = 0
  while (count < pages * WORDS_PER_PAGE) {
    const sentences: string[] = []
    const length = 3 + Math.floor(random() * 4)
    for (let i = 0; i < length; i++) sentences.push(sentence(random, words, glue, 8, 20))
    const text = sentences.join(' ')
    count += text.split(' ').length
    paragraphs.push(text)
  }
  return paragraphs
}

function sentence(random: () => number, words: string[], glue: string[], min: number, max: number): string {
  const length = min + Math.floor(random() * (max - min + 1))
  const parts: string[] = []
  for (let i = 0; i < length; i++) parts.push(i % 2 === 1 ? pick(random, glue) : pick(random, words))
  const text = parts.join(' ')
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`
}

function portion(classification: string): string {
  return classification.startsWith('SECRET') ? 'S' : classification.startsWith('CONFIDENTIAL') ? 'C' : 'U'
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!
}

function pad(value: number): string {
  return String(value).padStart(2, '0')
}

/** Which `count` of the indices are malformed: spread through the archive by a seeded shuffle. */
function pickIndices(total: number, count: number, seed: number): Set<number> {
  const random = prng(seed, -1)
  const chosen = new Set<number>()
  const wanted = Math.min(count, total)
  while (chosen.size < wanted) chosen.add(Math.floor(random() * total))
  return chosen
}

/** mulberry32, seeded from the archive seed and the file's index, so each file stands alone. */
function prng(seed: number, index: number): () => number {
  let state = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 0x7f4a7c15, 0xc2b2ae35)) >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** One row of a shape table: a share of the archive. */
export interface ShapeRow<T> {
  value: T
  /** How many cables of the release (classifications) or what share of it (the rest). */
  weight: number
}

/**
 * The shape of the Cablegate release that the `cablegate` profile draws from.
 *
 * - `classifications`: cables of each marking in the whole release (251,287).
 *   The three totals (133,887 unclassified, 101,748 confidential, 15,652
 *   secret) are WikiLeaks' figures as the press reported them on 29 November
 *   2010 (e.g. Knoxville Daily Sun, "Secret U.S. Embassy cables reveal US
 *   Government foreign activities"); 4,330 SECRET//NOFORN is DPA's figure
 *   (27 November 2010), and the New York Times' note to readers (28 November
 *   2010) gives "about 11,000" secret and "9,000 or so" NOFORN, which the
 *   split below matches. The UNCLASSIFIED / FOR OFFICIAL USE ONLY split is
 *   WikiLeaks' own breakdown as commonly reproduced, not checked here.
 * - `words`: words of the record after its five metadata lines (routing,
 *   header and text), by band, drawn log-uniformly within a band. The 64
 *   records with text in `tests/fixtures/cablegate` have a median of 562 and a
 *   mean of 869 words (9% under 250, 33% 250–500, 33% 500–1,000, 17%
 *   1,000–2,000, 6% 2,000–4,000, 2% above); the release has 261,276,536 words
 *   in 251,287 cables, 1,040 a cable, so the bands lean longer than the sample
 *   to give that mean (the sample is mostly short unclassified Harare cables).
 * - `years`: share of cables by year band (uniform within a band): "the vast
 *   majority come from 2004 or later" and 9,005 from January–February 2010
 *   (Der Spiegel's FAQ); the rest of the curve is an approximation.
 * - `partialExtract`: share of records that are WikiLeaks' "partial extract"
 *   (no routing header) before 2004 and from 2004, as in the sample (52 of 55
 *   before 2004, 1 of 9 after).
 * - `posts`: 274 posts sent the cables; their volumes fall off like
 *   1 / (rank + 10), so the busiest post sends about 3% of the cables (Ankara,
 *   Baghdad and the Department each sent 2.5–3.2%).
 *
 * The sample's six metadata-only records are left out: they are an artefact
 * of the conversion the fixtures come from, and every cable of the release
 * has a text.
 */
export const CABLEGATE_SHAPE = {
  total: 251_287,
  classifications: [
    { value: 'UNCLASSIFIED', weight: 75_792 },
    { value: 'UNCLASSIFIED//FOR OFFICIAL USE ONLY', weight: 58_095 },
    { value: 'CONFIDENTIAL', weight: 97_070 },
    { value: 'CONFIDENTIAL//NOFORN', weight: 4_678 },
    { value: 'SECRET', weight: 11_322 },
    { value: 'SECRET//NOFORN', weight: 4_330 },
  ] satisfies ShapeRow<string>[],
  words: [
    { value: [120, 250], weight: 0.09 },
    { value: [250, 500], weight: 0.28 },
    { value: [500, 1000], weight: 0.31 },
    { value: [1000, 2000], weight: 0.2 },
    { value: [2000, 4000], weight: 0.1 },
    { value: [4000, 8000], weight: 0.02 },
  ] satisfies ShapeRow<[number, number]>[],
  years: [
    { value: [1966, 1989], weight: 0.002 },
    { value: [1990, 1999], weight: 0.008 },
    { value: [2000, 2003], weight: 0.03 },
    { value: [2004, 2004], weight: 0.08 },
    { value: [2005, 2005], weight: 0.14 },
    { value: [2006, 2006], weight: 0.19 },
    { value: [2007, 2007], weight: 0.2 },
    { value: [2008, 2008], weight: 0.17 },
    { value: [2009, 2009], weight: 0.144 },
    { value: [2010, 2010], weight: 0.036 },
  ] satisfies ShapeRow<[number, number]>[],
  partialExtract: { before2004: 0.9, from2004: 0.1 },
  /** TAGS per cable: 2 to 7 (the sample's mean is 4.7), one in twenty with 8 to 11. */
  tags: [2, 7],
  /** Share of cables with a REF line (26 of the sample's 64). */
  references: 0.4,
  posts: 274,
} as const

/**
 * The release's posts, busiest first (their rank sets their volume). `C:` is a
 * consulate, `M:` a mission (with its origin name), `S:` the Department;
 * the rest are embassies.
 */
const CABLEGATE_POSTS = (
  'ANKARA|BAGHDAD|S:STATE|TOKYO|BEIJING|KABUL|MOSCOW|SEOUL|PARIS|ISLAMABAD|TEL AVIV|CAIRO|NEW DELHI|BRASILIA|MEXICO|BERLIN|ROME|MADRID|LONDON|' +
  'BUENOS AIRES|CARACAS|JAKARTA|MANILA|BOGOTA|LIMA|M:USUN NEW YORK:USUN New York|M:USNATO:Mission USNATO|M:USEU BRUSSELS:Mission USEU Brussels|' +
  'M:UNVIE VIENNA:Mission UNVIE Vienna|M:GENEVA:Mission Geneva|AMMAN|RIYADH|BEIRUT|DAMASCUS|KUWAIT|ABU DHABI|DOHA|MANAMA|MUSCAT|SANAA|TUNIS|RABAT|' +
  'ALGIERS|TRIPOLI|KHARTOUM|ADDIS ABABA|NAIROBI|PRETORIA|HARARE|ABUJA|DAKAR|ACCRA|KINSHASA|KAMPALA|DAR ES SALAAM|LUANDA|MAPUTO|LUSAKA|' +
  'ATHENS|NICOSIA|SOFIA|BUCHAREST|BELGRADE|ZAGREB|SARAJEVO|SKOPJE|TIRANA|PRISTINA|PODGORICA|LJUBLJANA|BUDAPEST|VIENNA|PRAGUE|BRATISLAVA|WARSAW|VILNIUS|' +
  'RIGA|TALLINN|HELSINKI|STOCKHOLM|OSLO|COPENHAGEN|REYKJAVIK|DUBLIN|BRUSSELS|THE HAGUE|LUXEMBOURG|BERN|LISBON|VALLETTA|KYIV|MINSK|CHISINAU|TBILISI|' +
  'YEREVAN|BAKU|ASTANA|TASHKENT|BISHKEK|DUSHANBE|ASHGABAT|ULAANBAATAR|HANOI|BANGKOK|KUALA LUMPUR|SINGAPORE|RANGOON|PHNOM PENH|VIENTIANE|DILI|' +
  'COLOMBO|DHAKA|KATHMANDU|CANBERRA|WELLINGTON|PORT MORESBY|SUVA|OTTAWA|HAVANA|SANTO DOMINGO|PORT AU PRINCE|KINGSTON|PANAMA|SAN JOSE|MANAGUA|' +
  'TEGUCIGALPA|SAN SALVADOR|GUATEMALA|QUITO|LA PAZ|ASUNCION|MONTEVIDEO|SANTIAGO|BRIDGETOWN|PORT OF SPAIN|GEORGETOWN|PARAMARIBO|NASSAU|BELMOPAN|' +
  'C:ISTANBUL|C:ADANA|C:JERUSALEM|C:DUBAI|C:JEDDAH|C:DHAHRAN|C:KARACHI|C:LAHORE|C:PESHAWAR|C:MUMBAI|C:CHENNAI|C:KOLKATA|C:SHANGHAI|C:GUANGZHOU|' +
  'C:CHENGDU|C:SHENYANG|C:HONG KONG|C:CASABLANCA|C:JOHANNESBURG|C:CAPE TOWN|C:DURBAN|C:LAGOS|C:SAO PAULO|C:RIO DE JANEIRO|C:RECIFE|C:MONTERREY|' +
  'C:GUADALAJARA|C:TIJUANA|C:CIUDAD JUAREZ|C:NUEVO LAREDO|C:MATAMOROS|C:HERMOSILLO|C:NOGALES|C:MERIDA|C:TORONTO|C:MONTREAL|C:VANCOUVER|C:CALGARY|' +
  'C:HALIFAX|C:QUEBEC|C:SYDNEY|C:MELBOURNE|C:PERTH|C:OSAKA KOBE|C:NAHA|C:SAPPORO|C:FUKUOKA|C:NAGOYA|C:MILAN|C:NAPLES|C:FLORENCE|C:MARSEILLE|' +
  'C:STRASBOURG|C:BARCELONA|C:KRAKOW|C:ST PETERSBURG|C:YEKATERINBURG|C:VLADIVOSTOK|C:FRANKFURT|C:MUNICH|C:HAMBURG|C:DUSSELDORF|C:LEIPZIG|' +
  'C:HO CHI MINH CITY|C:CHIANG MAI|C:SURABAYA|C:AMSTERDAM|C:PONTA DELGADA|C:THESSALONIKI|C:BELFAST|C:EDINBURGH|C:ALMATY|C:AUCKLAND|C:CURACAO|' +
  'C:GUAYAQUIL|C:HYDERABAD|C:ERBIL|C:BASRAH|C:KIRKUK|C:HILLAH|' +
  'ANTANANARIVO|BAMAKO|BANGUI|BANJUL|BUJUMBURA|CONAKRY|COTONOU|DJIBOUTI|FREETOWN|GABORONE|KIGALI|LIBREVILLE|LILONGWE|LOME|MALABO|MASERU|' +
  'MBABANE|MONROVIA|NDJAMENA|NIAMEY|NOUAKCHOTT|OUAGADOUGOU|PORT LOUIS|PRAIA|WINDHOEK|YAOUNDE|ABIDJAN|ASMARA|BRAZZAVILLE|BISSAU|VICTORIA|' +
  'KOLONIA|MAJURO|KOROR|APIA|NUKUALOFA|BANDAR SERI BEGAWAN|MALE|THIMPHU|NOUMEA|ST GEORGES|CASTRIES|KINGSTOWN|BASSETERRE|ROSEAU|ST JOHNS|' +
  'HAMILTON|VATICAN|ANDORRA|MONACO|SAN MARINO|VADUZ|TARAWA|PORT VILA|HONIARA'
).split('|')

interface Post {
  /** As in the id, the banner and the FM line (`ABU DHABI`). */
  name: string
  kind: 'embassy' | 'consulate' | 'mission' | 'department'
  /** Line 5 of the record (`Embassy Abu Dhabi`). */
  origin: string
  /** `AMEMBASSY ABU DHABI`. */
  from: string
  /** The folder and id form (`abudhabi`, `ABUDHABI`). */
  slug: string
}

const POST_LIST: Post[] = CABLEGATE_POSTS.map((entry) => {
  const [prefix, name = '', originName] = entry.includes(':') ? entry.split(':') : ['', entry]
  const town = name
    .toLowerCase()
    .replace(/\b[a-z]/g, (letter) => letter.toUpperCase())
    .replace(/^St /, 'St. ')
  const kind = prefix === 'C' ? 'consulate' : prefix === 'M' ? 'mission' : prefix === 'S' ? 'department' : 'embassy'
  const origin =
    kind === 'consulate' ? `Consulate ${town}` : kind === 'mission' ? originName! : kind === 'department' ? 'Secretary of State' : `Embassy ${town}`
  const from =
    kind === 'consulate' ? `AMCONSUL ${name}` : kind === 'mission' ? `USMISSION ${name}` : kind === 'department' ? 'SECSTATE WASHDC' : `AMEMBASSY ${name}`
  return { name, kind, origin, from, slug: name.replace(/[^A-Z]/g, '') }
})
/** The post of rank r (from 1) sends in proportion to 1 / (r + 10). */
const POST_WEIGHTS = POST_LIST.map((_, rank) => ({ value: rank, weight: 1 / (rank + 11) }))

const CABLEGATE_TAGS = 'PREL PGOV PHUM ECON EFIN ETRD PTER MARR MOPS KDEM SOCI KCOR ENRG EAID PINR KNNP ASEC CVIS KCRM SNAR ELAB KJUS PINS OVIP SENV'.split(' ')
const OFFICERS = ['Ambassador', "Charge d'Affaires", 'Deputy Chief of Mission', 'Political Counselor', 'Economic Counselor', 'Consul General', 'Pol/Econ Chief']
const SURNAMES =
  'SMITH JONES MILLER DAVIS WILSON MOORE TAYLOR ANDERSON THOMAS JACKSON WHITE HARRIS MARTIN THOMPSON GARCIA CLARK LEWIS WALKER HALL ALLEN YOUNG KING WRIGHT SCOTT GREEN BAKER ADAMS NELSON HILL CAMPBELL'.split(
    ' ',
  )
const GIVEN = 'Robert Mary James Patricia John Linda Michael Barbara William Elizabeth David Susan Richard Karen Joseph Nancy Thomas Margaret'.split(' ')
const OFFICES = [
  'STATE FOR NEA/MAG',
  'STATE FOR EUR/SE',
  'STATE FOR AF/S',
  'STATE FOR EAP/CM',
  'STATE FOR WHA/AND',
  'STATE FOR SCA/A',
  'NSC FOR SENIOR DIRECTOR',
]
/** Cables before this year are written in capitals, as the teletype sent them. */
const UPPER_BEFORE = 2000

/** Draw a row by weight. */
function draw<T>(random: () => number, rows: readonly ShapeRow<T>[]): T {
  const total = rows.reduce((sum, row) => sum + row.weight, 0)
  let at = random() * total
  for (const row of rows) {
    at -= row.weight
    if (at < 0) return row.value
  }
  return rows.at(-1)!.value
}

/** Words as the shape counts them: runs of non-space. */
function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length
}

/**
 * File `index` of a `cablegate` archive: one WikiLeaks record, five metadata
 * lines (id, subject, release date, classification, origin) and the text, in
 * `year/post/` folders (`2007/ankara/07ANKARA123.txt`). Serials are the index
 * plus one, so ids are unique in the archive.
 */
function cablegateFile(index: number, seed: number, breakage: MalformedKind | undefined): GeneratedFile {
  const random = prng(seed, index)
  const classification = draw(random, CABLEGATE_SHAPE.classifications)
  const [fromYear, toYear] = draw(random, CABLEGATE_SHAPE.years)
  const year = fromYear + Math.floor(random() * (toYear - fromYear + 1))
  // The release stops at the end of February 2010.
  const month = 1 + Math.floor(random() * (year === 2010 ? 2 : 12))
  const day = 1 + Math.floor(random() * 28)
  const post = POST_LIST[draw(random, POST_WEIGHTS)]!
  const [low, high] = draw(random, CABLEGATE_SHAPE.words)
  const target = Math.round(low * Math.pow(high / low, random()))
  const serial = index + 1
  const hour = Math.floor(random() * 24)
  const minute = Math.floor(random() * 60)
  const id = `${String(year).slice(2)}${post.slug}${serial}`
  const upper = year < UPPER_BEFORE
  const subject = sentence(random, EN_WORDS, EN_GLUE, 4, 9).replace(/\.$/, '').toUpperCase()
  const precedence = draw(random, [
    { value: 'ROUTINE', weight: 6 },
    { value: 'PRIORITY', weight: 3 },
    { value: 'IMMEDIATE', weight: 1 },
  ])
  const meta: Meta = {
    id,
    year,
    folder: post.slug.toLowerCase(),
    post: post.name,
    city: post.origin.replace(/^\S+ /, ''),
    date: `${year}-${pad(month)}-${pad(day)}`,
    time: `${pad(hour)}${pad(minute)}`,
    month,
    day,
    serial,
    subject,
    precedence,
    classification,
  }
  if (breakage) return malformed(breakage, meta, random, 1)
  const partial = random() < (year < 2004 ? CABLEGATE_SHAPE.partialExtract.before2004 : CABLEGATE_SHAPE.partialExtract.from2004)
  const text = cablegateRecord(meta, post, random, { partial, target, upper })
  return { path: `${year}/${meta.folder}/${id}.txt`, bytes: new TextEncoder().encode(text), kind: 'text-us' }
}

interface RecordPlan {
  partial: boolean
  /** Words after the five metadata lines. */
  target: number
  /** All capitals, as older cables are. */
  upper: boolean
}

function cablegateRecord(meta: Meta, post: Post, random: () => number, plan: RecordPlan): string {
  const level = meta.classification.split('//')[0]!
  const noforn = meta.classification.endsWith('//NOFORN')
  const sensitive = meta.classification.endsWith('FOR OFFICIAL USE ONLY')
  const classified = level !== 'UNCLASSIFIED'
  const weekday = DAYS[new Date(Date.UTC(meta.year, meta.month - 1, meta.day)).getUTCDay()]!
  const monthName = MONTHS[meta.month - 1]!
  // The release prints a midnight in Central European time, summer or winter.
  const zone = meta.month >= 4 && meta.month <= 10 ? '+0200' : '+0100'
  const serial6 = String(meta.serial).padStart(6, '0')
  const sections = Math.max(1, Math.min(20, Math.ceil(plan.target / 650)))
  const sectionText = sections > 1 ? ` SECTION 01 OF ${pad(sections)}` : ''
  const banner = `${classified ? level.split('').join(' ') : 'UNCLAS'}${sectionText} ${meta.post} ${serial6} `
  const lines: string[] = []
  // The routing header, with the banner run into its last line as the release prints it.
  let headerEnd: string
  if (plan.partial) {
    headerEnd = 'This record is a partial extract of the original cable. The full text of the original cable is not available.'
  } else {
    const action = meta.precedence === 'IMMEDIATE' ? 'O' : meta.precedence === 'PRIORITY' ? 'P' : 'R'
    const julian = Math.round((Date.UTC(meta.year, meta.month - 1, meta.day) - Date.UTC(meta.year, 0, 0)) / 86_400_000)
    const code = (name: string) => `RUEH${name.replace(/[^A-Z]/g, '').slice(0, 1)}${name.replace(/[^A-Z]/g, '').slice(-1)}`
    const others = Array.from({ length: plan.target < 300 ? Math.floor(random() * 2) : Math.floor(random() * 8) }, () => {
      const other = POST_LIST[Math.floor(random() * POST_LIST.length)]!
      return other.kind === 'department' ? POST_LIST[0]! : other
    })
    lines.push(random() < 0.5 ? `VZCZCXRO${String(Math.floor(random() * 10000)).padStart(4, '0')}` : 'VZCZCXYZ0000')
    lines.push(`${action}${action} ${['RUEHWEB', ...others.slice(0, 3).map((other) => code(other.name))].slice(0, 1 + Math.min(3, others.length)).join(' ')}`)
    lines.push('')
    lines.push(`DE ${code(meta.post)} #${String(meta.serial % 10000).padStart(4, '0')}/01 ${String(julian).padStart(3, '0')}${meta.time}`)
    lines.push(`ZN${classified ? 'Y' : 'R'} ${level === 'SECRET' ? 'SSSSS' : level === 'CONFIDENTIAL' ? 'CCCCC' : 'UUUUU'} ZZH`)
    lines.push(`${action} ${pad(meta.day)}${meta.time}Z ${monthName} ${String(meta.year).slice(2)}`)
    lines.push(`FM ${post.from}`)
    const number = () => String(Math.floor(random() * 10000)).padStart(4, '0')
    const to = post.kind === 'department' ? (others[0] ?? POST_LIST[0]!) : undefined
    lines.push(to ? `TO ${code(to.name)}/${to.from} ${meta.precedence} ${number()}` : `TO RUEHC/SECSTATE WASHDC ${meta.precedence} ${number()}`)
    const info = (to ? others.slice(1) : others).filter((other) => other !== post)
    info.forEach((other, i) =>
      lines.push(`${i === 0 ? 'INFO ' : ''}${code(other.name)}/${other.from} ${meta.precedence === 'IMMEDIATE' ? 'PRIORITY' : meta.precedence} ${number()}`),
    )
    headerEnd = lines.pop()!
  }
  lines.push(`${headerEnd}${banner}`)
  lines.push(' ')
  if (noforn) lines.push('NOFORN ')
  lines.push('SIPDIS ')
  if (sensitive) lines.push(' ', 'SENSITIVE ')
  lines.push(' ')
  if (random() < 0.4) lines.push(`${pick(random, OFFICES)} `, ' ')
  const decl = `${pad(meta.month)}/${pad(meta.day)}/${meta.year + 10}`
  lines.push(classified ? `E.O. 12958: DECL: ${decl} ` : 'E.O. 12958: N/A ')
  const tagCount =
    random() < 0.05 ? 8 + Math.floor(random() * 4) : CABLEGATE_SHAPE.tags[0] + Math.floor(random() * (CABLEGATE_SHAPE.tags[1] - CABLEGATE_SHAPE.tags[0] + 1))
  const tags = new Set<string>()
  while (tags.size < tagCount - 1) tags.add(pick(random, CABLEGATE_TAGS))
  lines.push(`TAGS: ${[...tags, meta.post.replace(/[^A-Z]/g, '').slice(0, 2)].join(' ')}`)
  lines.push(`SUBJECT: ${meta.subject} `)
  lines.push(' ')
  if (random() < CABLEGATE_SHAPE.references) {
    const refs = 1 + Math.floor(random() * 3)
    // An earlier cable of this post or another, sometimes of an earlier year (`07 TUNIS 1489`).
    const ref = (i: number) => {
      const other = random() < 0.5 ? meta.post : POST_LIST[Math.floor(random() * POST_LIST.length)]!.name
      const earlier = random() < 0.2 ? `${String(meta.year - 1).slice(2)} ` : ''
      return `${refs > 1 ? `${'ABC'[i]}. ` : ''}${earlier}${other} ${1 + Math.floor(random() * 12_000)}`
    }
    lines.push(`REF: ${ref(0)} `)
    for (let i = 1; i < refs; i++) lines.push(`     ${ref(i)} `)
    lines.push(' ')
  }
  if (classified) {
    const reasons = pick(random, ['(b) and (d)', '(b), (d)', '(d)', '(b)', '(c) and (d)'])
    lines.push(`Classified By: ${pick(random, OFFICERS)} ${pick(random, GIVEN)} ${pick(random, SURNAMES)} for reasons 1.4 ${reasons} `, ' ')
  }
  const signature = pick(random, SURNAMES)
  // Section breaks add a page line each (`TUNIS 00000372  002 OF 003`): counted before the paragraphs fill the rest.
  const sectionLine = (k: number) =>
    `${meta.post} ${String(meta.serial).padStart(8, '0')}  ${String(k).padStart(3, '0')} OF ${String(sections).padStart(3, '0')}`
  const fixed = wordCount(lines.join('\n')) + 1 + (sections - 1) * wordCount(sectionLine(2))
  const marking = `(${level === 'SECRET' ? 'S' : level === 'CONFIDENTIAL' ? 'C' : sensitive ? 'SBU' : 'U'}${noforn ? '/NF' : ''})`
  const marked = classified || random() < 0.5
  const wrap = plan.partial || random() < 0.85
  const paragraphs = cablegateParagraphs(random, Math.max(30, plan.target - fixed), marked ? marking : undefined, classified && random() < 0.1)
  let sectionsBegun = 1
  paragraphs.forEach((paragraph, i) => {
    // Section k begins after (k - 1) / sections of the paragraphs.
    while (i > 0 && sectionsBegun < sections && i >= Math.round((sectionsBegun * paragraphs.length) / sections)) lines.push(sectionLine(++sectionsBegun), ' ')
    const text = plan.upper ? paragraph.toUpperCase() : paragraph
    lines.push(...(wrap ? wrapLines(text, plan.partial ? 3 : 0, 58 + Math.floor(random() * 10)) : [text]), ' ')
  })
  // Fewer paragraphs than sections: the last section lines come together at the end.
  while (sectionsBegun < sections) lines.push(sectionLine(++sectionsBegun), ' ')
  lines.push(signature)
  return `${meta.id}\n${meta.subject}\n${weekday} ${monthName.charAt(0)}${monthName.slice(1).toLowerCase()} ${pad(meta.day)} 00:00:00 ${zone} ${meta.year}\n${meta.classification}\n${post.origin}\n${lines.join('\n')}`
}

/** Numbered paragraphs (`¶1. (C) …`) of exactly `words` words in all. */
function cablegateParagraphs(random: () => number, words: number, marking: string | undefined, redacted: boolean): string[] {
  const paragraphs: string[] = []
  let left = words
  while (left > 0) {
    const prefix = [`¶${paragraphs.length + 1}.`, ...(marking ? [marking] : [])]
    let size = Math.min(left, 40 + Math.floor(random() * 140))
    // No paragraph shorter than its prefix and a few words: the remainder joins this one.
    if (left - size < prefix.length + 6) size = left
    const room = Math.max(1, size - prefix.length)
    const parts: string[] = []
    while (parts.length < room) {
      const length = Math.min(room - parts.length, 8 + Math.floor(random() * 13))
      const sentenceWords: string[] = []
      for (let i = 0; i < length; i++) sentenceWords.push(i % 2 === 1 ? pick(random, EN_GLUE) : pick(random, EN_WORDS))
      if (redacted && parts.length === 0 && paragraphs.length === 1) sentenceWords[0] = 'XXXXXXXXXXXX'
      const text = sentenceWords.join(' ')
      parts.push(...`${text.charAt(0).toUpperCase()}${text.slice(1)}.`.split(' '))
    }
    paragraphs.push(`${prefix.join(' ')} ${parts.join(' ')}`)
    left -= prefix.length + parts.length
  }
  return paragraphs
}

/** Wrap at `width` columns, each line ending in a space and continuation lines indented, as the release prints them. */
function wrapLines(text: string, indent: number, width: number): string[] {
  const out: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      out.push(`${line} `)
      line = `${' '.repeat(indent)}${word}`
    } else line = line ? `${line} ${word}` : word
  }
  if (line) out.push(`${line} `)
  return out
}
