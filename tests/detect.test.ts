import { describe, expect, it } from 'vitest'
import { detectFormat, parse } from '@cablekit/core'

describe('detectFormat', () => {
  it('goes by extension first', () => {
    expect(detectFormat('a.md', '{}')).toBe('markdown')
    expect(detectFormat('a.MARKDOWN', '')).toBe('markdown')
    expect(detectFormat('a.json', '---\n')).toBe('json')
    expect(detectFormat('a.txt', '---\na: 1\n---\n')).toBe('text')
  })

  it('else by content', () => {
    expect(detectFormat(undefined, '{"id": "x"}')).toBe('json')
    expect(detectFormat('cable', '\uFEFF  [ {"id": "x"} ]')).toBe('json')
    expect(detectFormat('cable', '[]')).toBe('json')
    expect(detectFormat('cable', '---\nid: x\n---\n\nText')).toBe('markdown')
    expect(detectFormat('cable.dat', '---\r\nid: x\r\n---\r\n')).toBe('markdown')
    expect(detectFormat('cable', 'VZCZCXRO1\nFM AMEMBASSY RABAT')).toBe('text')
    expect(detectFormat('cable', '[A] bracketed prose')).toBe('text')
  })
})

describe('parse picks the ingester', () => {
  const telegram = 'R 091015Z JAN 08\nFM AMCONSUL CASABLANCA\nTO SECSTATE WASHDC 0088\nUNCLAS CASABLANCA 000012\n\nSUBJECT: TEST\n\n1. Text.\n'
  it('text by extension and content', () => {
    expect(parse(telegram, { path: 'x.txt' }).cables[0]?.id).toBe('08CASABLANCA12')
    expect(parse(telegram, { path: 'x' }).cables[0]?.id).toBe('08CASABLANCA12')
  })
  it('markdown and json by content', () => {
    expect(parse('---\nsubject: Test\n---\n\nHello.\n', { path: 'x' }).cables[0]?.subject).toBe('Test')
    expect(parse('{"subject": "Test", "body": [], "attachments": []}', { path: 'x' }).cables[0]?.subject).toBe('Test')
  })
  it('--from forces the format', () => {
    expect(parse(telegram, { path: 'x.md', from: 'text' }).cables[0]?.subject).toBe('TEST')
    expect(parse('---\nsubject: Test\n---\n', { path: 'x.txt', from: 'markdown' }).cables[0]?.subject).toBe('Test')
  })
})
