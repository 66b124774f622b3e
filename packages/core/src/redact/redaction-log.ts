import { createHmac } from 'node:crypto'
import { foldString } from './fold-text.js'
import type { RedactionRuleKind } from './redaction-rules.js'

/**
 * Where one redaction is and why. It never holds the secret, its length, or
 * a plain hash of it: a plain hash of a short name or date is brute-forced in
 * seconds. With a publisher's key it holds a keyed hash (HMAC-SHA256 of the
 * folded secret), so the same secret can be matched across releases by whoever
 * holds the key, and by nobody else.
 */
export interface RedactionLogEntry {
  /** Index of the cable in its source (0 for a file with one cable). */
  cable: number
  /** The cable's id, as published (after redaction). */
  id?: string
  /** The field: `body`, `attachments[0].body`, `subject`, `to[1]`, `publication.url`… */
  field: string
  /** Path of the node inside a body (`[2].children[0]`), when the span is in one. */
  path?: string
  /** 1-based line of where the span starts in the source, when known. */
  line?: number
  /**
   * Never set in a log {@link redact} returns: with two redactions on one
   * line, a column would tell the first secret's length.
   * @deprecated kept so older logs still type-check; see {@link RedactionLogEntry.nthOnLine}.
   */
  column?: number
  /** Rank of this redaction among those that start on the same source line of the same field (1 for the first). */
  nthOnLine?: number
  /** How the span was chosen. */
  rule: RedactionRuleKind
  /** The reason printed on the bar. */
  reason?: string
  /** Hex HMAC-SHA256 of the folded secret under the publisher's key; only when a key was given and the secret was known. */
  hmac?: string
}

/** A function giving the keyed hash of a secret, or nothing without a key. */
export type KeyedHash = (secret: string) => string | undefined

/** Smallest key accepted, in bytes: a short key can be guessed like a short secret. */
export const MIN_KEY_BYTES = 16

/**
 * Make the keyed hash used in redaction logs: HMAC-SHA256 over the NFKC and
 * case folded secret without its spaces, hyphens and punctuation (the same
 * folding as matching, so `Jean Dupont`, `JEAN-DUPONT` and `jean\u00ADdupont`
 * hash alike).
 *
 * @param key the publisher's secret key, at least {@link MIN_KEY_BYTES} bytes.
 * @example keyedHash('a publisher key of 32 characters')('Dupont') // '3f1c…'
 */
export function keyedHash(key: string | Uint8Array | undefined): KeyedHash {
  if (key === undefined) return () => undefined
  const bytes = typeof key === 'string' ? new TextEncoder().encode(key) : key
  if (bytes.length < MIN_KEY_BYTES) {
    throw new RangeError(`cablekit redact: the key must be at least ${MIN_KEY_BYTES} bytes long (use 32 random bytes)`)
  }
  // Separators are left out too, as matching ignores them: `Jean Dupont` and `jean-dupont` hash alike.
  return (secret) => createHmac('sha256', bytes).update(hashForm(secret), 'utf8').digest('hex')
}

/** The form of a secret that is hashed: folded, letters, digits and marks only. */
function hashForm(secret: string): string {
  return foldString(secret).replace(/[^\p{L}\p{N}\p{M}]/gu, '')
}
