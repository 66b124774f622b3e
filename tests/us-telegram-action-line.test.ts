import { describe, expect, it } from 'vitest'
import { fromText } from '@cablekit/core'

/** Action lines of older telegrams: two precedence letters, and operating signals after the date-time group. */
describe('telegram action lines', () => {
  const telegram = (action: string) =>
    `${action}\nFM AMEMBASSY LISBON\nTO SECSTATE WASHDC PRIORITY\nBT\nUNCLAS LISBON 1234\n\nE.O. 11652: N/A\nTAGS: PFOR, PO\nSUBJECT: A TEST OF THE ACTION LINE\n\n1. THE TEXT.\n\nSMITH\n`
  it.each([
    ['P R 281848Z DEC 66', 'priority', '1966-12-28T18:48Z'],
    ['O 232227Z FEB 79 ZFF4', 'immediate', '1979-02-23T22:27Z'],
    ['R 021114Z MAR 75', 'routine', '1975-03-02T11:14Z'],
    ['O R 141530Z AUG 09 ZFF', 'immediate', '2009-08-14T15:30Z'],
  ])('reads %s as its precedence and UTC date-time', (action, precedence, date) => {
    const { cables } = fromText(telegram(action), { path: 't.txt' })
    expect(cables).toHaveLength(1)
    expect(cables[0]!.precedence?.level).toBe(precedence)
    expect(cables[0]!.date).toBe(date)
    expect(cables[0]!.from).toBe('AMEMBASSY LISBON')
    expect(cables[0]!.signature).toBe('SMITH')
  })
})
