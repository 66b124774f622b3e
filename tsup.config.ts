import { defineConfig } from 'tsup'
import type { Options } from 'tsup'

/**
 * One config builds every package: ESM plus `.d.ts`, one entry per public
 * module. Workspace packages stay external so each package imports the
 * others' published builds, never a second copy of their code.
 */
const common: Options = {
  format: ['esm'],
  dts: true,
  sourcemap: false,
  clean: true,
  target: 'node20',
  platform: 'node',
  splitting: false,
  treeshake: true,
  // Dependencies are installed beside the package, never bundled into it.
  skipNodeModulesBundle: true,
  external: [/^@cablekit\//],
}

export default defineConfig([
  {
    ...common,
    entry: { index: 'packages/core/src/index.ts', diagnostics: 'packages/core/src/diagnostics.ts' },
    outDir: 'packages/core/dist',
    tsconfig: 'packages/core/tsconfig.json',
  },
  {
    ...common,
    entry: { index: 'packages/render/src/index.ts', themes: 'packages/render/src/themes/index.ts' },
    outDir: 'packages/render/dist',
    tsconfig: 'packages/render/tsconfig.json',
  },
  {
    ...common,
    entry: { index: 'packages/scan/src/index.ts' },
    outDir: 'packages/scan/dist',
    tsconfig: 'packages/scan/tsconfig.json',
  },
  {
    ...common,
    dts: false,
    entry: { index: 'packages/cli/src/index.ts', 'batch-main': 'packages/cli/src/batch-main.ts', 'batch-worker': 'packages/cli/src/batch/worker.ts' },
    outDir: 'packages/cli/dist',
    tsconfig: 'packages/cli/tsconfig.json',
  },
])
