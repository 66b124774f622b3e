import { readdir, stat } from 'node:fs/promises'
import { isAbsolute, join, resolve, sep } from 'node:path'

/** Most files one pattern may match: a dossier lists cables, not a whole disk. */
const MAX_MATCHES = 100_000

/**
 * Expand a path pattern relative to `base`: `*` and `?` within a name, `**`
 * for any depth of folders. A pattern without them is returned as is (if the
 * file exists, so a typo is reported). Results are sorted, so the same folder
 * gives the same book on every machine. Node 20 has no `fs.glob`.
 *
 * @example await expandGlobs('cables/*.md', '/books') // ['/books/cables/a.md', '/books/cables/b.md']
 */
export async function expandGlobs(pattern: string, base: string): Promise<string[]> {
  const absolute = isAbsolute(pattern) ? pattern : resolve(base, pattern)
  if (!/[*?]/.test(pattern)) {
    try {
      return (await stat(absolute)).isFile() ? [absolute] : []
    } catch {
      return []
    }
  }
  const parts = absolute.split(sep)
  const firstWild = parts.findIndex((part) => /[*?]/.test(part))
  const root = parts.slice(0, firstWild).join(sep) || sep
  const out: string[] = []
  await walk(root, parts.slice(firstWild), out)
  return [...new Set(out)].sort()
}

async function walk(folder: string, rest: string[], out: string[]): Promise<void> {
  if (out.length >= MAX_MATCHES) return
  const [head, ...tail] = rest
  if (head === undefined) return
  let entries: import('node:fs').Dirent[]
  try {
    entries = await readdir(folder, { withFileTypes: true })
  } catch {
    return
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  if (head === '**') {
    await walk(folder, tail, out)
    for (const entry of entries) if (entry.isDirectory() && !entry.name.startsWith('.')) await walk(join(folder, entry.name), rest, out)
    return
  }
  const regex = new RegExp(
    `^${head
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '[^/]*')
      .replace(/\?/g, '[^/]')}$`,
  )
  for (const entry of entries) {
    if (!regex.test(entry.name) || (entry.name.startsWith('.') && !head.startsWith('.'))) continue
    const path = join(folder, entry.name)
    if (tail.length === 0) {
      if (entry.isFile()) out.push(path)
    } else if (entry.isDirectory()) await walk(path, tail, out)
  }
}
