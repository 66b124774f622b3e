import type { ICharacterStyleOptions, IParagraphStyleOptions } from 'docx'
import type { ThemeData } from '../themes/theme.js'
import { docxStyles } from './styles.js'

/** One theme's named styles under ids and names of their own, so several themes' sets live in one `styles.xml`. */
export interface PrefixedStyles {
  paragraphStyles: IParagraphStyleOptions[]
  characterStyles: ICharacterStyleOptions[]
  /** The original ids the set renames (`CableBody`, `TelegramSubject`…). */
  ids: ReadonlySet<string>
}

/**
 * The styles of `theme` with every id prefixed (`CableBody` → `TdCableBody`)
 * and every name suffixed with the theme (`Cable Body (td)`), `basedOn` and
 * `next` following: Word keys styles by id and lists them by name, and both
 * must be unique in a document.
 *
 * @param theme The theme whose styles are copied.
 * @param language BCP 47 proofing language of the styles.
 * @param prefix Letters put before each id; {@link stylePrefix} makes one from a theme name.
 */
export function prefixedStyles(theme: ThemeData, language: string, prefix: string): PrefixedStyles {
  const styles = docxStyles(theme, language)
  const ids = new Set<string>([...(styles.paragraphStyles ?? []), ...(styles.characterStyles ?? [])].map((style) => style.id))
  const rename = (id: string | undefined) => (id !== undefined && ids.has(id) ? `${prefix}${id}` : id)
  const suffix = ` (${theme.name})`
  const paragraphStyles = (styles.paragraphStyles ?? []).map((style) => ({
    ...style,
    id: `${prefix}${style.id}`,
    name: `${style.name ?? style.id}${suffix}`,
    ...(style.basedOn !== undefined ? { basedOn: rename(style.basedOn)! } : {}),
    ...(style.next !== undefined ? { next: rename(style.next)! } : {}),
  }))
  const characterStyles = (styles.characterStyles ?? []).map((style) => ({
    ...style,
    id: `${prefix}${style.id}`,
    name: `${style.name ?? style.id}${suffix}`,
    ...(style.basedOn !== undefined ? { basedOn: rename(style.basedOn)! } : {}),
  }))
  return { paragraphStyles, characterStyles, ids }
}

/** `note-verbale` → `NoteVerbale`: a style id prefix of letters and digits from a theme name, never empty. */
export function stylePrefix(name: string): string {
  const letters = name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('')
  return /^[A-Za-z]/.test(letters) ? letters : `T${letters}`
}

/**
 * `xml` with every paragraph and run style reference to one of `ids` prefixed:
 * the cable was written with the plain ids, and its theme's set is in the
 * document under prefixed ones.
 */
export function prefixStyleIds(xml: string, prefix: string, ids: ReadonlySet<string>): string {
  return xml.replace(/(<w:(?:pStyle|rStyle) w:val=")([^"]*)(")/g, (whole, open: string, id: string, close: string) =>
    ids.has(id) ? `${open}${prefix}${id}${close}` : whole,
  )
}
