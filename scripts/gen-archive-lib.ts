/**
 * A synthetic archive of diplomatic cables for tests and benchmarks: French
 * ministerial cables and US telegrams in Markdown, WikiLeaks-style raw text
 * telegrams and JSON, 1 to 6 pages each, in year/post folders, with a chosen
 * number of malformed files whose failure is certain. Seeded: the same
 * options give the same bytes on every machine.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'

/** The kinds of well-formed files the generator writes. */
export type CableKind = 'markdown-fr' | 'markdown-us' | 'text-us' | 'json'

/** The ways a malformed file is broken; each one is an error for `parse`, so the file must fail. */
export type MalformedKind = 'bad-yaml' | 'unknown-precedence' | 'bad-date' | 'unclosed-front-matter' | 'binary' | 'cut-json' | 'empty-text'

/** Options of {@link generateArchive}. */
export interface GenerateArchiveOptions {
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
  options: Pick<GenerateArchiveOptions, 'kinds' | 'pages'> & { breakage?: MalformedKind },
): GeneratedFile {
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
