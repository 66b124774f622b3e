import { noIdenticalBranches } from './no-identical-branches.js'

/**
 * The house's own ESLint rules, as a plugin object for `eslint.config.js`
 * (`plugins: { house }`, then `house/<rule>` in `rules`).
 *
 * @type {import('eslint').ESLint.Plugin}
 */
const house = {
  meta: { name: 'cablekit-house' },
  rules: { 'no-identical-branches': noIdenticalBranches },
}

export default house
