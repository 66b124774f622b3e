import { escapeXml } from './xml-escape.js'

const WML = 'application/vnd.openxmlformats-officedocument.wordprocessingml'

// Content type of each kind of part, by its path; parts matching none take the `xml` default.
const OVERRIDES: readonly [RegExp, string][] = [
  [/^word\/document\.xml$/, `${WML}.document.main+xml`],
  [/^word\/styles\.xml$/, `${WML}.styles+xml`],
  [/^word\/numbering\.xml$/, `${WML}.numbering+xml`],
  [/^word\/footnotes\.xml$/, `${WML}.footnotes+xml`],
  [/^word\/endnotes\.xml$/, `${WML}.endnotes+xml`],
  [/^word\/settings\.xml$/, `${WML}.settings+xml`],
  [/^word\/fontTable\.xml$/, `${WML}.fontTable+xml`],
  [/^word\/webSettings\.xml$/, `${WML}.webSettings+xml`],
  [/^word\/comments\.xml$/, `${WML}.comments+xml`],
  [/^word\/header\d+\.xml$/, `${WML}.header+xml`],
  [/^word\/footer\d+\.xml$/, `${WML}.footer+xml`],
  [/^word\/theme\/theme\d+\.xml$/, 'application/vnd.openxmlformats-officedocument.theme+xml'],
  [/^docProps\/core\.xml$/, 'application/vnd.openxmlformats-package.core-properties+xml'],
  [/^docProps\/app\.xml$/, 'application/vnd.openxmlformats-officedocument.extended-properties+xml'],
  [/^docProps\/custom\.xml$/, 'application/vnd.openxmlformats-officedocument.custom-properties+xml'],
]

/**
 * `[Content_Types].xml` for a package holding `paths`: defaults for
 * relationships, XML and obfuscated fonts, an override for each part whose
 * type the extension does not tell.
 */
export function contentTypesXml(paths: readonly string[]): string {
  let xml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Default Extension="odttf" ContentType="application/vnd.openxmlformats-officedocument.obfuscatedFont"/>'
  for (const path of paths) {
    const type = OVERRIDES.find(([pattern]) => pattern.test(path))?.[1]
    if (type) xml += `<Override PartName="/${escapeXml(path)}" ContentType="${type}"/>`
  }
  return `${xml}</Types>`
}
