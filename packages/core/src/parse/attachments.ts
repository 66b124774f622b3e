import { toString } from 'mdast-util-to-string'
import type { Heading } from 'mdast'
import { redactionPlaceholder } from '../redact/redaction-placeholder.js'
import type { Attachment } from '../model/schema.js'
import type { BodyContent } from '../model/nodes.js'

/**
 * The labels that start an attachment heading (`## PJ : title`), as a pattern:
 * label words, an optional number, a colon, the title.
 */
export const ATTACHMENT_HEADING =
  /^(PJ|P\.\s?J\.?|Pi[èe]ces?\s+jointes?|Annexes?|Enclosures?|Attachments?|ENCL)(\s*(?:n°\s*)?(?:\d+|[IVX]+|[A-Z]\b))?\s*:\s*(.*)$/iu

/** Read an attachment heading: its label as written and its title, or `undefined`. */
export function readAttachmentHeading(node: BodyContent): { label: string; title: string } | undefined {
  if (node.type !== 'heading' || (node as Heading).depth !== 2) return undefined
  const match = ATTACHMENT_HEADING.exec(headingText(node).trim())
  if (!match) return undefined
  return { label: `${match[1]}${match[2] ?? ''}`.replace(/\s+/g, ' ').trim(), title: match[3]!.trim() }
}

/**
 * Split a body at its attachment headings: what precedes the first one is the
 * cable's body, and each heading starts an attachment that runs to the next.
 */
export function splitAttachments(children: BodyContent[]): { body: BodyContent[]; attachments: Attachment[] } {
  const body: BodyContent[] = []
  const attachments: Attachment[] = []
  for (const node of children) {
    const heading = readAttachmentHeading(node)
    if (heading) attachments.push({ ...heading, body: [] })
    else (attachments.at(-1)?.body ?? body).push(node)
  }
  return { body, attachments }
}

/**
 * A heading's text, with each redaction (a bar, or a `:redact[…]` kept for
 * `cablekit redact`) as the fixed placeholder: a title is a plain string,
 * where the secret would otherwise be printed.
 */
function headingText(node: BodyContent): string {
  const walk = (item: BodyContent): string => {
    if (item.type === 'redaction') return redactionPlaceholder(item.reason)
    if (item.type === 'textDirective' && item.name === 'redact') return redactionPlaceholder(item.attributes?.['reason'] ?? undefined)
    if ('children' in item && Array.isArray(item.children)) return (item.children as BodyContent[]).map(walk).join('')
    return toString(item)
  }
  return walk(node)
}
