import { toString } from 'mdast-util-to-string'
import type { Heading } from 'mdast'
import type { Attachment } from '../model/schema.js'
import type { BodyContent } from '../model/nodes.js'

/**
 * The labels that start an attachment heading (`## PJ : title`), as a pattern:
 * label words, an optional number, a colon, the title.
 */
export const ATTACHMENT_HEADING = /^(PJ|P\.\s?J\.?|Pi[èe]ces?\s+jointes?|Annexes?|Enclosures?|Attachments?|ENCL)(\s*(?:n°\s*)?(?:\d+|[IVX]+|[A-Z]\b))?\s*:\s*(.*)$/iu

/** Read an attachment heading: its label as written and its title, or `undefined`. */
export function readAttachmentHeading(node: BodyContent): { label: string; title: string } | undefined {
  if (node.type !== 'heading' || (node as Heading).depth !== 2) return undefined
  const match = ATTACHMENT_HEADING.exec(toString(node).trim())
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
