/** The wording of a dossier's own pages. */
export interface DossierLabels {
  contents: string
  introduction: string
  index: string
  tags: string
  /** The hashtags of the publications that carried cables, kept apart from telegram TAGS. */
  hashtags: string
  places: string
  senders: string
  cables: (count: number) => string
  editedBy: string
  attachment: string
}

const FRENCH: DossierLabels = {
  contents: 'Table des matières',
  introduction: 'Introduction',
  index: 'Index',
  tags: 'Mots-clés (TAGS)',
  hashtags: 'Mots-dièse des publications',
  places: 'Lieux',
  senders: 'Expéditeurs',
  cables: (count) => `${count} ${count > 1 ? 'documents' : 'document'}`,
  editedBy: 'Édité par',
  attachment: 'PJ',
}

const ENGLISH: DossierLabels = {
  contents: 'Contents',
  introduction: 'Introduction',
  index: 'Index',
  tags: 'TAGS',
  hashtags: 'Publication hashtags',
  places: 'Places',
  senders: 'Senders',
  cables: (count) => `${count} ${count > 1 ? 'cables' : 'cable'}`,
  editedBy: 'Edited by',
  attachment: 'Encl.',
}

/** The labels of a dossier in `lang` (French or English; English for any other). */
export function dossierLabels(lang: string): DossierLabels {
  return lang.slice(0, 2).toLowerCase() === 'fr' ? FRENCH : ENGLISH
}

/** Lower-case roman numerals for the front matter's folios (i, ii, iii…). */
export function roman(value: number): string {
  const table: [number, string][] = [
    [1000, 'm'],
    [900, 'cm'],
    [500, 'd'],
    [400, 'cd'],
    [100, 'c'],
    [90, 'xc'],
    [50, 'l'],
    [40, 'xl'],
    [10, 'x'],
    [9, 'ix'],
    [5, 'v'],
    [4, 'iv'],
    [1, 'i'],
  ]
  let out = ''
  let rest = value
  for (const [amount, letters] of table) {
    while (rest >= amount) {
      out += letters
      rest -= amount
    }
  }
  return out
}
