import { escapeXml } from './xml-escape.js'

/** Character formatting of a run; every field is optional and off by default. */
export interface RunProps {
  /** Character style id (`CableLabel`, `Hyperlink`…). */
  style?: string
  /** `false` turns off a bold the style sets. */
  bold?: boolean
  italics?: boolean
  strike?: boolean
  /** Colour as DOCX writes it (`B0141E`). */
  color?: string
  /** Size in half-points. */
  size?: number
  /** Right-to-left run (`w:rtl`): Word shapes it with the complex-script font. */
  rtl?: boolean
}

// Run properties in the order CT_RPr requires: Word rejects a file whose children are out of order.
function runPropertiesXml(props: RunProps): string {
  let xml = ''
  if (props.style) xml += `<w:rStyle w:val="${props.style}"/>`
  if (props.bold) xml += '<w:b/><w:bCs/>'
  // Off explicitly, over a style that sets it (an unsigned-bold signature in the Cable Signature style).
  else if (props.bold === false) xml += '<w:b w:val="0"/><w:bCs w:val="0"/>'
  if (props.italics) xml += '<w:i/><w:iCs/>'
  if (props.strike) xml += '<w:strike/>'
  if (props.color) xml += `<w:color w:val="${props.color}"/>`
  if (props.size) xml += `<w:sz w:val="${props.size}"/><w:szCs w:val="${props.size}"/>`
  if (props.rtl) xml += '<w:rtl/>'
  return xml === '' ? '' : `<w:rPr>${xml}</w:rPr>`
}

/**
 * A text run (`w:r`) for `text`, which is escaped here: callers pass plain text.
 * `xml:space="preserve"` keeps leading, trailing and repeated spaces.
 *
 * @example runXml('Objet :', { style: 'CableLabel' })
 */
export function runXml(text: string, props: RunProps = {}): string {
  return `<w:r>${runPropertiesXml(props)}<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`
}

/** A line break inside a paragraph (Markdown hard break). */
export const BREAK_RUN = '<w:r><w:br/></w:r>'

/** The reference mark of footnote `id` in the text. */
export function footnoteReferenceXml(id: number): string {
  return `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="${id}"/></w:r>`
}

/** The mark a footnote's own text starts with. */
export const FOOTNOTE_REF_RUN = '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'

const FIELD_BEGIN = '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
const FIELD_SEPARATE = '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
/** The run that closes a field opened by {@link fieldStartXml}. */
export const FIELD_END = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'

/**
 * The runs that open a field, up to where its result starts: the begin mark,
 * the instruction (escaped here) and the separate mark. The result runs and
 * {@link FIELD_END} follow, possibly in later paragraphs (a table of contents).
 */
export function fieldStartXml(instruction: string): string {
  return `${FIELD_BEGIN}<w:r><w:instrText xml:space="preserve">${escapeXml(instruction)}</w:instrText></w:r>${FIELD_SEPARATE}`
}

/**
 * A field (`PAGE`, `NUMPAGES`, `PAGEREF cable_3 \h`) as begin/instruction/separate/result/end
 * runs; `result` (runs, as XML) is what readers that do not update fields show.
 */
export function fieldXml(instruction: string, result = ''): string {
  return fieldStartXml(instruction) + result + FIELD_END
}

/** A bookmark named `name` (ids are numbers, unique in the document) around `content` (XML). */
export function bookmarkXml(id: number, name: string, content: string): string {
  return `<w:bookmarkStart w:id="${id}" w:name="${escapeXml(name)}"/>${content}<w:bookmarkEnd w:id="${id}"/>`
}

/** A hyperlink to bookmark `anchor` in the same document, around `runs` (already XML). */
export function internalLinkXml(anchor: string, runs: string): string {
  return `<w:hyperlink w:anchor="${escapeXml(anchor)}" w:history="1">${runs}</w:hyperlink>`
}

/** A hyperlink around `runs` (already XML) to relationship `relationshipId`. */
export function hyperlinkXml(relationshipId: string, runs: string): string {
  return `<w:hyperlink w:history="1" r:id="${relationshipId}">${runs}</w:hyperlink>`
}
