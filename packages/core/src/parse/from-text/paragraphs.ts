import type { List, ListItem, Paragraph, PhrasingContent, Root } from 'mdast'
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal'
import type { Position } from 'unist'
import type { BodyContent } from '../../model/nodes.js'
import type { TextContext } from './context.js'
import { decodeEntities } from './entities.js'
import type { Line } from './lines.js'
import { isBlank, trimLine, squashSpaces } from './lines.js'
import { continuesList, listMarker } from './list-markers.js'
import type { ListMarker } from './list-markers.js'
import { checkBrokenWord, checkOcr } from './ocr.js'

/** How a family wants its prose read. */
export interface ParagraphOptions {
  /** Turn runs of `X` (`XXXXXXXXXXXX`, the WikiLeaks redaction mark) into redaction nodes. */
  redactions?: boolean
  /** Group paragraphs ending in `;` (French enumerations) into one list. */
  semicolonLists?: boolean
  /** Look for OCR suspects (French and OCR'd text; teletype text is not OCR'd). */
  ocr?: boolean
  /** Lines opening with `- `, `•`, `a)`, `1°` or `1.`, two or more in sequence, are a list (French cables). */
  markerLists?: boolean
}

/** The reason a WikiLeaks redaction carries: the publisher, not the author, withheld it. */
export const PUBLISHER_REDACTION = 'withheld by the publisher'

/** Six or more capital X: shorter runs occur in real words and roman numerals. */
const REDACTION_RUN = /X{6,}/g

/** A paragraph of prose, with the lines it came from. */
interface Block {
  text: string
  first: Line
  last: Line
  /** The list marker the block's first line opened with (with `markerLists`). */
  marker?: ListMarker
  /** Whether the block went on from the line before it, with no blank line between. */
  attached?: boolean
}

/**
 * Build mdast body nodes from lines of prose: blank lines separate
 * paragraphs, the lines of a paragraph are joined with one space (white space
 * runs collapse, so the text reads the same in Markdown), `¶` paragraph marks
 * become plain numbers (`¶1.` → `1.`), HTML entities are decoded, and
 * depending on the family redaction runs become redaction nodes and
 * `;`-ended enumerations a list.
 */
export function buildBody(lines: Line[], ctx: TextContext, options: ParagraphOptions = {}): BodyContent[] {
  const blocks: Block[] = []
  let current: (Partial<Block> & { parts: string[]; first: Line; last: Line }) | undefined
  let previous: Line | undefined
  for (const raw of lines) {
    if (isBlank(raw)) {
      if (current) blocks.push(finish(current))
      current = undefined
      previous = undefined
      continue
    }
    const line = trimLine(raw)
    let text = options.ocr ? checkOcr(line, ctx) : line.text
    // A `¶` opening a line is the publisher's paragraph mark, not text.
    if (text.startsWith('¶')) text = text.slice(1)
    const marker = options.markerLists ? listMarker(text) : undefined
    if (marker && current) {
      // A marker line starts an item, even right under the line that announces the list.
      blocks.push(finish(current))
      current = { parts: [text], first: line, last: line, marker, attached: true }
    } else if (!current) {
      current = marker ? { parts: [text], first: line, last: line, marker } : { parts: [text], first: line, last: line }
    } else {
      if (options.ocr && previous && checkBrokenWord(previous, line, ctx)) {
        const head = current.parts.pop()!
        current.parts.push(head.slice(0, -1) + text)
      } else current.parts.push(text)
      current.last = line
    }
    previous = line
  }
  if (current) blocks.push(finish(current))
  const nodes = options.markerLists ? markerListNodes(blocks, options) : blockNodes(blocks, options)
  // The autolink pass is a fifth of the ingester's time and finds nothing without its triggers: only run it when a block has one.
  if (blocks.some((block) => LINK_TRIGGER.test(block.text))) linkLiterals(nodes)
  return nodes
}

/** What every GFM literal autolink holds: a protocol (`http://`, `https://`), `www.`, or the `@` of an e-mail address (`mailto:`, `xmpp:` too). */
const LINK_TRIGGER = /https?:\/\/|www\.|@/i

/** Paragraphs, and `;` enumerations as lists when the family asks. */
function blockNodes(blocks: Block[], options: ParagraphOptions): BodyContent[] {
  const nodes: BodyContent[] = []
  for (let index = 0; index < blocks.length; index++) {
    const run = options.semicolonLists ? enumerationAt(blocks, index) : 0
    if (run > 0) {
      nodes.push(list(blocks.slice(index, index + run), options))
      index += run - 1
    } else nodes.push(paragraph(blocks[index]!, options))
  }
  return nodes
}

/**
 * Runs of two or more marker items in sequence become lists; the blocks
 * between them are read as usual. A lone marker line is no list: it goes
 * back into the paragraph it interrupted (`… en date du` / `1. …` is text).
 */
function markerListNodes(blocks: Block[], options: ParagraphOptions): BodyContent[] {
  const runs: { start: number; end: number }[] = []
  for (let index = 0; index < blocks.length;) {
    const marker = blocks[index]!.marker
    let end = index + 1
    if (marker) while (end < blocks.length && blocks[end]!.marker && continuesList(blocks[end - 1]!.marker!, blocks[end]!.marker!)) end++
    if (marker && end - index >= 2) runs.push({ start: index, end })
    index = end
  }
  const nodes: BodyContent[] = []
  let plain: Block[] = []
  const flush = () => {
    nodes.push(...blockNodes(plain, options))
    plain = []
  }
  let run = 0
  for (let index = 0; index < blocks.length; index++) {
    const at = runs[run]
    if (at && index === at.start) {
      flush()
      nodes.push(markerList(blocks.slice(at.start, at.end), options))
      index = at.end - 1
      run++
      continue
    }
    const block = blocks[index]!
    const before = plain.at(-1)
    if (block.marker && block.attached && before) plain[plain.length - 1] = { text: `${before.text} ${block.text}`, first: before.first, last: block.last }
    else plain.push(block)
  }
  flush()
  return nodes
}

/** A list of marker items: numbers give an ordered list from the first number, the rest an unordered one. */
function markerList(blocks: Block[], options: ParagraphOptions): List {
  const first = blocks[0]!.marker!
  // Bullets and numbers are layout (the list prints them again); `a)` and `1°` stay in the text.
  const items = blocks.map((block) =>
    block.marker!.kind === 'bullet' || block.marker!.kind === 'number' ? { ...block, text: block.text.replace(/^(?:[-•]|\d{1,2}\.)\s+/u, '') } : block,
  )
  const node = list(items, options)
  if (first.kind === 'number') {
    node.ordered = true
    node.start = first.ordinal ?? 1
  }
  return node
}

const [linkTransform] = gfmAutolinkLiteralFromMarkdown().transforms ?? []

/**
 * Bare URLs and e-mail addresses as link nodes, exactly as GFM reads them
 * from Markdown: the model is then the same whether the cable comes from the
 * raw text or from the Markdown written from it.
 */
function linkLiterals(nodes: BodyContent[]): void {
  if (!linkTransform) return
  const root: Root = { type: 'root', children: nodes }
  ;(linkTransform as (tree: Root) => void)(root)
}

function finish(current: Partial<Block> & { parts: string[]; first: Line; last: Line }): Block {
  const text = squashSpaces(decodeEntities(current.parts.join(' '))).trim()
  const block: Block = { text, first: current.first, last: current.last }
  if (current.marker) block.marker = current.marker
  if (current.attached) block.attached = true
  return block
}

/**
 * How many blocks from `index` form a `;` enumeration: at least two blocks
 * ending in `;`, plus the closing item (ending in `.`) when the enumeration
 * was announced by a block ending in `:` and the closing block is short.
 */
function enumerationAt(blocks: Block[], index: number): number {
  let end = index
  while (end < blocks.length && blocks[end]!.text.endsWith(';')) end++
  if (end - index < 2) return 0
  const announced = index > 0 && blocks[index - 1]!.text.endsWith(':')
  const closing = blocks[end]
  if (announced && closing && closing.text.length <= 400 && !closing.text.endsWith(':')) end++
  return end - index
}

function position(block: Block): Position {
  return {
    start: { line: block.first.line, column: block.first.column },
    end: { line: block.last.line, column: block.last.column + block.last.text.length },
  }
}

function paragraph(block: Block, options: ParagraphOptions): Paragraph {
  return { type: 'paragraph', children: phrasing(block.text, options), position: position(block) }
}

function list(blocks: Block[], options: ParagraphOptions): List {
  const children: ListItem[] = blocks.map((block) => ({
    type: 'listItem',
    spread: false,
    checked: null,
    children: [paragraph(block, options)],
    position: position(block),
  }))
  return {
    type: 'list',
    ordered: false,
    start: null,
    spread: false,
    children,
    position: { start: position(blocks[0]!).start, end: position(blocks.at(-1)!).end },
  }
}

/** Text, with redaction runs cut out into redaction nodes when asked. */
export function phrasing(text: string, options: ParagraphOptions = {}): PhrasingContent[] {
  if (!options.redactions || !text.includes('XXXXXX')) return [{ type: 'text', value: text }]
  const out: PhrasingContent[] = []
  let last = 0
  REDACTION_RUN.lastIndex = 0
  let match: RegExpExecArray | null
  while ((match = REDACTION_RUN.exec(text))) {
    if (match.index > last) out.push({ type: 'text', value: text.slice(last, match.index) })
    out.push({ type: 'redaction', reason: PUBLISHER_REDACTION })
    last = match.index + match[0].length
  }
  if (last < text.length) out.push({ type: 'text', value: text.slice(last) })
  return out
}
