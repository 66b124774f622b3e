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
    files: ['playground/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
)
