/**
 * `c ? X : X` and `if (c) X else X`: a condition that changes nothing is a
 * slip (a branch copied and never edited), and ESLint has no core rule for it.
 * Branches are compared token by token, so spacing, line breaks and comments
 * do not hide a copy.
 *
 * @type {import('eslint').Rule.RuleModule}
 */
export const noIdenticalBranches = {
  meta: {
    type: 'problem',
    docs: { description: 'Disallow a conditional expression or if statement whose two branches are the same code' },
    schema: [],
    messages: {
      ternary: 'Both branches of this conditional expression are `{{text}}`: the condition changes nothing.',
      if: 'Both branches of this if statement are the same code: the condition changes nothing.',
    },
  },
  create(context) {
    const { sourceCode } = context
    const tokens = (node) =>
      sourceCode
        .getTokens(node)
        .map((token) => token.value)
        .join(' ')
    const same = (a, b) => tokens(a) === tokens(b)
    return {
      ConditionalExpression(node) {
        if (!same(node.consequent, node.alternate)) return
        const text = sourceCode.getText(node.consequent)
        context.report({ node, messageId: 'ternary', data: { text: text.length > 40 ? `${text.slice(0, 37)}...` : text } })
      },
      IfStatement(node) {
        if (node.alternate && same(node.consequent, node.alternate)) context.report({ node, messageId: 'if' })
      },
    }
  },
}
