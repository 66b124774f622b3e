import type { List, ListItem, Paragraph, PhrasingContent, Root } from 'mdast'
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal'
import type { Position } from 'unist'
import type { BodyContent } from '../../model/nodes.js'
import type { TextContext } from './context.js'
import { decodeEntities } from './entities.js'
import type { Line } from './lines.js'
import { isBlank, trimLine } from './lines.js'
import { checkBrokenWord, checkOcr } from './ocr.js'

/** How a family wants its prose read. */
export interface ParagraphOptions {
  /** Turn runs of `X` (`XXXXXXXXXXXX`, the WikiLeaks redaction mark) into redaction nodes. */
  redactions?: boolean
  /** Group paragraphs ending in `;` (French enumerations) into one list. */
  semicolonLists?: boolean
  /** Look for OCR suspects (French and OCR'd text; teletype text is not OCR'd). */
  ocr?: boolean
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
  let current: { parts: string[]; first: Line; last: Line } | undefined
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
    if (!current) {
      current = { parts: [text], first: line, last: line }
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
  const nodes: BodyContent[] = []
  for (let index = 0; index < blocks.length; index++) {
    const run = options.semicolonLists ? enumerationAt(blocks, index) : 0
    if (run > 0) {
      nodes.push(list(blocks.slice(index, index + run), options))
      index += run - 1
    } else nodes.push(paragraph(blocks[index]!, options))
  }
  linkLiterals(nodes)
  return nodes
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

function finish(current: { parts: string[]; first: Line; last: Line }): Block {
  const text = decodeEntities(current.parts.join(' ')).replace(/\s+/g, ' ').trim()
  return { text, first: current.first, last: current.last }
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
