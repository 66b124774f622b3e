/** The source formats cablekit reads. */
export type SourceFormat = 'markdown' | 'text' | 'json'

const EXTENSIONS: Record<string, SourceFormat> = {
  md: 'markdown',
  markdown: 'markdown',
  mdown: 'markdown',
  json: 'json',
  txt: 'text',
  text: 'text',
}

/**
 * Pick the format of a source: by the path's extension when it names one,
 * else by content (a JSON object or array; front matter or Markdown headings;
 * anything else is raw text).
 *
 * @example detectFormat('cable.md', '') // 'markdown'
 */
export function detectFormat(path: string | undefined, text: string): SourceFormat {
  const extension = /\.([A-Za-z]+)$/.exec(path ?? '')?.[1]?.toLowerCase()
  if (extension && EXTENSIONS[extension]) return EXTENSIONS[extension]!
  const start = text.replace(/^\uFEFF/, '').trimStart()
  if (start.startsWith('{') || start.startsWith('[{') || /^\[\s*(\{|\])/.test(start)) return 'json'
  if (/^---[ \t]*\r?\n[\s\S]*?\r?\n(---|\.\.\.)[ \t]*(\r?\n|$)/.test(start)) return 'markdown'
  return 'text'
}
