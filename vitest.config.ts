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
  },
})
