import { CableValidationError, assertValidCable } from '@cablekit/core'
import type { Dossier } from '../dossier/dossier.js'
import { assertValidTheme } from './assert-renderable.js'

const OPTIONAL_STRINGS = ['subtitle', 'editor', 'date', 'lang', 'introduction'] as const

/**
 * What the dossier writers check before preparing anything: the dossier's own
 * fields, every cable (its messages say `cables[3].body[2]…`, and name the
 * cable's `id` when it has one), each entry's theme and the options' theme.
 *
 * @param dossier The value given as the dossier.
 * @param options The writer's options, if any.
 * @throws CableValidationError naming the first field at fault.
 */
export function assertValidDossier(dossier: unknown, options: unknown): asserts dossier is Dossier {
  if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options))) {
    throw CableValidationError.forField('options', 'expected an options object')
  }
  assertValidTheme((options as { theme?: unknown } | undefined)?.theme)
  if (typeof dossier !== 'object' || dossier === null || Array.isArray(dossier)) {
    throw CableValidationError.forField('dossier', 'expected a dossier object ({ title, cables })')
  }
  const record = dossier as Record<string, unknown>
  if (typeof record['title'] !== 'string') throw CableValidationError.forField('title', 'a dossier needs a string `title`')
  for (const key of OPTIONAL_STRINGS) {
    if (record[key] !== undefined && typeof record[key] !== 'string') throw CableValidationError.forField(key, `\`${key}\` must be a string when present`)
  }
  const cables = record['cables']
  if (!Array.isArray(cables)) throw CableValidationError.forField('cables', 'a dossier needs a `cables` array')
  cables.forEach((item: unknown, index) => {
    // An entry is `{ cable, theme? }`; anything with a body, or without a `cable` key, is the cable itself (as prepareDossier reads it).
    const entry = typeof item === 'object' && item !== null && 'cable' in item && !('body' in item) ? (item as { cable: unknown; theme?: unknown }) : undefined
    const at = entry ? `cables[${index}].cable` : `cables[${index}]`
    const cable = entry ? entry.cable : item
    try {
      assertValidCable(cable, { at })
    } catch (error) {
      const id = typeof cable === 'object' && cable !== null ? (cable as { id?: unknown }).id : undefined
      if (error instanceof CableValidationError && typeof id === 'string' && id !== '') {
        error.message = `${error.message} (cable ${JSON.stringify(id.slice(0, 80))})`
      }
      throw error
    }
    if (entry) assertValidTheme(entry.theme, `cables[${index}].theme`)
  })
}
