import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromMarkdown, redact, toJson, toMarkdown } from '@cablekit/core'
import { toDocx, toPdf } from '@cablekit/render'
import { cli } from './helpers/cli.js'
import { docxEvidence, findLeaks, pdfEvidence } from './helpers/leaks.js'
import type { Evidence } from './helpers/leaks.js'
import { withPdfFile } from './helpers/pdf.js'

/**
 * The property of issue 15: a random secret, written in any spelling the
 * matcher claims to cover and put at random places of a random cable (header
 * fields in front matter, every kind of body node, link targets, alt text,
 * attachments), appears in no byte of any output: JSON, Markdown, PDF, DOCX
 * parts, and, through one batch run, the manifest, progress events and
 * diagnostics.
 */

// Letters rare in French and English prose, so a fragment of the secret in an output is a leak, not chance;
// `o` and `i` are there for the OCR variants (`0`, `1`).
const CONSONANTS = 'bgkqvxz'
const VOWELS = 'aoiu'
const word = fc
  .array(fc.tuple(fc.constantFrom(...CONSONANTS), fc.constantFrom(...VOWELS)), { minLength: 3, maxLength: 4 })
  .map((pairs) => pairs.map(([c, v]) => c + v).join(''))
  .map((w) => w[0]!.toUpperCase() + w.slice(1))
const secretArb = fc.tuple(word, word).map(([a, b]) => `${a} ${b}`)

/** Spellings of a secret that the matcher covers, by where they can be written. */
type Spelling = (secret: string) => string
const anywhere: Record<string, Spelling> = {
  asIs: (s) => s,
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
  hyphen: (s) => s.replace(' ', '-'),
  underscore: (s) => s.replace(' ', '_'),
  joined: (s) => s.replace(' ', ''),
  softHyphen: (s) => `${s.slice(0, 3)}\u00AD${s.slice(3)}`,
  zeroWidth: (s) => `${s.slice(0, 2)}\u200B${s.slice(2)}`,
  fullWidth: (s) => [...s].map((ch) => (/[a-z]/i.test(ch) ? String.fromCodePoint(ch.codePointAt(0)! + 0xfee0) : ch)).join(''),
  ocrDigit: (s) => s.replace(/o/, '0').replace(/i/, '1'),
}
const inProse: Record<string, Spelling> = {
  ...anywhere,
  lineEndHyphen: (s) => `${s.slice(0, 4)}-\n${s.slice(4)}`,
  notSign: (s) => `${s.slice(0, 4)}¬\n${s.slice(4)}`,
  wbr: (s) => `${s.slice(0, 3)}<wbr>${s.slice(3)}`,
  comment: (s) => `${s.slice(0, 3)}<!-- x -->${s.slice(3)}`,
  emptyAlt: (s) => `${s.slice(0, 3)}![](p.png)${s.slice(3)}`,
  emphasisInside: (s) => `${s.slice(0, 3)}*${s.slice(3, 6)}*${s.slice(6)}`,
}
const inUrl: Record<string, Spelling> = {
  underscore: (s) => s.replace(' ', '_'),
  percentSpace: (s) => s.replace(' ', '%20'),
  percentAll: (s) => [...s].map((ch) => `%${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  lower: (s) => s.toLowerCase().replace(' ', '-'),
}

/** Places in a cable; each returns front matter lines or body Markdown with the spelled secret in it. */
type Place = { where: 'header' | 'body' | 'attachment'; kinds: Record<string, Spelling>; write: (spelled: string) => string }
const yaml = (value: string) => JSON.stringify(value)
const PLACES: Record<string, Place> = {
  subject: { where: 'header', kinds: anywhere, write: (s) => `subject: ${yaml(`Entretien avec ${s}`)}` },
  from: { where: 'header', kinds: anywhere, write: (s) => `from: ${yaml(s)}` },
  to: { where: 'header', kinds: anywhere, write: (s) => `to:\n  - ${yaml(`M. ${s}`)}\n  - Monsieur le Ministre` },
  signature: { where: 'header', kinds: anywhere, write: (s) => `signature: ${yaml(s)}` },
  place: { where: 'header', kinds: anywhere, write: (s) => `place: ${yaml(s)}` },
  reference: { where: 'header', kinds: anywhere, write: (s) => `reference: ${yaml(`N° 12/${s}`)}` },
  tags: { where: 'header', kinds: anywhere, write: (s) => `tags: [PREL, ${yaml(s)}]` },
  ministry: { where: 'header', kinds: anywhere, write: (s) => `issuer:\n  ministry: ${yaml(`Cabinet de ${s}`)}` },
  cc: { where: 'header', kinds: anywhere, write: (s) => `distribution:\n  cc: [${yaml(s)}]` },
  publicationUrl: { where: 'header', kinds: inUrl, write: (s) => `publication:\n  url: ${yaml(`https://ex.org/${s}`)}` },
  paragraph: { where: 'body', kinds: inProse, write: (s) => `J’ai reçu ${s} ce matin.` },
  heading: { where: 'body', kinds: anywhere, write: (s) => `### Visite de ${s}` },
  strong: { where: 'body', kinds: anywhere, write: (s) => `Le **${s}** est venu.` },
  strike: { where: 'body', kinds: anywhere, write: (s) => `Le ~~${s}~~ est venu.` },
  inlineCode: { where: 'body', kinds: anywhere, write: (s) => `Le code \`${s}\` est noté.` },
  linkText: { where: 'body', kinds: anywhere, write: (s) => `Voir [${s}](https://ex.org/fiche).` },
  linkTarget: { where: 'body', kinds: inUrl, write: (s) => `Voir [la fiche](https://ex.org/${s}).` },
  autolink: { where: 'body', kinds: inUrl, write: (s) => `Voir <https://ex.org/${s}>.` },
  imageAlt: { where: 'body', kinds: anywhere, write: (s) => `![Portrait de ${s}](p.png)` },
  imageUrl: { where: 'body', kinds: inUrl, write: (s) => `![Portrait](https://ex.org/${s}.png)` },
  codeBlock: { where: 'body', kinds: anywhere, write: (s) => `\`\`\`\nnom = ${s}\n\`\`\`` },
  quote: { where: 'body', kinds: anywhere, write: (s) => `> ${s} a parlé.` },
  list: { where: 'body', kinds: anywhere, write: (s) => `- premier point\n- ${s} a parlé` },
  table: { where: 'body', kinds: anywhere, write: (s) => `| nom | rôle |\n| --- | --- |\n| ${s} | témoin |` },
  footnote: { where: 'body', kinds: anywhere, write: (s) => `Un fait[^9].\n\n[^9]: Selon ${s}.` },
  htmlBlock: { where: 'body', kinds: anywhere, write: (s) => `<div>${s}</div>` },
  inlineHtml: { where: 'body', kinds: anywhere, write: (s) => `Le <span>${s}</span> dit.` },
  definition: { where: 'body', kinds: inUrl, write: (s) => `Voir [la fiche][f].\n\n[f]: https://ex.org/${s}` },
  sic: { where: 'body', kinds: anywhere, write: (s) => `Il écrit :sic[${s}] ici.` },
  attachmentTitle: { where: 'attachment', kinds: anywhere, write: (s) => `## PJ : Lettre de ${s}\n\nTexte joint.` },
  attachmentBody: { where: 'attachment', kinds: inProse, write: (s) => `## PJ : Note\n\nSelon ${s}, rien.` },
}

const placement = fc.constantFrom(...Object.keys(PLACES)).chain((name) => fc.constantFrom(...Object.keys(PLACES[name]!.kinds)).map((kind) => ({ name, kind })))
const caseArb = fc.record({ secret: secretArb, places: fc.uniqueArray(placement, { minLength: 1, maxLength: 5, selector: (p) => p.name }) })

/** Write the cable's Markdown source with the secret at each place, in its spelling. */
function source({ secret, places }: { secret: string; places: { name: string; kind: string }[] }): string {
  const header: string[] = ['id: PROP-1', 'lang: fr', 'date: 2014-08-14']
  const body: string[] = ['Le ministre a reçu l’ambassadeur ce jour.']
  const attachments: string[] = []
  for (const { name, kind } of places) {
    const place = PLACES[name]!
    const text = place.write(place.kinds[kind]!(secret))
    if (place.where === 'header') header.push(text)
    else if (place.where === 'body') body.push(text)
    else attachments.push(text)
  }
  if (!header.some((line) => line.startsWith('subject:'))) header.push('subject: Entretien')
  return `---\n${header.join('\n')}\n---\n\n${body.join('\n\n')}\n\n${attachments.join('\n\n')}\n`
}

/**
 * What a reader would take for the secret, seen through the spellings the
 * matcher claims: percent escapes decoded, OCR digits read as letters,
 * inline HTML and invisible characters dropped. findLeaks then folds case
 * and NFKC and looks for the secret's words and 5-letter runs.
 */
function asRead(evidence: Evidence): Evidence {
  const out: Evidence = {}
  for (const [where, text] of Object.entries(evidence)) {
    out[where] = text
      .replace(/(%[0-9A-Fa-f]{2})+/g, (run) => {
        try {
          return decodeURIComponent(run)
        } catch {
          return run
        }
      })
      .replace(/<[^>]{0,40}>/g, '')
      .replace(/[0０]/g, 'o')
      .replace(/[1１]/g, 'i')
  }
  return out
}

function prefixed(prefix: string, evidence: Evidence): Evidence {
  return Object.fromEntries(Object.entries(evidence).map(([key, value]) => [`${prefix}: ${key}`, value]))
}

describe('a random secret at random places, in any covered spelling', () => {
  it('appears in no byte of the JSON, Markdown, PDF or DOCX', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (example) => {
        const text = source(example)
        const { cables, file } = fromMarkdown(text, { path: 'prop.md' })
        expect(cables, `${file.messages.map(String).join('\n')}\n${text}`).toHaveLength(1)
        const { cable } = redact(cables[0]!, { match: [example.secret], reason: 'vie privée' })
        const pdf = await withPdfFile(await toPdf(cable), async (path) => pdfEvidence(path))
        const docx = (await docxEvidence(await toDocx(cable))).evidence
        const evidence = { json: toJson(cable), markdown: toMarkdown(cable), ...prefixed('pdf', pdf), ...prefixed('docx', docx) }
        expect(findLeaks(asRead(evidence), [example.secret]), text).toEqual([])
      }),
      { numRuns: 24, seed: 20261203, endOnFailure: true },
    )
  })

  it('appears in no output, manifest line, progress event or diagnostic of a batch', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cablekit-prop-batch-'))
    mkdirSync(join(dir, 'archive'))
    const examples = fc.sample(caseArb, { numRuns: 6, seed: 42 })
    // One secret for the batch; each file has it at its own places, and a misspelt key that quotes it.
    const secret = examples[0]!.secret
    examples.forEach((example, index) => {
      const text = source({ ...example, secret }).replace('---\n\n', `subjet: ${yaml(secret)}\n---\n\n`)
      writeFileSync(join(dir, 'archive', `cable-${index}.md`), text)
    })
    const result = await cli(['batch', 'archive', '-o', 'out', '--jobs', '2', '--progress', 'json', '--to', 'pdf,docx', '--match', secret], { cwd: dir })
    expect(result.code, result.stderr).toBe(0)
    const manifest = readFileSync(join(dir, 'out', 'manifest.jsonl'), 'utf8')
    expect(manifest).toContain('unknown-key')
    const evidence: Evidence = { manifest, stdout: result.stdout, stderr: result.stderr }
    for (let index = 0; index < examples.length; index++) {
      Object.assign(evidence, prefixed(`pdf ${index}`, pdfEvidence(join(dir, 'out', `cable-${index}.pdf`))))
      Object.assign(evidence, prefixed(`docx ${index}`, (await docxEvidence(readFileSync(join(dir, 'out', `cable-${index}.docx`)))).evidence))
    }
    expect(findLeaks(asRead(evidence), [secret])).toEqual([])
  })
})
