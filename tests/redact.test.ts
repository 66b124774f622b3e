import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { foldString, foldText, fromJson, fromMarkdown, redact, RedactionRuleError, toJson, toMarkdown } from '@cablekit/core'
import type { Cable } from '@cablekit/core'

const KEY = 'a publisher key that is long enough'

function md(text: string, options: { keepRedacted?: boolean } = {}): Cable {
  const { cables, file } = fromMarkdown(text, { path: 'test.md', ...options })
  expect(file.messages.filter((m) => m.fatal).map(String)).toEqual([])
  return cables[0]!
}

/** `Jean` → `Ｊｅａｎ`: what a PDF copy-paste or an East Asian keyboard produces. */
function fullWidth(text: string): string {
  return text.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0))
}

/** Every string value of a model, folded, joined: where a secret would be found. */
function foldedStrings(value: unknown): string {
  return foldString(JSON.stringify(value))
}

describe('foldText', () => {
  it('folds NFKC, invisible characters, case, apostrophes and line-end hyphenation', () => {
    expect(foldText('Ｊｅａｎ\u00ADDu\u200Bpont').text).toBe('jeandupont')
    expect(foldText('STRASSE Straße').text).toBe('strasse strasse')
    expect(foldText('secr-\n   et').text).toBe('secret')
    expect(foldText('l’OTAN').text).toBe("l'otan")
    expect(foldText('a \n\t b').text).toBe('a b')
    expect(foldText('ﬁn').text).toBe('fin')
  })

  it('maps each folded character back to its original span', () => {
    const source = 'Ｄu\u00ADpont X'
    const folded = foldText(source)
    const at = folded.text.indexOf('dupont')
    expect(source.slice(folded.starts[at]!, folded.ends[at + 5]!)).toBe('Ｄu\u00ADpont')
  })

  it('keeps a hyphen that does not end a line', () => {
    expect(foldText('Jean-Pierre').text).toBe('jean-pierre')
  })
})

describe('redact on the model', () => {
  const write = (first: string, last: string, hidden = 'Terry') =>
    [
      '---',
      'id: X1',
      `subject: Meeting with ${first} ${last} in Rabat`,
      `to: [${first} ${last}, Other]`,
      `publication: { url: "https://example.org/${first}-${last}" }`,
      '---',
      '',
      `Hello **${first}** ${last.slice(0, 2)}-`,
      `${last.slice(2)} said [here](https://x.org/${first.toLowerCase()}_${last.toLowerCase()} "${first}") and \`${first.toUpperCase()} ${last.toUpperCase()}\`. ${fullWidth(first)}\u00AD${last.slice(0, 2)}\u200B${last.slice(2)}. :redact[${hidden}]{reason="vie privée"} ok[^1]`,
      '',
      `![photo of ${first} ${last}](https://x.org/p.png)`,
      '',
      '| who | where |',
      '| --- | ----- |',
      `| ${first.toLowerCase()} ${last.toLowerCase()} | Rabat |`,
      '',
      `[^1]: A note about ${first.toUpperCase()} ${last.toUpperCase()}.`,
      '',
      `## PJ : Letter to ${first} ${last}`,
      '',
      `- Body ${first.toLowerCase()}  ${last.toLowerCase()}.`,
      '',
    ].join('\n')
  const source = write('Jean', 'Dupont')

  it('leaves no folded occurrence anywhere and logs every span', () => {
    const { cable, log } = redact(md(source), { match: ['Jean Dupont'], reason: 'privacy', key: KEY })
    const all = foldedStrings(cable)
    expect(all).not.toMatch(/jean.?.?dupont/)
    expect(all).not.toContain('dupont')
    expect(cable.subject).toBe('Meeting with [redacted: privacy] in Rabat')
    expect(cable.to).toEqual(['[redacted: privacy]', 'Other'])
    expect(cable.attachments[0]!.title).toBe('Letter to [redacted: privacy]')
    // Formatting around the secret does not save it, nor does a line-end hyphen.
    const paragraph = cable.body[0] as unknown as { children: { type: string; children?: { type: string }[] }[] }
    expect(paragraph.children[1]).toEqual({ type: 'strong', children: [{ type: 'redaction', reason: 'privacy' }] })
    // The link keeps its text but loses its target.
    expect(JSON.stringify(cable.body)).not.toContain('x.org/jean')
    expect(log.filter((entry) => entry.rule === 'directive')).toEqual([
      { cable: 0, id: 'X1', field: 'body', path: '[0].children[7]', line: 9, nthOnLine: 4, rule: 'directive', reason: 'vie privée' },
    ])
    const hashed = log.filter((entry) => entry.rule === 'match')
    expect(hashed.length).toBeGreaterThanOrEqual(10)
    // One secret, one keyed hash, however it was written.
    expect(new Set(hashed.map((entry) => entry.hmac)).size).toBe(1)
    expect(hashed[0]!.hmac).toMatch(/^[0-9a-f]{64}$/)
  })

  it('never puts the secret, its length or a plain hash in the log', () => {
    const { log } = redact(md(source), { match: ['Jean Dupont'], reason: 'privacy' })
    expect(log.every((entry) => entry.hmac === undefined)).toBe(true)
    const text = JSON.stringify(log)
    expect(foldString(text)).not.toContain('dupont')
    for (const entry of log) expect(Object.keys(entry).sort()).toEqual(expect.arrayContaining(['cable', 'field', 'rule']))
    expect(text).not.toMatch(/"(length|end|hash|sha\w*)"/)
  })

  it('drops source positions: a node offset would tell the length of the secret', () => {
    const { cable } = redact(md(source), { match: ['Jean Dupont'] })
    expect(JSON.stringify(cable)).not.toContain('"position"')
  })

  it('gives the same model for secrets of different lengths', () => {
    const a = redact(md(write('Jean', 'Dupont', 'Al')), { match: ['Jean Dupont'] }).cable
    const b = redact(md(write('Jean', 'Dupont', 'Maximilian Alexander')), { match: ['Jean Dupont'] }).cable
    expect(toJson(a)).toBe(toJson(b))
    const c = redact(md(write('Bo', 'Lim')), { match: ['Bo Lim'] }).cable
    const d = redact(md(write('Bartholomew', 'Kensington')), { match: ['Bartholomew Kensington'] }).cable
    expect(toMarkdown(c)).toBe(toMarkdown(d))
    expect(toMarkdown(c)).toContain(':redact')
  })

  it('redacts by regular expression on text folded without case', () => {
    const cable = md('---\nsubject: Call 06 12 34 56 78 now\n---\n\nRing +212 6 12 34 56 78 or 0612345678.\n')
    const { cable: out, log } = redact(cable, { regex: [/(?:\+212|0)\s?6(?:\s?\d\d){4}/, '/\\d{2} \\d{2} \\d{2}/'], reason: 'phone' })
    expect(out.subject).toBe('Call [redacted: phone] now')
    expect(foldedStrings(out)).not.toMatch(/\d{4}/)
    expect(log.every((entry) => entry.rule === 'regex')).toBe(true)
  })

  it('keeps case-sensitive expressions case-sensitive', () => {
    const { cable } = redact(md('Meet ABC and abc.\n'), { regex: ['/[A-Z]{3}/u'] })
    expect(toMarkdown(cable)).toBe('Meet :redact and abc.\n')
  })

  it('withholds whole fields', () => {
    const cable = md(
      '---\nfrom: AMEMBASSY RABAT\nto: [A, B, C]\ndate: 2009-08-14\nclassification: confidential\nissuer: { state: Royaume du Maroc, localized: { ar: { state: المملكة المغربية } } }\n---\n\nText.\n\n## PJ : Secret list\n\nx\n',
    )
    const { cable: out, log } = redact(cable, {
      fields: ['from', 'to', 'date', 'classification', 'issuer.state', 'attachments', 'body'],
      reason: 'sources',
      key: KEY,
    })
    expect(out.from).toBe('[redacted: sources]')
    expect(out.to).toEqual(['[redacted: sources]'])
    expect(out.date).toBeUndefined()
    expect(out.classification).toBeUndefined()
    expect(out.issuer).toEqual({ state: '[redacted: sources]', localized: { ar: { state: '[redacted: sources]' } } })
    expect(out.body).toEqual([{ type: 'paragraph', children: [{ type: 'redaction', reason: 'sources' }] }])
    expect(out.attachments[0]!.title).toBe('[redacted: sources]')
    expect(log.map((entry) => entry.field)).toEqual([
      'from',
      'to',
      'date',
      'classification',
      'issuer.state',
      'attachments[0].title',
      'attachments[0].body',
      'body',
    ])
    expect(log.every((entry) => entry.rule === 'field' && /^[0-9a-f]{64}$/.test(entry.hmac!))).toBe(true)
  })

  it('turns kept directives into bars with a keyed hash', () => {
    const cable = md('Met :redact[Jean Dupont]{reason="source"} today.\n', { keepRedacted: true })
    const { cable: out, log } = redact(cable, { key: KEY })
    expect(toMarkdown(out)).toBe('Met :redact{reason="source"} today.\n')
    const again = redact(md('Met :redact[JEAN-DUPONT]{reason="source"} today.\n', { keepRedacted: true }), { key: KEY })
    expect(log[0]!.hmac).toBe(again.log[0]!.hmac)
    expect(log[0]).toMatchObject({ rule: 'directive', reason: 'source', line: 1, nthOnLine: 1 })
    expect(log[0]).not.toHaveProperty('column')
  })

  it('reaches strings of loose JSON nodes, code and alt text', () => {
    const json = JSON.stringify({
      subject: 'x',
      body: [
        { type: 'code', lang: 'txt', value: 'call Jean Dupont' },
        { type: 'paragraph', children: [{ type: 'image', url: 'a.png', alt: 'Jean Dupont' }], note: 'Jean Dupont' },
        { type: 'html', value: '<b>Jean Dupont</b>' },
      ],
      attachments: [],
    })
    const { cables } = fromJson(json, { path: 'x.json' })
    const { cable } = redact(cables[0]!, { match: ['Jean Dupont'] })
    expect(foldedStrings(cable)).not.toContain('dupont')
    expect(JSON.stringify(cable)).toContain('call [redacted]')
  })

  it('refuses empty texts, bad expressions, unknown fields and short keys', () => {
    const cable = md('x\n')
    expect(() => redact(cable, { match: ['\u200B '] })).toThrow(RedactionRuleError)
    expect(() => redact(cable, { regex: ['(unclosed'] })).toThrow(/invalid regular expression/)
    expect(() => redact(cable, { fields: ['nope'] })).toThrow(/unknown field `nope`/)
    expect(() => redact(cable, { match: ['x'], key: 'short' })).toThrow(/at least 16 bytes/)
  })

  it('does not loop on expressions that match the empty string', () => {
    const { cable } = redact(md('abc\n'), { regex: ['x*'] })
    expect(toMarkdown(cable)).toBe('abc\n')
  })
})

describe('redact, property', () => {
  // Secrets from letters that no model key, node type or placeholder holds, so any hit is a leak.
  const secretChar = fc.constantFrom('q', 'z', 'j', 'k', 'v', 'w', 'Q', 'Z', 'J', 'K', 'Ｑ', 'ｚ', 'ĳ', '7', '9')
  const secret = fc.array(secretChar, { minLength: 3, maxLength: 8 }).map((chars) => chars.join(''))
  const filler = fc.constantFrom('a', 'b', 'e', ' ', '\n', 'o', 'ü')
  /** Write the secret as a document could: with soft hyphens, zero-width spaces, a hyphenated line end, or split by emphasis. */
  const disguise = (value: string, how: number): string => {
    const chars = [...value]
    const mid = Math.max(1, Math.floor(chars.length / 2))
    const a = chars.slice(0, mid).join('')
    const b = chars.slice(mid).join('')
    switch (how) {
      case 0:
        return value
      case 1:
        return `${a}\u00AD${b}`
      case 2:
        return `${a}\u200B${b}`
      case 3:
        return `${a}-\n${b}`
      case 4:
        return `*${a}*${b}`
      case 5:
        return `**${a}**\`${b}\``
      default:
        return value.toUpperCase()
    }
  }

  it('leaves no folded occurrence of any secret in the redacted model', () => {
    fc.assert(
      fc.property(
        fc.array(secret, { minLength: 1, maxLength: 3 }),
        fc.array(fc.tuple(fc.array(filler, { maxLength: 6 }), fc.nat(6), fc.nat(2)), { minLength: 1, maxLength: 8 }),
        (secrets, pieces) => {
          let body = ''
          pieces.forEach(([fill, how, which]) => {
            body += `${fill.join('')}${disguise(secrets[which % secrets.length]!, how)} `
          })
          const header = `---\nsubject: about ${secrets[0]} x\nto: [${secrets.join(', ')}]\n---\n\n`
          const text = `${header}${body}\n\n## PJ : on ${secrets.at(-1)}\n\n> ${body}\n`
          const { cables } = fromMarkdown(text, { path: 'p.md' })
          fc.pre(cables.length === 1)
          const { cable } = redact(cables[0]!, { match: secrets })
          const folded = foldedStrings(cable)
          for (const s of secrets) expect(folded).not.toContain(foldString(s).replace(/[^\p{L}\p{N}]/gu, ''))
        },
      ),
      { numRuns: 300, seed: 7 },
    )
  })
})
