import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

/**
 * The import graph of @cablekit/render, read with the TypeScript compiler's
 * own pre-processor (type imports included: a circle of types is a circle
 * too). The theme folders made the families cheap only if they stay below
 * the writers: no circle, and the layout never reaches the PDF painter.
 */
const root = join(import.meta.dirname, '..', 'packages/render/src')

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sources(path)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : []
  })
}

/** Whether a declaration loads its module at run time (`import type` and `export type` do not). */
function loadsAtRunTime(statement: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(statement)) return !statement.isTypeOnly
  const clause = statement.importClause
  if (!clause) return true
  if (clause.isTypeOnly) return false
  const bindings = clause.namedBindings
  // `import { type A, type B }` loads nothing either.
  return Boolean(clause.name) || !bindings || ts.isNamespaceImport(bindings) || bindings.elements.some((element) => !element.isTypeOnly)
}

/**
 * Imports of each file, resolved to files (bare specifiers kept as written):
 * all of them, or only those loaded at run time.
 */
function graph(runTimeOnly = false): Map<string, string[]> {
  const edges = new Map<string, string[]>()
  for (const file of sources(root)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest)
    const targets: string[] = []
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue
      if (!statement.moduleSpecifier || !ts.isStringLiteral(statement.moduleSpecifier)) continue
      if (runTimeOnly && !loadsAtRunTime(statement)) continue
      const name = statement.moduleSpecifier.text
      targets.push(name.startsWith('.') ? relative(root, resolve(dirname(file), name.replace(/\.js$/, '.ts'))) : name)
    }
    edges.set(relative(root, file), targets)
  }
  return edges
}

function cycles(edges: Map<string, string[]>): string[][] {
  const found: string[][] = []
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (node: string) => {
    state.set(node, 'open')
    stack.push(node)
    for (const next of edges.get(node) ?? []) {
      if (!edges.has(next)) continue
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next])
      else if (!state.has(next)) visit(next)
    }
    stack.pop()
    state.set(node, 'done')
  }
  for (const node of [...edges.keys()].sort()) if (!state.has(node)) visit(node)
  return found
}

function reachable(edges: Map<string, string[]>, from: string): Set<string> {
  const seen = new Set<string>()
  const todo = [from]
  while (todo.length > 0) {
    const node = todo.pop()!
    if (seen.has(node)) continue
    seen.add(node)
    todo.push(...(edges.get(node) ?? []))
  }
  return seen
}

describe('the import graph of @cablekit/render', () => {
  const edges = graph()

  it('has no import circle, type imports included', () => {
    expect(cycles(edges).map((cycle) => cycle.join(' → '))).toEqual([])
  })

  it('keeps the layout away from the PDF painter', () => {
    const offending = [...edges]
      .filter(([file]) => file.startsWith('layout/'))
      .flatMap(([file, imports]) => imports.filter((target) => target.startsWith('pdf/') || target === 'pdfkit').map((target) => `${file} → ${target}`))
    expect(offending).toEqual([])
  })

  it('keeps the themes subpath light: no font, PDF or DOCX package behind it', () => {
    // What the batch parent loads for the theme names: never a font, PDF or DOCX package, nor the font cache.
    const loaded = [...reachable(graph(true), 'themes/index.ts')]
    expect(loaded.filter((name) => !name.endsWith('.ts') && /^(pdfkit|fontkit|docx|subset-font)(\/|$)/.test(name))).toEqual([])
    expect(loaded.filter((node) => node.startsWith('fonts/') || node.startsWith('pdf/'))).toEqual([])
  })

  it('registers every theme folder in the registry, and each folder exports one theme from its index', () => {
    const folders = readdirSync(join(root, 'themes'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort()
    const registered = (edges.get('themes/registry.ts') ?? [])
      .filter((target) => target.endsWith('/index.ts'))
      .map((target) => target.split('/')[1])
      .sort()
    expect(registered).toEqual(folders)
  })
})
