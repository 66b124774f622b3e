/** One step of a JSON path: a key of an object or an index of an array. */
export type PathStep = string | number

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

/**
 * A JSON path as people write it in JavaScript: `body[3].children[0]`,
 * `to[1]`, `issuer.localized["zh-Hant"]`; the empty path (the cable itself)
 * is `cable`, so a message never starts with an empty name.
 *
 * @example formatPath(['body', 3, 'children', 0]) // 'body[3].children[0]'
 */
export function formatPath(path: readonly PathStep[]): string {
  let out = ''
  for (const step of path) {
    if (typeof step === 'number') out += `[${step}]`
    else if (IDENTIFIER.test(step)) out += out === '' ? step : `.${step}`
    else out += `[${JSON.stringify(step)}]`
  }
  return out === '' ? 'cable' : out
}
