import type { Rule } from 'eslint'

/** Flags `c ? X : X` and `if (c) X else X` whose branches are the same tokens. */
export declare const noIdenticalBranches: Rule.RuleModule
