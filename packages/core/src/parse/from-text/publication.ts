import { report } from '../../diagnostics.js'
import type { Publication } from '../../model/schema.js'
import { foldWording } from '../../model/vocabulary.js'
import type { TextContext } from './context.js'
import { isFrenchHeaderLine, isIssuerLine } from './french-cable.js'
import type { Line } from './lines.js'
import { isBlank, pointAt, trimLine } from './lines.js'
import { isRule } from './rules.js'

/** The cable's own lines, and what the page around it gave. */
export interface Unwrapped {
  lines: Line[]
  publication?: Publication
  tags?: string[]
}

/** Lines a blog or news site adds around a post: counters, comment prompts, share buttons. */
const SITE_NOISE = [
  /^Visited \d+ times/i,
  /^\d+ (?:vues?|views?|visites?)\b/i,
  /^Soyez le premier à commenter/i,
  /^(?:Laisser|Laissez) un commentaire/i,
  /^Votre adresse (?:de messagerie|e-?mail|courriel) ne sera pas publiée/i,
  /^Your email address will not be published/i,
  /^(?:Leave a (?:Reply|Comment)|Be the first to comment)/i,
  /^(?:Partager|Partagez|Share this|Like this|J['’]aime|Related|Articles similaires|Sur le même sujet|Imprimer|Print)\b.{0,40}$/i,
  /^(?:Publié|Posted|Mis à jour|Updated)\s+(?:le|par|on|by)\b.{0,80}$/i,
  /^(?:Facebook|Twitter|WhatsApp|LinkedIn|Telegram|E-?mail)$/i,
  /^[*•·]+$/,
]

/** Headings that announce a publication's summary. */
const SUMMARY_HEADINGS = new Set(['resume', 'resume :', 'resume:', 'summary', 'summary:', 'en bref', 'synthese', 'chapeau'])

/** Whether a line is site noise (not the publication, not the cable). */
export function isSiteNoise(text: string): boolean {
  const value = text.trim()
  return value.length < 120 && SITE_NOISE.some((pattern) => pattern.test(value))
}

/**
 * Take the publication wrapper off a French cable: the title line and the
 * summary (`Résumé`) before the cable's first header line go to
 * `publication`; `Source :` and hashtag runs after the cable go to
 * `publication.source`/`url` and `tags`; site noise is dropped (each line
 * reported as an info). A lone line before the header is not a wrapper.
 */
export function unwrapPublication(lines: Line[], ctx: TextContext): Unwrapped {
  const result: Unwrapped = { lines }
  const publication: Publication = {}
  let start = 0
  // A letterhead's post line starts the header too: the blank lines of a letterhead do not make its lines a title and a summary.
  let header = lines.findIndex((line, k) => k < 400 && (isFrenchHeaderLine(line.text) || isIssuerLine(line.text)))
  if (header === -1) header = 0
  const blocks = blocksOf(lines.slice(0, header))
  const marked = blocks.findIndex((block) => block.length === 1 && SUMMARY_HEADINGS.has(foldWording(block[0]!.text)))
  if (blocks.length >= 2 || marked !== -1) {
    const [titleBlock, ...rest] = blocks
    publication.title = titleBlock!.map((line) => line.text.trim()).join(' ')
    let summary: Line[] | undefined
    if (marked !== -1) summary = blocks[marked + 1]
    else summary = rest[0]
    for (const block of rest) {
      if (block === summary || blocks.indexOf(block) === marked) continue
      report(
        ctx.file,
        'info',
        'publication-text-dropped',
        "dropped the publication's lead text: it is not part of the cable (the summary is kept)",
        pointAt(block[0]!),
      )
    }
    if (summary) publication.summary = summary.map((line) => line.text.trim()).join(' ')
    start = header
  }

  // Trailer: walk back over what the site put after the cable.
  let end = lines.length
  const tags: string[] = []
  while (end > start) {
    const line = trimLine(lines[end - 1]!)
    const text = line.text
    if (text === '' || isRule(text)) {
      end--
      continue
    }
    if (isSiteNoise(text)) {
      report(ctx.file, 'info', 'site-noise', `dropped site text \`${text.slice(0, 60)}\``, pointAt(line))
      end--
      continue
    }
    if (/^#[^\s#]/u.test(text)) {
      const found = text
        .split('#')
        .map((tag) => tag.trim())
        .filter((tag) => tag !== '')
      tags.unshift(...found)
      end--
      continue
    }
    const source = /^(?:Source|Sources|Lien|Link)\s*:\s*(.*)$/iu.exec(text)
    if (source) {
      const value = source[1]!.trim()
      if (/^https?:\/\//.test(value)) publication.url = value
      else if (value) publication.source = value
      end--
      continue
    }
    if (/^https?:\/\/\S+$/.test(text) && !publication.url) {
      publication.url = text
      end--
      continue
    }
    break
  }
  if (tags.length > 0) result.tags = [...new Set(tags)]
  if (Object.keys(publication).length > 0) result.publication = publication
  result.lines = lines.slice(start, end)
  return result
}

function blocksOf(lines: Line[]): Line[][] {
  const blocks: Line[][] = []
  let current: Line[] | undefined
  for (const line of lines) {
    if (isBlank(line) || isRule(line.text)) current = undefined
    else {
      if (!current) blocks.push((current = []))
      current.push(trimLine(line))
    }
  }
  return blocks
}
