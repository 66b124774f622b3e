/**
 * The text of an mdast node and its descendants, walked with an explicit stack
 * so that pathologically deep trees cannot overflow the call stack.
 */
export function textContent(node: unknown): string {
  let out = ''
  const stack: unknown[] = [node]
  while (stack.length > 0) {
    const current = stack.pop() as { value?: unknown; alt?: unknown; children?: unknown[] } | undefined
    if (!current || typeof current !== 'object') continue
    if (typeof current.value === 'string') out += current.value
    else if (typeof current.alt === 'string') out += current.alt
    if (Array.isArray(current.children)) for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i])
  }
  return out
}
