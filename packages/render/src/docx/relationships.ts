import { escapeXml } from './xml-escape.js'

const OFFICE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'

/** Relationship types the writer uses. */
export const REL = {
  officeDocument: `${OFFICE}/officeDocument`,
  coreProperties: 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties',
  extendedProperties: `${OFFICE}/extended-properties`,
  customProperties: `${OFFICE}/custom-properties`,
  styles: `${OFFICE}/styles`,
  numbering: `${OFFICE}/numbering`,
  footnotes: `${OFFICE}/footnotes`,
  endnotes: `${OFFICE}/endnotes`,
  settings: `${OFFICE}/settings`,
  theme: `${OFFICE}/theme`,
  fontTable: `${OFFICE}/fontTable`,
  header: `${OFFICE}/header`,
  footer: `${OFFICE}/footer`,
  hyperlink: `${OFFICE}/hyperlink`,
} as const

/**
 * The relationships of one part (`word/_rels/document.xml.rels`…): ids are
 * `rId1`, `rId2`… in order of addition, so the same document gets the same ids.
 */
export class Relationships {
  private readonly items: string[] = []

  /** Add a relationship and return its id; `external` for hyperlink targets outside the package. */
  add(type: string, target: string, external = false): string {
    const id = `rId${this.items.length + 1}`
    this.items.push(`<Relationship Id="${id}" Type="${type}" Target="${escapeXml(target)}"${external ? ' TargetMode="External"' : ''}/>`)
    return id
  }

  /** The `.rels` part. */
  xml(): string {
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${this.items.join('')}</Relationships>`
  }
}
