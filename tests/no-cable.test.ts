import { describe, expect, it } from 'vitest'
import { fromJson, fromMarkdown } from '@cablekit/core'

// Archive folders hold other files beside the cables: a package.json, a
// README. Those hold no cable, and the readers say so instead of inventing an
// empty cable from them.
describe('files that hold no cable', () => {
  it('a JSON object with none of the cable keys is no cable, at its position', () => {
    const { cables, file } = fromJson('\n  {"name": "archive", "version": "1.0.0"}', { path: 'package.json' })
    expect(cables).toEqual([])
    const [message] = file.messages
    expect(message).toMatchObject({ ruleId: 'no-cable', fatal: true, line: 2, column: 3 })
    expect(message!.reason).toMatch(/`name`, `version`/)
    // No unknown-key warnings on top: the file is not a cable with typos.
    expect(file.messages).toHaveLength(1)
  })

  it('an empty object and an empty list are no cable', () => {
    expect(fromJson('{}').file.messages.map((m) => m.ruleId)).toEqual(['no-cable'])
    expect(fromJson('[]').file.messages.map((m) => m.ruleId)).toEqual(['no-cable'])
  })

  it('one cable key is enough: the other keys are typos, warned and dropped', () => {
    const { cables, file } = fromJson('{"subject": "Test", "subjet": "x", "body": []}')
    expect(cables).toHaveLength(1)
    expect(file.messages.map((m) => m.ruleId)).toEqual(['unknown-key'])
  })

  it('a JSON array names the item that holds no cable, and keeps none of the file', () => {
    const { cables, file } = fromJson('[{"subject": "A", "body": []},\n {"kind": "index"}]')
    expect(cables).toEqual([])
    expect(file.messages).toMatchObject([{ ruleId: 'no-cable', line: 2, column: 2 }])
  })

  it('Markdown without front matter is still read, with a note that it has no header', () => {
    const { cables, file } = fromMarkdown('# Readme\n\nThis folder holds cables.\n')
    expect(cables).toHaveLength(1)
    expect(file.messages.map((m) => m.ruleId)).toContain('no-front-matter')
  })
})
