import type { Point } from 'unist'
import type { VFile } from 'vfile'
import { report } from '@cablekit/core'
import type { Cable } from '@cablekit/core'
import { missingCharacters } from '@cablekit/render'
import type { ThemeData, ThemeName } from '@cablekit/render'

/**
 * Warn, at its first place in the source, about each character of `cable`
 * that no font of the theme has: it would print as a replacement mark. Used
 * by every command that renders (`render`, `batch`, `dossier`).
 *
 * @param fallback where to point when the character's node has no position.
 */
export function reportMissingGlyphs(file: VFile, cable: Cable, theme: ThemeData | ThemeName | undefined, fallback: Point): void {
  let missing: ReturnType<typeof missingCharacters>
  try {
    missing = missingCharacters(cable, theme ? { theme } : {})
  } catch {
    // The check is advice: an unknown theme is reported by the writer itself.
    return
  }
  for (const one of missing) {
    report(
      file,
      'warning',
      'missing-glyph',
      `${one.codePoint} (${one.char}) is in no font of the theme: it prints as a replacement mark (�) in ${one.field}`,
      one.position ?? fallback,
    )
  }
}
