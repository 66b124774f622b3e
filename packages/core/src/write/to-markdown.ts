import { unified } from 'unified'
import remarkStringify from 'remark-stringify'
import remarkGfm from 'remark-gfm'
import remarkDirective from 'remark-directive'
import remarkFrontmatter from 'remark-frontmatter'
import { stringify } from 'yaml'
import type { Root, RootContent } from 'mdast'
import { HEADER_KEYS } from '../model/schema.js'
import type { Cable } from '../model/schema.js'
import { resolveClassification, resolvePrecedence } from '../model/vocabulary.js'
import type { BodyContent } from '../model/nodes.js'
import { stripPositions } from './strip-positions.js'

const processor = unified()
  .use(remarkFrontmatter, ['yaml'])
  .use(remarkGfm)
  .use(remarkDirective)
  .use(remarkStringify, { bullet: '-', emphasis: '_', strong: '*', fences: true, rule: '-', listItemIndent: 'one', resourceLink: false })

/**
 * Write a cable in the canonical Markdown form: YAML front matter with the
 * header in the order of `docs/cable-model.md` (precedence and classification
 * as plain words where that reads back the same), the body, then each
 * attachment under a `## LABEL : title` heading. Redacted spans are written as
 * `:redact[]{reason="…"}`: the secret is not in the model, so it is not here.
 *
 * @example toMarkdown(cable) // '---\nid: 299-1P2014-CRY\n…\n---\n\nJ’ai l’honneur…'
 */
export function toMarkdown(cable: Cable): string {
  const header: Record<string, unknown> = {}
  for (const key of HEADER_KEYS) {
    const value = cable[key]
    if (value === undefined) continue
    if (key === 'precedence' || key === 'classification') {
      const leveled = value as { level: string; label: string }
      const resolve = key === 'precedence' ? resolvePrecedence : resolveClassification
      const short = resolve(leveled.label, cable.lang)
      header[key] = short && short.level === leveled.level && short.label === leveled.label ? leveled.label : { level: leveled.level, label: leveled.label }
    } else header[key] = stripPositions(value)
  }
  const children: RootContent[] = []
  if (Object.keys(header).length > 0) {
    children.push({ type: 'yaml', value: stringify(header, { lineWidth: 0, minContentWidth: 0 }).trimEnd() })
  }
  children.push(...writable(cable.body))
  for (const attachment of cable.attachments) {
    const title = attachment.title ? `${attachment.label} : ${attachment.title}` : `${attachment.label} :`
    children.push({ type: 'heading', depth: 2, children: [{ type: 'text', value: title }] })
    children.push(...writable(attachment.body))
  }
  return processor.stringify({ type: 'root', children } as Root)
}

/** Redaction nodes become empty `redact` directives that carry only the reason. */
function writable(nodes: BodyContent[]): RootContent[] {
  return nodes.map((node) => rewrite(stripPositions(node)) as RootContent)
}

function rewrite(node: BodyContent): unknown {
  if (node.type === 'redaction') {
    return { type: 'textDirective', name: 'redact', attributes: node.reason ? { reason: node.reason } : {}, children: [] }
  }
  if ('children' in node && Array.isArray(node.children)) {
    return { ...node, children: (node.children as BodyContent[]).map(rewrite) }
  }
  return node
}
