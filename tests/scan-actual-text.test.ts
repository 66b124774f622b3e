/**
 * `/ActualText` in text-layer PDFs: pdf.js reports marked content but not the
 * text a span declares, so `readPdf` reads the page's content stream beside it
 * (`actual-text.ts`). The PDFs here are written by hand, byte by byte, so that
 * what is drawn and what is declared differ on purpose.
 */
import { deflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { markedContentTexts, pdfSource, sequences } from '../packages/scan/src/actual-text.js'
import { readPdf } from '../packages/scan/src/index.js'

const latin1 = (text: string) => Buffer.from(text, 'latin1')

/** A one-page PDF with Helvetica and `content` as its page's content stream (Flate when `flate`). */
function pdfWith(content: string, { flate = false, indirectLength = false } = {}): Uint8Array {
  const data = flate ? deflateSync(latin1(content)) : latin1(content)
  const objects: Buffer[] = [
    latin1('<< /Type /Catalog /Pages 2 0 R >>'),
    latin1('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    latin1('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 200] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>'),
    Buffer.concat([
      latin1(`<< /Length ${indirectLength ? '6 0 R' : data.length}${flate ? ' /Filter /FlateDecode' : ''} >>\nstream\n`),
      data,
      latin1('\nendstream'),
    ]),
    latin1('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'),
    latin1(String(data.length)),
  ]
  const parts: Buffer[] = [latin1('%PDF-1.6\n')]
  const offsets: number[] = []
  let at = parts[0]!.length
  objects.forEach((body, index) => {
    const chunk = Buffer.concat([latin1(`${index + 1} 0 obj\n`), body, latin1('\nendobj\n')])
    offsets.push(at)
    parts.push(chunk)
    at += chunk.length
  })
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`)].join('')
  parts.push(latin1(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`))
  return new Uint8Array(Buffer.concat(parts))
}

const text = async (pdf: Uint8Array) =>
  (await readPdf(pdf, { minPageText: 1 })).pages
    .flatMap((page) => page.words)
    .map((word) => word.text)
    .join(' ')

describe('the /ActualText of marked-content sequences', () => {
  it('lists every sequence in order, with its /ActualText decoded, and skips strings, comments and inline images', () => {
    const stream = [
      '% a comment with BDC in it',
      '/Span <</ActualText <FEFF0632>>> BDC (r) Tj EMC',
      '/P <</MCID 3>> BDC (a \\(BDC\\) string (nested) BMC) Tj EMC',
      '/Artifact BMC (x) Tj EMC',
      '/Span /MC0 BDC (y) Tj EMC',
      '/Span <</Lang (fr) /ActualText (caf\\351)>> BDC (cafe) Tj EMC',
      'BI /W 2 /H 1 /BPC 8 /CS /G ID \x00BDC\xff EI',
      '/Span <</ActualText <FEFF00660069>>> BDC <0102> Tj EMC',
    ].join('\n')
    expect(sequences(latin1(stream))).toEqual(['ز', undefined, undefined, undefined, 'café', 'fi'])
  })

  it('finds the page’s content stream, plain or Flate, with a direct or an indirect length', () => {
    const content = 'BT /F1 12 Tf 10 100 Td /Span <</ActualText <FEFF0632>>> BDC (r) Tj EMC ET'
    for (const options of [{}, { flate: true }, { flate: true, indirectLength: true }]) {
      const file = pdfSource(pdfWith(content, options))
      expect(markedContentTexts(file, { num: 3, gen: 0 }), JSON.stringify(options)).toEqual(['ز'])
    }
    // /Contents naming an object that is no stream (here the catalog): not the next object's stream.
    const misnamed = Buffer.from(pdfWith(content)).toString('latin1').replace('/Contents 4 0 R', '/Contents 1 0 R')
    expect(markedContentTexts(pdfSource(Buffer.from(misnamed, 'latin1')), { num: 3, gen: 0 })).toBeUndefined()
    // No such object, or not a page: nothing, never a throw.
    expect(markedContentTexts(pdfSource(pdfWith(content)), { num: 9, gen: 0 })).toBeUndefined()
    expect(markedContentTexts(pdfSource(latin1('%PDF-1.4 garbage')), { num: 3, gen: 0 })).toBeUndefined()
  })

  it('readPdf reads the declared text in place of the drawn glyphs', async () => {
    const drawn = 'BT /F1 12 Tf 10 100 Td (Hello ) Tj /Span <</ActualText (World)>> BDC (Wxrld) Tj EMC ET'
    expect(await text(pdfWith(drawn, { flate: true }))).toBe('Hello World')
    // A sequence without /ActualText, or a named property list, keeps what is drawn.
    expect(await text(pdfWith('BT /F1 12 Tf 10 100 Td /P <</MCID 0>> BDC (Drawn text) Tj EMC ET'))).toBe('Drawn text')
  })

  it('the outermost /ActualText wins over the sequences it contains', async () => {
    const nested = 'BT /F1 12 Tf 10 100 Td /Span <</ActualText (Outer)>> BDC (ab) Tj /Span <</ActualText (Inner)>> BDC (cd) Tj EMC EMC ( after) Tj ET'
    expect(await text(pdfWith(nested))).toBe('Outer after')
  })
})
