/**
 * A separator line: three or more dashes, em or en dashes, underscores,
 * equals signs or stars, possibly with spaces between runs
 * (`--------- -----`, `————————`).
 */
export function isRule(text: string): boolean {
  const value = text.trim()
  return value.length >= 3 && /^[-–—_=*~]+(?:\s+[-–—_=*~]+)*$/.test(value) && /[-–—_=~]{3}|\*{5}/.test(value)
}
