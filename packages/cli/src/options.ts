import { InvalidArgumentError } from 'commander'
import type { SourceFormat } from '@cablekit/core'

const FORMATS: SourceFormat[] = ['markdown', 'text', 'json']

/** Parse `--from`: one of the source formats (`md` is taken for markdown). */
export function formatOption(value: string): SourceFormat {
  const format = value === 'md' ? 'markdown' : value === 'txt' ? 'text' : value
  if (!(FORMATS as string[]).includes(format)) throw new InvalidArgumentError(`expected one of ${FORMATS.join(', ')}`)
  return format as SourceFormat
}
