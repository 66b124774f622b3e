/**
 * `C O N F I D E N T I A L   N O F O R N`: the spaced-out banner of
 * teletype telegrams, in capitals, letters one space apart and words three.
 * Every writer (PDF, DOCX, HTML, page furniture) spells banners with it, so
 * they cannot drift apart.
 *
 * @example spacedBanner('Confidential Noforn') // 'C O N F I D E N T I A L   N O F O R N'
 */
export function spacedBanner(label: string): string {
  return label
    .toUpperCase()
    .trim()
    .split(/\s+/)
    .map((word) => [...word].join(' '))
    .join('   ')
}
