import js from '@eslint/js'
import { defineConfig, globalIgnores } from 'eslint/config'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import house from './eslint-rules/index.js'

/**
 * typescript-eslint's recommended rules without type information (fast: no
 * program is built), plus what catches copied branches.
 */
export default defineConfig(
  globalIgnores(['**/dist/', '**/node_modules/', 'coverage/', 'out/', '.tmp/', 'tests/.output/', 'bench/.output/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { house },
    rules: {
      'house/no-identical-branches': 'error',
      'no-dupe-else-if': 'error',
      'no-unneeded-ternary': 'error',
      // The house writes `_name` for what a destructuring leaves out on purpose (`{ position: _position, ...rest }`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Sanitizers and the redaction folding match control characters, combining marks and joiners on purpose:
    // those are what they exist to find. Everywhere else the rules stand.
    files: [
      'packages/core/src/redact/fold-text.ts',
      'packages/core/src/parse/sanitize.ts',
      'packages/render/src/docx/sanitize-xml.ts',
      'packages/render/src/docx/xml-escape.ts',
      'packages/render/src/dossier/dossier-docx-contents.ts',
      'packages/render/src/fonts/split-by-coverage.ts',
      'packages/render/src/text/sanitize-text.ts',
      'tests/**',
    ],
    rules: { 'no-control-regex': 'off', 'no-misleading-character-class': 'off' },
  },
  {
    files: ['playground/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
)
