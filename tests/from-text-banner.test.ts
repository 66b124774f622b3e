import { describe, expect, it } from 'vitest'
import { fromText } from '@cablekit/core'
import { despaceBanner, readBannerLine } from '../packages/core/src/parse/from-text/banner.js'

describe('telegram banners, letter-spaced or not', () => {
  it('puts letter-spaced words back together, with the spaces between words', () => {
    expect(despaceBanner('C O N F I D E N T I A L / / N O F O R N')).toBe('CONFIDENTIAL//NOFORN')
    expect(despaceBanner('U N C L A S S I F I E D / / F O R O F F I C I A L U S E O N L Y')).toBe('UNCLASSIFIED//FOR OFFICIAL USE ONLY')
    expect(despaceBanner('L I M I T E D O F F I C I A L U S E')).toBe('LIMITED OFFICIAL USE')
  })

  it('reads what follows the classification: section, post and serial, an id, a number', () => {
    expect(readBannerLine('C O N F I D E N T I A L SECTION 01 OF 02 RABAT 000412')).toEqual({
      label: 'CONFIDENTIAL',
      section: { number: 1, of: 2 },
      post: 'RABAT',
      serial: '000412',
    })
    expect(readBannerLine('S E C R E T / / N O F O R N 07USNATO115')).toEqual({ label: 'SECRET//NOFORN', id: '07USNATO115' })
    expect(readBannerLine('U N C L A S S I F I E D / / F O R O F F I C I A L U S E O N L Y ANKARA 008356')).toMatchObject({
      label: 'UNCLASSIFIED//FOR OFFICIAL USE ONLY',
      post: 'ANKARA',
    })
    expect(readBannerLine('C O N F I D E N T I A L 67606')).toEqual({ label: 'CONFIDENTIAL', number: '67606' })
    expect(readBannerLine('CONFIDENTIAL')).toEqual({ label: 'CONFIDENTIAL' })
    expect(readBannerLine('CONFIDENTIAL MATTERS WERE DISCUSSED')).toBeUndefined()
  })

  it('takes a classification word OCR misread by a letter or two, with a warning', () => {
    expect(readBannerLine('CONFIDENTTIAL')).toEqual({ label: 'CONFIDENTIAL', misread: 'CONFIDENTTIAL' })
    expect(readBannerLine('CONFIDENTTIATL RABAT 000412')).toMatchObject({ label: 'CONFIDENTIAL', post: 'RABAT', misread: 'CONFIDENTTIATL' })
    expect(readBannerLine('SECRETS')).toMatchObject({ label: 'SECRET' })
    expect(readBannerLine('SECURITY')).toBeUndefined()
    const text = 'CONFIDENTTIAL\n\nO 141530Z AUG 09\nFM AMEMBASSY RABAT\nTO SECSTATE WASHDC IMMEDIATE\nBT\nSUBJECT: TEST\n\n1. (C) Text.\n'
    const { cables, file } = fromText(text)
    expect(cables[0]?.classification).toEqual({ level: 'confidential', label: 'CONFIDENTIAL' })
    expect(file.messages.some((message) => message.ruleId === 'ocr-suspect' && message.message.includes('CONFIDENTTIAL'))).toBe(true)
  })

  it('reads a facsimile header: a banner alone, a written day, the sender as WikiLeaks names the post', () => {
    const text = 'U N C L A S S I F I E D\n\nNOVEMBER 15, 2002\nFM Embassy Ankara\nBT\nU N C L A S S I F I E D 02ANKARA8356\n\nSUBJECT: TEST\n\n1. Text.\n'
    expect(fromText(text).cables[0]).toMatchObject({
      classification: { level: 'unclassified', label: 'UNCLASSIFIED' },
      date: '2002-11-15',
      place: 'Ankara',
      id: '02ANKARA8356',
    })
  })
})
