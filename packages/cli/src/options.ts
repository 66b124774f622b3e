import { InvalidArgumentError } from 'commander'
import type { SourceFormat } from '@cablekit/core'
import type { RenderFormat } from './render-source.js'

const FORMATS: SourceFormat[] = ['markdown', 'text', 'json']

/** Parse `--from`: one of the source formats (`md` is taken for markdown). */
export function formatOption(value: string): SourceFormat {
  const format = value === 'md' ? 'markdown' : value === 'txt' ? 'text' : value
  if (!(FORMATS as string[]).includes(format)) throw new InvalidArgumentError(`expected one of ${FORMATS.join(', ')}`)
  return format as SourceFormat
}

/** The output formats `render` and `batch` write. */
export const RENDER_FORMATS: readonly RenderFormat[] = ['pdf', 'docx', 'html']

/** Parse `--to`: output formats, comma-separated (`pdf`, `docx`, `html`, or several: `pdf,docx,html`), each once, in the order given. */
export function formatsOption(value: string): RenderFormat[] {
  const formats = value
    .split(',')
    .map((format) => format.trim().toLowerCase())
    .filter(Boolean)
  for (const format of formats) {
    if (!(RENDER_FORMATS as readonly string[]).includes(format))
      throw new InvalidArgumentError(`unknown format "${format}": expected ${RENDER_FORMATS.join(', ')}, or several joined by commas`)
  }
  if (formats.length === 0) throw new InvalidArgumentError(`expected ${RENDER_FORMATS.join(', ')}, or several joined by commas`)
  return [...new Set(formats)] as RenderFormat[]
}
