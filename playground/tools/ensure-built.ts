import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository's root folder. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))
/** The built playground. */
export const PLAYGROUND_DIST = join(REPO_ROOT, 'playground', 'dist')

/** Sources the built site depends on: a newer file than the build means it must be built again. */
const SOURCES = ['playground/src', 'playground/index.html', 'playground/vite.config.ts', 'packages/core/src', 'packages/render/src', 'examples']

function newest(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false })
  if (!stat) return 0
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))))
}

/**
 * Build the playground (`npm run playground:build`) when `playground/dist` is
 * missing, as in a fresh clone, or older than its sources; else keep it.
 * Throws with the build's output when the build fails.
 */
export function ensurePlaygroundBuilt(): { built: boolean } {
  const index = join(PLAYGROUND_DIST, 'index.html')
  const builtAt = existsSync(index) ? statSync(index).mtimeMs : 0
  if (builtAt > 0 && SOURCES.every((source) => newest(join(REPO_ROOT, source)) <= builtAt)) return { built: false }
  const result = spawnSync('npm', ['run', 'playground:build'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 180_000 })
  if (result.status !== 0 || !existsSync(index)) {
    throw new Error(`npm run playground:build failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`)
  }
  return { built: true }
}
