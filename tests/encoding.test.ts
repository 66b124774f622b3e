import iconv from 'iconv-lite'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { decode, fromText } from '@cablekit/core'

const sample = 'Objet : Réunion à Genève — très urgent\nJ’ai l’honneur « de » vous écrire.\n'

function decoded(bytes: Uint8Array) {
  const file = new VFile({ path: 'x.txt' })
  return { result: decode(bytes, file), file }
}

describe('decode', () => {
  it('reads UTF-8 with and without BOM', () => {
    expect(decoded(Buffer.from(sample, 'utf8')).result).toEqual({ text: sample, encoding: 'utf-8' })
    expect(decoded(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sample, 'utf8')])).result).toEqual({ text: sample, encoding: 'utf-8' })
  })

  it('reads UTF-16 LE and BE with BOM', () => {
    expect(decoded(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(sample, 'utf-16le')])).result).toEqual({ text: sample, encoding: 'utf-16le' })
    expect(decoded(Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(sample, 'utf-16be')])).result).toEqual({ text: sample, encoding: 'utf-16be' })
  })

  it('reads Windows-1252 (curly quotes, em dash) with accents intact, as an info', () => {
    const { result, file } = decoded(iconv.encode(sample, 'windows-1252'))
    expect(result).toEqual({ text: sample, encoding: 'windows-1252' })
    expect(file.messages.map((message) => message.ruleId)).toEqual(['legacy-encoding'])
  })

  it('reads ISO-8859-1 with accents intact (as its superset Windows-1252: same characters for every byte ISO text uses)', () => {
    const latin = "Réf : à Genève, l'été, çà et là — ÀÉÈÇÔ".replace('—', '-')
    const { result } = decoded(iconv.encode(latin, 'latin1'))
    expect(result?.text).toBe(latin)
    expect(['windows-1252', 'iso-8859-1']).toContain(result?.encoding)
  })

  it('refuses bytes no legacy encoding explains (C1 controls that are undefined in Windows-1252)', () => {
    const { result, file } = decoded(Uint8Array.from([0x52, 0xe9, 0x81, 0x0a]))
    expect(result).toBeUndefined()
    expect(file.messages[0]?.ruleId).toBe('bad-encoding')
  })

  it('normalises CRLF and lone CR, keeping line numbers', () => {
    expect(decoded(Buffer.from('a\r\nb\rc\n')).result?.text).toBe('a\nb\nc\n')
  })

  it('refuses binary data', () => {
    const { result, file } = decoded(Uint8Array.from([0x00, 0x01, 0x02, 0xff]))
    expect(result).toBeUndefined()
    expect(file.messages[0]?.ruleId).toBe('binary-input')
  })
})

describe('fromText over encodings and line endings', () => {
  const cable = 'ROYAUME DU MAROC\nN° 9/AB/2015\n\nRabat, le 3 mars 2015\n\nURGENT\n\nObjet : Réunion à Genève.\n\nJ’ai l’honneur de vous écrire.\n'
  const variants: [string, Uint8Array][] = [
    ['utf-8', Buffer.from(cable)],
    ['utf-8 BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(cable)])],
    ['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(cable, 'utf-16le')])],
    ['windows-1252 CRLF', iconv.encode(cable.replace(/\n/g, '\r\n'), 'windows-1252')],
    ['iso-8859-1 CR', iconv.encode(cable.replace(/’/g, "'").replace(/\n/g, '\r'), 'latin1')],
  ]
  for (const [name, bytes] of variants) {
    it(`${name}: same fields, accents intact, right line numbers`, () => {
      const result = fromText(bytes, { path: `${name}.txt` })
      const [read] = result.cables
      expect(read).toMatchObject({
        reference: '9/AB/2015',
        date: '2015-03-03',
        place: 'Rabat',
        subject: 'Réunion à Genève.',
        issuer: { state: 'ROYAUME DU MAROC' },
      })
      expect(JSON.stringify(read!.body)).toMatch(/J.ai l.honneur de vous écrire\./)
    })
  }

  it('positions refer to the decoded lines for CRLF input', () => {
    const result = fromText(Buffer.from('ROYAUME DU MAROC\r\nRabat, le 3 mars 2015\r\nObjet : Sommet de I’OTAN.\r\n'), { path: 'crlf.txt' })
    const suspect = result.file.messages.find((message) => message.ruleId === 'ocr-suspect')
    expect([suspect?.line, suspect?.column]).toEqual([3, 19])
  })
})
