import type { RootContent } from 'mdast'
import type { Cable } from '@cablekit/core'

/**
 * The footnote definitions of a cable, by identifier: the body's and the
 * attachments', at any depth (a definition inside a list or a quote counts).
 * The PDF layout and the HTML writer number notes from the same table.
 */
export function footnoteDefinitions(cable: Cable): Map<string, RootContent[]> {
  const definitions = new Map<string, RootContent[]>()
  const collect = (nodes: readonly RootContent[]) => {
    for (const node of nodes) {
      if (node.type === 'footnoteDefinition') definitions.set(node.identifier, node.children as RootContent[])
      else if ('children' in node && Array.isArray(node.children)) collect(node.children as RootContent[])
    }
  }
  collect(cable.body as RootContent[])
  for (const attachment of cable.attachments) collect(attachment.body as RootContent[])
  return definitions
}
