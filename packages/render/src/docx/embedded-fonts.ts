import { readFileSync } from 'node:fs'
import type { IPropertiesOptions } from 'docx'
import { fontFiles } from '../fonts/font-files.js'
import type { FontFamilyName } from '../fonts/font-files.js'
import { FONT_NAMES } from './themes.js'

/** One embedded font as the docx package takes it (its type is not exported). */
export type FontOptions = NonNullable<IPropertiesOptions['fonts']>[number]

const buffers = new Map<string, Buffer>()

// Font files are read once per process: a batch renders thousands of cables with the same few faces.
function read(path: string): Buffer {
  let data = buffers.get(path)
  if (!data) {
    data = readFileSync(path)
    buffers.set(path, data)
  }
  return data
}

/** Which faces of a family a document needs. */
export interface FaceNeeds {
  italic: boolean
}

/**
 * The fonts to embed for `families`: regular and bold always (labels and
 * stamps are bold), italic faces only when the text uses them, so a DOCX
 * stays a few hundred kilobytes. Same families → same array order → same bytes.
 */
export function embeddedFonts(families: readonly FontFamilyName[], needs: FaceNeeds): FontOptions[] {
  const files = fontFiles()
  const unique = [...new Set(families)].sort()
  return unique.map((family) => {
    const faces = files[family]
    return {
      name: FONT_NAMES[family],
      data: read(faces.regular),
      ...(faces.bold ? { bold: read(faces.bold) } : {}),
      ...(needs.italic && faces.italic ? { italic: read(faces.italic) } : {}),
      ...(needs.italic && faces.boldItalic ? { boldItalic: read(faces.boldItalic) } : {}),
    }
  })
}
