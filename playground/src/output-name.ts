/**
 * A download's file name from the cable's id: ASCII letters, digits, dot,
 * dash and underscore only (an id is untrusted text; accents are dropped,
 * `Réf` gives `Ref`), `cable` when nothing is left.
 *
 * @example outputName('09RABAT412', 'pdf') // '09RABAT412.pdf'
 */
export function outputName(id: string | undefined, extension: string): string {
  const stem = (id ?? '')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80)
  return `${stem || 'cable'}.${extension}`
}
