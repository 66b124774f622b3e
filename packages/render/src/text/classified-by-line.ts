/**
 * The Classified By line as telegrams print it, with the reasons the model
 * keeps apart (`1.4(b)`, `1.4(d)` → `for reasons 1.4 (b) and (d)`).
 *
 * @example classifiedByLine('Ambassador Robert F. Godec', ['1.4(b)', '1.4(d)']) // 'Classified By: Ambassador Robert F. Godec for reasons 1.4 (b) and (d)'
 */
export function classifiedByLine(by: string | undefined, reasons: readonly string[] | undefined): string | undefined {
  const groups: { section: string; letters: string[] }[] = []
  for (const code of reasons ?? []) {
    const match = /^(\d\.\d)\(([a-z])\)$/.exec(code)
    const section = match?.[1] ?? code
    const group = groups.at(-1)?.section === section ? groups.at(-1)! : groups[groups.push({ section, letters: [] }) - 1]!
    if (match) group.letters.push(`(${match[2]})`)
  }
  const words = groups.map(({ section, letters }) =>
    letters.length > 1 ? `${section} ${letters.slice(0, -1).join(', ')} and ${letters.at(-1)}` : `${section} ${letters.join('')}`.trim(),
  )
  const because = words.length > 0 ? `for reasons ${words.join('; ')}` : undefined
  if (!by) return because ? `Classified ${because}` : undefined
  const head = /^(?:classified by|derived from)/i.test(by) ? by : `Classified By: ${by}`
  return because ? `${head} ${because}` : head
}
