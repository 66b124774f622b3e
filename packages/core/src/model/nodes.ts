import type { Data, Node } from 'unist'
import type { RootContent } from 'mdast'

/**
 * A span removed from the text. Only its reason survives: the secret never
 * reaches a renderer, so no output can leak it, and its printed width does not
 * depend on what it hid.
 */
export interface Redaction extends Node {
  type: 'redaction'
  /** Why the span was removed, printed on the bar (`vie privée`, `withheld by the publisher`). */
  reason?: string
  data?: Data
}

declare module 'mdast' {
  interface PhrasingContentMap {
    redaction: Redaction
  }
  interface RootContentMap {
    redaction: Redaction
  }
}

/** A node of a cable's body: any mdast content node, including {@link Redaction}. */
export type BodyContent = RootContent
