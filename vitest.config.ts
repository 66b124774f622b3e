import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    // Tests run against `src` through the `source` export condition: no build needed.
    conditions: ['source'],
  },
  ssr: {
    resolve: { conditions: ['source'], externalConditions: ['source'] },
  },
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default for `run` is one worker fewer than the CPUs: a single worker on a two-core CI
    // runner, which then sits idle while a test waits on LibreOffice, Chromium, Slurm or a child
    // process. One per CPU, and never fewer than two; each file still runs in a fresh process.
    maxWorkers: Math.max(2, availableParallelism()),
  },
})
