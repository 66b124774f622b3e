/**
 * Vocabularies of precedence and classification: the levels the model knows,
 * the label each level prints in each language, and the many ways people (and
 * OCR engines) write them.
 */

/** Handling speed of a cable, slowest first. */
export const PRECEDENCE_LEVELS = ['routine', 'priority', 'urgent', 'very-urgent', 'immediate', 'flash'] as const

/** Sensitivity of a cable, lowest first. */
export const CLASSIFICATION_LEVELS = ['unclassified', 'restricted', 'confidential', 'secret', 'top-secret'] as const

/**
 * The document families the readers recognise: French ministerial cables
 * (letters on letterhead), French diplomatic telegrams (TD), US State
 * Department telegrams, British FCO telegrams and notes verbales. A family
 * picks the default facsimile theme.
 */
export const CABLE_FAMILIES = ['french-cable', 'french-td', 'us-telegram', 'fco-telegram', 'note-verbale'] as const

/** One of {@link CABLE_FAMILIES}. */
export type CableFamily = (typeof CABLE_FAMILIES)[number]

/** One of {@link PRECEDENCE_LEVELS}. */
export type PrecedenceLevel = (typeof PRECEDENCE_LEVELS)[number]
/** One of {@link CLASSIFICATION_LEVELS}. */
export type ClassificationLevel = (typeof CLASSIFICATION_LEVELS)[number]

/** The label printed for each precedence level when a cable gives only the level, per language. */
export const PRECEDENCE_LABELS = {
  fr: { routine: 'ROUTINE', priority: 'PRIORITAIRE', urgent: 'URGENT', 'very-urgent': 'TRÈS URGENT', immediate: 'IMMÉDIAT', flash: 'FLASH' },
  en: { routine: 'ROUTINE', priority: 'PRIORITY', urgent: 'URGENT', 'very-urgent': 'VERY URGENT', immediate: 'IMMEDIATE', flash: 'FLASH' },
} as const satisfies Record<string, Record<PrecedenceLevel, string>>

/** The label printed for each classification level when a cable gives only the level, per language. */
export const CLASSIFICATION_LABELS = {
  fr: { unclassified: 'NON PROTÉGÉ', restricted: 'DIFFUSION RESTREINTE', confidential: 'CONFIDENTIEL', secret: 'SECRET', 'top-secret': 'TRÈS SECRET' },
  en: { unclassified: 'UNCLASSIFIED', restricted: 'RESTRICTED', confidential: 'CONFIDENTIAL', secret: 'SECRET', 'top-secret': 'TOP SECRET' },
} as const satisfies Record<string, Record<ClassificationLevel, string>>

/**
 * What people write, mapped to a precedence level. Keys are folded with
 * {@link foldWording}: lower case, no accents, single spaces.
 */
export const PRECEDENCE_ALIASES: Readonly<Record<string, PrecedenceLevel>> = {
  routine: 'routine',
  r: 'routine',
  ordinaire: 'routine',
  normal: 'routine',
  normale: 'routine',
  priority: 'priority',
  p: 'priority',
  prioritaire: 'priority',
  priorite: 'priority',
  urgent: 'urgent',
  urgente: 'urgent',
  u: 'urgent',
  'very urgent': 'very-urgent',
  'very-urgent': 'very-urgent',
  'tres urgent': 'very-urgent',
  'tres urgente': 'very-urgent',
  'tres-urgent': 'very-urgent',
  tu: 'very-urgent',
  'extreme urgence': 'very-urgent',
  immediate: 'immediate',
  o: 'immediate',
  immediat: 'immediate',
  immediatement: 'immediate',
  'op immediate': 'immediate',
  'niact immediate': 'immediate',
  niact: 'immediate',
  'immediate niact': 'immediate',
  flash: 'flash',
  z: 'flash',
  'flash override': 'flash',
}

/**
 * What people write, mapped to a classification level. Keys are folded with
 * {@link foldWording}.
 */
export const CLASSIFICATION_ALIASES: Readonly<Record<string, ClassificationLevel>> = {
  unclassified: 'unclassified',
  unclas: 'unclassified',
  u: 'unclassified',
  'non classifie': 'unclassified',
  'non protege': 'unclassified',
  'non classifiee': 'unclassified',
  public: 'unclassified',
  'unclassified//for official use only': 'unclassified',
  'unclassified//fouo': 'unclassified',
  sbu: 'unclassified',
  'sensitive but unclassified': 'unclassified',
  restricted: 'restricted',
  'diffusion restreinte': 'restricted',
  dr: 'restricted',
  restreint: 'restricted',
  'diffusion limitee': 'restricted',
  limdis: 'restricted',
  diffusionrestreinte: 'restricted',
  // A US control marking below CONFIDENTIAL (1970s telegrams), the nearest level the model has.
  'limited official use': 'restricted',
  lou: 'restricted',
  confidential: 'confidential',
  c: 'confidential',
  confidentiel: 'confidential',
  confidentielle: 'confidential',
  'confidentiel defense': 'confidential',
  'confidential//noforn': 'confidential',
  'confidential noforn': 'confidential',
  // The Quai d'Orsay's TD markings name the protection and its domain.
  'confidentiel diplomatie': 'confidential',
  'confidentiel diplo': 'confidential',
  secret: 'secret',
  s: 'secret',
  'secret defense': 'secret',
  'secret//noforn': 'secret',
  'secret noforn': 'secret',
  'secret diplomatie': 'secret',
  'secret and personal': 'secret',
  'top secret': 'top-secret',
  'top-secret': 'top-secret',
  ts: 'top-secret',
  'tres secret': 'top-secret',
  'tres secret defense': 'top-secret',
  'top secret//noforn': 'top-secret',
}

/**
 * Fold a wording for look-up: Unicode compatibility form, accents removed,
 * lower case, runs of spaces and underscores as one space.
 *
 * @example foldWording('  TRÈS   Urgent ') // 'tres urgent'
 */
export function foldWording(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\s_]+/g, ' ')
    .trim()
}

/** A level with the label printed on the document. */
export interface Leveled<L extends string> {
  level: L
  label: string
}

function resolveWith<L extends string>(
  written: string,
  levels: readonly L[],
  aliases: Readonly<Record<string, L>>,
  labels: Record<string, Record<L, string>>,
  lang: string | undefined,
): Leveled<L> | undefined {
  const folded = foldWording(written)
  if (folded === '') return undefined
  const asLevel = levels.find((level) => level === folded)
  const table = labels[lang?.slice(0, 2) ?? ''] ?? labels['en']!
  if (asLevel) return { level: asLevel, label: table[asLevel] }
  const level = Object.hasOwn(aliases, folded) ? aliases[folded] : undefined
  return level ? { level, label: written.trim().replace(/\s+/g, ' ') } : undefined
}

/**
 * Map what a document says (`très urgent`, `IMMEDIATE`, `O`) to a precedence.
 * A level name gives the level's label in `lang`; any other wording is kept as
 * written, since the label is what the document prints.
 *
 * @returns the precedence, or `undefined` when the wording is not known.
 * @example resolvePrecedence('Très urgent') // { level: 'very-urgent', label: 'Très urgent' }
 */
export function resolvePrecedence(written: string, lang?: string): Leveled<PrecedenceLevel> | undefined {
  return resolveWith(written, PRECEDENCE_LEVELS, PRECEDENCE_ALIASES, PRECEDENCE_LABELS, lang)
}

/**
 * Map what a document says (`CONFIDENTIEL`, `SECRET//NOFORN`, `DR`) to a
 * classification, with the same rules as {@link resolvePrecedence}.
 *
 * @example resolveClassification('confidentiel') // { level: 'confidential', label: 'confidentiel' }
 */
export function resolveClassification(written: string, lang?: string): Leveled<ClassificationLevel> | undefined {
  return resolveWith(written, CLASSIFICATION_LEVELS, CLASSIFICATION_ALIASES, CLASSIFICATION_LABELS, lang)
}
