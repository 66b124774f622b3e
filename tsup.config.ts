import { copyFile } from 'node:fs/promises'
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
    entry: { index: 'packages/render/src/index.ts', themes: 'packages/render/src/themes/index.ts', internals: 'packages/render/src/internals.ts' },
    outDir: 'packages/render/dist',
    tsconfig: 'packages/render/tsconfig.json',
    // docx is bundled, not depended on: its manifest asks for nanoid 6 (Node 22), which would
    // warn on every install on Node 20, though its build carries its own copy (docs/packages.md).
    // Chunks keep `import('docx')` and `import('docx/layout')` lazy, as in the source.
    noExternal: [/^docx(?:\/|$)/],
    splitting: true,
    // The MIT license asks that its notice travel with the code.
    onSuccess: () => copyFile('node_modules/docx/LICENSE', 'packages/render/dist/docx.LICENSE'),
  },
  {
    ...common,
    entry: { index: 'packages/scan/src/index.ts' },
    outDir: 'packages/scan/dist',
    tsconfig: 'packages/scan/tsconfig.json',
  },
  {
    ...common,
    // Declarations for the programmatic entry only (`run`, `main`, `CliError`): the others are processes' entry points.
    dts: { entry: { index: 'packages/cli/src/index.ts' } },
    entry: { index: 'packages/cli/src/index.ts', 'batch-main': 'packages/cli/src/batch-main.ts', 'batch-worker': 'packages/cli/src/batch/worker.ts' },
    outDir: 'packages/cli/dist',
    tsconfig: 'packages/cli/tsconfig.json',
    // Chunks keep each command's `import()` of its action lazy, as in the source: `cablekit --help`
    // and `parse` never load the renderers (tests/cli-startup.test.ts).
    splitting: true,
  },
])
