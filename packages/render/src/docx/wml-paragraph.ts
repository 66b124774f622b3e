/** Paragraph formatting beyond its style; lengths in twips. */
export interface ParagraphProps {
  /** Paragraph style id (`CableBody`…). */
  style?: string
  /** Keep on the same page as the next paragraph. */
  keepNext?: boolean
  /** Start on a new page. */
  pageBreakBefore?: boolean
  /** List membership: numbering instance and level (0–8). */
  numbering?: { numId: number; level: number }
  /** Tab stops. */
  tabs?: readonly { type: 'left' | 'center' | 'right'; position: number; leader?: 'dot' }[]
  /** Right-to-left paragraph (`w:bidi`). */
  bidi?: boolean
  spacing?: { before?: number; after?: number }
  indent?: { left?: number; right?: number; firstLine?: number; hanging?: number }
  alignment?: 'left' | 'center' | 'right' | 'both'
  /** Section properties (XML from {@link sectionPropertiesXml}) when this paragraph ends a section. */
  section?: string
}

function attributes(values: Readonly<Record<string, number | undefined>>): string {
  let xml = ''
  for (const name in values) {
    const value = values[name]
    if (value !== undefined) xml += ` w:${name}="${value}"`
  }
  return xml
}

// Paragraph properties in the order CT_PPr requires: Word rejects a file whose children are out of order.
function paragraphPropertiesXml(props: ParagraphProps): string {
  let xml = ''
  if (props.style) xml += `<w:pStyle w:val="${props.style}"/>`
  if (props.keepNext) xml += '<w:keepNext/>'
  if (props.pageBreakBefore) xml += '<w:pageBreakBefore/>'
  if (props.numbering) xml += `<w:numPr><w:ilvl w:val="${props.numbering.level}"/><w:numId w:val="${props.numbering.numId}"/></w:numPr>`
  if (props.tabs && props.tabs.length > 0)
    xml += `<w:tabs>${props.tabs.map((tab) => `<w:tab w:val="${tab.type}"${tab.leader ? ` w:leader="${tab.leader}"` : ''} w:pos="${tab.position}"/>`).join('')}</w:tabs>`
  if (props.bidi) xml += '<w:bidi/>'
  if (props.spacing) xml += `<w:spacing${attributes(props.spacing)}/>`
  if (props.indent) xml += `<w:ind${attributes(props.indent)}/>`
  if (props.alignment) xml += `<w:jc w:val="${props.alignment}"/>`
  if (props.section) xml += props.section
  return xml === '' ? '' : `<w:pPr>${xml}</w:pPr>`
}

/**
 * A paragraph (`w:p`) holding `content`, runs already written as XML.
 *
 * @example paragraphXml({ style: 'CableBody' }, runXml('Texte'))
 */
export function paragraphXml(props: ParagraphProps, content = ''): string {
  return `<w:p>${paragraphPropertiesXml(props)}${content}</w:p>`
}

/**
 * `paragraph` (from {@link paragraphXml}) with section properties added, to
 * close a section the way Word does: in the pPr of its last paragraph.
 * Returns `undefined` when `paragraph` is not a paragraph (a table).
 */
export function withSectionProperties(paragraph: string, section: string): string | undefined {
  if (!paragraph.startsWith('<w:p>')) return undefined
  // pPr is always the first child; runs carry rPr, never pPr, and text is escaped, so the first `</w:pPr>` is ours.
  if (paragraph.startsWith('<w:p><w:pPr>')) {
    const end = paragraph.indexOf('</w:pPr>')
    return `${paragraph.slice(0, end)}${section}${paragraph.slice(end)}`
  }
  return `<w:p><w:pPr>${section}</w:pPr>${paragraph.slice('<w:p>'.length)}`
}
