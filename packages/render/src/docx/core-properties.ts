import { escapeXml } from './xml-escape.js'

/** What `docProps/core.xml` says of the document. */
export interface CoreProperties {
  title: string
  subject: string
  creator: string
  /** Who last modified the document (default: the creator). */
  lastModifiedBy?: string
  keywords: string
  description: string
  /** BCP 47 language. */
  language: string
  created: Date
  modified: Date
}

// W3CDTF without milliseconds, as Word writes it.
function w3cdtf(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/**
 * `docProps/core.xml`: title, subject, creator, keywords, description,
 * language and the two dates, all text escaped and sanitized.
 *
 * @example corePropertiesXml({ title: 'Objet', subject: '', creator: 'cablekit', keywords: '', description: '', language: 'fr', created, modified })
 */
export function corePropertiesXml(props: CoreProperties): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties' +
    ' xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"' +
    ' xmlns:dc="http://purl.org/dc/elements/1.1/"' +
    ' xmlns:dcterms="http://purl.org/dc/terms/"' +
    ' xmlns:dcmitype="http://purl.org/dc/dcmitype/"' +
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeXml(props.title)}</dc:title><dc:subject>${escapeXml(props.subject)}</dc:subject><dc:creator>${escapeXml(props.creator)}</dc:creator>` +
    `<cp:keywords>${escapeXml(props.keywords)}</cp:keywords><dc:description>${escapeXml(props.description)}</dc:description>` +
    `<cp:lastModifiedBy>${escapeXml(props.lastModifiedBy ?? props.creator)}</cp:lastModifiedBy><cp:revision>1</cp:revision>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${w3cdtf(props.created)}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${w3cdtf(props.modified)}</dcterms:modified>` +
    `<dc:language>${escapeXml(props.language)}</dc:language></cp:coreProperties>`
  )
}
