import { unified } from 'unified'
import type { Processor } from 'unified'
import type { Root } from 'mdast'
import remarkParse from 'remark-parse'
import remarkFrontmatter from 'remark-frontmatter'
import remarkDirective from 'remark-directive'
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal'
import { gfmFootnote } from 'micromark-extension-gfm-footnote'
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough'
import { gfmTable } from 'micromark-extension-gfm-table'
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item'
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal'
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote'
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough'
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table'
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item'

/** Which of GFM's two costly constructs a text may contain. */
export interface GfmNeeds {
  /** A literal autolink (`www.`, `http://`, `https://`, an e-mail address). */
  autolinks: boolean
  /** A table. */
  tables: boolean
}

/**
 * Whether `text` may contain a GFM literal autolink or a table. The answer
 * errs one way only: `false` means the construct cannot occur, so leaving it
 * out of the parser gives the very same tree.
 *
 * Why: on an ordinary cable, literal autolinks (tried at every letter, then a
 * find-and-replace over every text node) and tables (tried at every paragraph
 * line) are 60 % of micromark's time, and cables seldom have either.
 *
 * - A literal autolink needs `@` (e-mail, `mailto:`, `xmpp:`), `www.` or `://`
 *   (`http://`, `https://`), in any case.
 * - A table's delimiter row needs a `|`, or, for a one-column table without
 *   pipes, a colon beside a dash (`:-`, `-:`).
 */
export function gfmNeeds(text: string): GfmNeeds {
  return {
    autolinks: text.includes('@') || text.includes('://') || /www\./i.test(text),
    tables: text.includes('|') || text.includes(':-') || text.includes('-:'),
  }
}

type MarkdownProcessor = Processor<Root>

const processors = new Map<string, MarkdownProcessor>()

/**
 * The cable Markdown parser (CommonMark, YAML front matter, GFM, directives)
 * for `text`: the full one, or the same without the GFM constructs the text
 * cannot contain (see {@link gfmNeeds}). The tree is the same either way; the
 * four variants are built once per process.
 */
export function markdownProcessorFor(text: string): MarkdownProcessor {
  const needs = gfmNeeds(text)
  const key = `${needs.autolinks ? 'a' : ''}${needs.tables ? 't' : ''}`
  let processor = processors.get(key)
  if (!processor) {
    processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfmParts, needs).use(remarkDirective) as unknown as MarkdownProcessor
    processors.set(key, processor)
  }
  return processor
}

/**
 * remark-gfm's parsing half, construct by construct, in remark-gfm's order,
 * leaving out literal autolinks or tables when told to.
 */
function remarkGfmParts(this: Processor, needs: GfmNeeds): void {
  const data = this.data()
  const syntax: ReturnType<typeof gfmTable>[] = []
  const trees: ReturnType<typeof gfmTableFromMarkdown>[] = []
  if (needs.autolinks) {
    syntax.push(gfmAutolinkLiteral())
    trees.push(gfmAutolinkLiteralFromMarkdown())
  }
  syntax.push(gfmFootnote(), gfmStrikethrough())
  trees.push(gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown())
  if (needs.tables) {
    syntax.push(gfmTable())
    trees.push(gfmTableFromMarkdown())
  }
  syntax.push(gfmTaskListItem())
  trees.push(gfmTaskListItemFromMarkdown())
  ;(data.micromarkExtensions ??= []).push(...syntax)
  ;(data.fromMarkdownExtensions ??= []).push(...trees)
}
