import type { FootnoteDefinition, PhrasingContent, RootContent } from 'mdast'
import type { Cable } from '../model/schema.js'
import type { BodyContent } from '../model/nodes.js'

/** The mark printed before an editor's note, per language: "N.d.E." (note de l'éditeur) in French. */
export const EDITOR_NOTE_MARKS: Readonly<Record<string, string>> = { fr: 'N.d.E.', en: 'Ed. note', es: 'N. del E.', de: 'Anm. d. Hrsg.' }

/** The mark of editor's notes in a cable's language (French "N.d.E." when unknown: the project's first publishers write French). */
export function editorNoteMark(lang: string | undefined): string {
  return EDITOR_NOTE_MARKS[(lang ?? 'fr').slice(0, 2).toLowerCase()] ?? EDITOR_NOTE_MARKS['en']!
}

/** Footnote identifiers that name an editor's note: `[^nde]`, `[^nde-2]`, `[^nde_cardiff]`. */
export const EDITOR_NOTE_IDENTIFIER = /^nde(?:$|[-_\d])/i

/** `:nde[text]` as written in a source whose parser does not know the directive (it is then kept as text). */
const LITERAL_NDE = /:nde\[([^\]\n]{1,2000})\]/g

type AnyNode = RootContent & { children?: AnyNode[]; value?: string; name?: string; identifier?: string; data?: Record<string, unknown> }

/**
 * Mark the editor's notes of a cable so every renderer prints them as
 * footnotes that open with "N.d.E." (or the mark of the cable's language):
 * footnotes whose identifier starts with `nde` (`[^nde-1]: …`), and inline
 * `:nde[…]` notes, which become such footnotes where they stand. The
 * cable's own footnotes are left as they are. Idempotent: a note is marked
 * once (`data.editorNote`).
 *
 * @returns a new cable; the argument is not changed.
 * @example
 * markEditorNotes(cable).body
 * // […, { type: 'footnoteDefinition', identifier: 'nde-1',
 * //       children: [{ type: 'paragraph', children: [{ type: 'strong', … 'N.d.E.' }, …] }] }]
 */
export function markEditorNotes(cable: Cable): Cable {
  const mark = editorNoteMark(cable.lang)
  const used = new Set<string>()
  collectIdentifiers([...cable.body, ...cable.attachments.flatMap((a) => a.body)] as AnyNode[], used)
  let counter = 0
  const nextId = () => {
    let id: string
    do id = `nde-${++counter}`
    while (used.has(id))
    used.add(id)
    return id
  }
  const rewrite = (nodes: BodyContent[]): BodyContent[] => {
    const definitions: FootnoteDefinition[] = []
    const visit = (node: AnyNode): AnyNode[] => {
      if (node.type === 'footnoteDefinition' && EDITOR_NOTE_IDENTIFIER.test(node.identifier ?? '') && !node.data?.['editorNote']) {
        return [markDefinition(node as unknown as FootnoteDefinition, mark) as unknown as AnyNode]
      }
      if (node.type === 'textDirective' && node.name === 'nde') {
        const id = nextId()
        definitions.push(noteDefinition(id, (node.children ?? []) as PhrasingContent[], mark))
        return [{ type: 'footnoteReference', identifier: id, label: id } as AnyNode]
      }
      if (node.type === 'text' && typeof node.value === 'string' && node.value.includes(':nde[')) {
        const out: AnyNode[] = []
        let at = 0
        for (const found of node.value.matchAll(LITERAL_NDE)) {
          if (found.index > at) out.push({ type: 'text', value: node.value.slice(at, found.index) } as AnyNode)
          const id = nextId()
          definitions.push(noteDefinition(id, [{ type: 'text', value: found[1]! }], mark))
          out.push({ type: 'footnoteReference', identifier: id, label: id } as AnyNode)
          at = found.index + found[0].length
        }
        if (at === 0) return [node]
        if (at < node.value.length) out.push({ type: 'text', value: node.value.slice(at) } as AnyNode)
        return out
      }
      if (Array.isArray(node.children)) return [{ ...node, children: node.children.flatMap(visit) } as AnyNode]
      return [node]
    }
    const out = (nodes as AnyNode[]).flatMap(visit) as BodyContent[]
    return [...out, ...(definitions as BodyContent[])]
  }
  return { ...cable, body: rewrite(cable.body), attachments: cable.attachments.map((attachment) => ({ ...attachment, body: rewrite(attachment.body) })) }
}

/** A footnote definition holding an editor's note, already marked. */
export function noteDefinition(identifier: string, content: PhrasingContent[], mark: string): FootnoteDefinition {
  return markDefinition({ type: 'footnoteDefinition', identifier, label: identifier, children: [{ type: 'paragraph', children: content }] }, mark)
}

function markDefinition(definition: FootnoteDefinition, mark: string): FootnoteDefinition {
  const lead: PhrasingContent[] = [
    { type: 'strong', children: [{ type: 'text', value: mark }] },
    { type: 'text', value: ' ' },
  ]
  const [first, ...rest] = definition.children
  const children =
    first?.type === 'paragraph'
      ? [{ ...first, children: [...lead, ...first.children] }, ...rest]
      : [{ type: 'paragraph' as const, children: lead }, ...definition.children]
  return { ...definition, children, data: { ...definition.data, editorNote: true } as FootnoteDefinition['data'] }
}

function collectIdentifiers(nodes: AnyNode[], into: Set<string>): void {
  for (const node of nodes) {
    if (typeof node.identifier === 'string') into.add(node.identifier.toLowerCase())
    if (Array.isArray(node.children)) collectIdentifiers(node.children, into)
  }
}
