import type { PhrasingContent, RootContent } from 'mdast'
import type { Cable, Fix } from '../model/schema.js'
import type { BodyContent } from '../model/nodes.js'
import { editorNoteMark, noteDefinition } from './editor-notes.js'

type AnyNode = RootContent & { children?: AnyNode[]; value?: string; identifier?: string; position?: { start: { line: number }; end: { line: number } } }

/**
 * Print the OCR fixes that `--fix` recorded (`provenance.fixes`) as editor's
 * notes: each becomes a footnote marked "N.d.E." saying what the source read,
 * called right after the corrected word (the first text node that holds it,
 * on the fix's source line when positions are known), or at the end of the
 * body when the word is no longer in the text (it may have been redacted).
 *
 * @returns a new cable; without fixes, the same cable.
 * @example annotateFixes(cable) // body gains `[^nde-ocr-1]` after "cette" and `[^nde-ocr-1]: N.d.E. : l'original porte « cefte » (ligne 12).`
 */
export function annotateFixes(cable: Cable): Cable {
  const fixes = cable.provenance?.fixes ?? []
  if (fixes.length === 0) return cable
  const mark = editorNoteMark(cable.lang)
  const french = (cable.lang ?? 'fr').toLowerCase().startsWith('fr')
  const body = structuredClone(cable.body) as AnyNode[]
  const definitions: BodyContent[] = []
  fixes.forEach((fix, index) => {
    const id = `nde-ocr-${index + 1}`
    const reference = { type: 'footnoteReference', identifier: id, label: id } as AnyNode
    if (!placeAfter(body, fix, reference)) appendToEnd(body, reference)
    definitions.push(noteDefinition(id, [{ type: 'text', value: describeFix(fix, french) }] as PhrasingContent[], mark) as BodyContent)
  })
  return { ...cable, body: [...(body as BodyContent[]), ...definitions] }
}

function describeFix(fix: Fix, french: boolean): string {
  return french
    ? `l’original porte « ${fix.original} », corrigé en « ${fix.replacement} » (ligne ${fix.line}, colonne ${fix.column}).`
    : `the source reads “${fix.original}”, corrected to “${fix.replacement}” (line ${fix.line}, column ${fix.column}).`
}

/** Insert `reference` after the corrected word in the first text node holding it, preferring the fix's line. */
function placeAfter(nodes: AnyNode[], fix: Fix, reference: AnyNode): boolean {
  if (!fix.replacement.trim()) return false
  const word = new RegExp(`(?<![\\p{L}\\p{N}])${fix.replacement.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u')
  const candidates: { parent: AnyNode[]; index: number; node: AnyNode; onLine: boolean }[] = []
  const walk = (list: AnyNode[]) => {
    list.forEach((node, index) => {
      if (node.type === 'footnoteDefinition') return
      const next = list[index + 1]
      const annotated = next?.type === 'footnoteReference' && next.identifier?.startsWith('nde-ocr-')
      if (node.type === 'text' && typeof node.value === 'string' && !annotated && word.test(node.value)) {
        const onLine = node.position !== undefined && node.position.start.line <= fix.line && fix.line <= node.position.end.line
        candidates.push({ parent: list, index, node, onLine })
      }
      if (Array.isArray(node.children)) walk(node.children)
    })
  }
  walk(nodes)
  const chosen = candidates.find((candidate) => candidate.onLine) ?? candidates[0]
  if (!chosen) return false
  const value = chosen.node.value!
  const found = word.exec(value)!
  const cut = found.index + found[0].length
  const { position: _position, ...rest } = chosen.node
  const replacement: AnyNode[] = [{ ...rest, value: value.slice(0, cut) } as AnyNode, reference]
  if (cut < value.length) replacement.push({ type: 'text', value: value.slice(cut) } as AnyNode)
  chosen.parent.splice(chosen.index, 1, ...replacement)
  return true
}

function appendToEnd(nodes: AnyNode[], reference: AnyNode): void {
  const last = [...nodes].reverse().find((node) => node.type === 'paragraph')
  if (last?.children) last.children.push(reference)
  else nodes.push({ type: 'paragraph', children: [reference] } as AnyNode)
}
