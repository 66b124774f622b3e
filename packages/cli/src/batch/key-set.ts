import { createHash } from 'node:crypto'

/**
 * A map from strings to small integers that keeps only a 64-bit hash of each
 * key: 12 bytes a slot, at most half the slots full, so 24 to 48 bytes a key;
 * resuming or merging an archive of 250,000 inputs costs 6 MB, not the
 * hundreds a `Map` of paths and hashes would.
 * A false match needs two different keys with the same 64-bit SHA-256 prefix:
 * odds of about 10⁻⁹ for a million keys, accepted here.
 *
 * @example
 * const set = new KeyMap()
 * set.set('a/b.md', 3)
 * set.get('a/b.md') // 3
 */
export class KeyMap {
  #keys: BigUint64Array
  #values: Uint32Array
  #size = 0

  constructor(capacity = 1024) {
    let slots = 16
    while (slots < capacity * 2) slots *= 2
    this.#keys = new BigUint64Array(slots)
    this.#values = new Uint32Array(slots)
  }

  /** How many keys are stored. */
  get size(): number {
    return this.#size
  }

  /** The value stored for `key`, or `undefined`. */
  get(key: string): number | undefined {
    const hash = hashKey(key)
    const mask = this.#keys.length - 1
    for (let slot = Number(hash & BigInt(mask)); ; slot = (slot + 1) & mask) {
      const stored = this.#keys[slot]!
      if (stored === 0n) return undefined
      if (stored === hash) return this.#values[slot]
    }
  }

  /** Whether `key` is stored. */
  has(key: string): boolean {
    return this.get(key) !== undefined
  }

  /** Store `value` (an unsigned 32-bit integer) for `key`, replacing any previous one. */
  set(key: string, value: number): this {
    if ((this.#size + 1) * 2 > this.#keys.length) this.#grow()
    this.#insert(hashKey(key), value)
    return this
  }

  #insert(hash: bigint, value: number): void {
    const mask = this.#keys.length - 1
    for (let slot = Number(hash & BigInt(mask)); ; slot = (slot + 1) & mask) {
      const stored = this.#keys[slot]!
      if (stored === 0n || stored === hash) {
        if (stored === 0n) this.#size++
        this.#keys[slot] = hash
        this.#values[slot] = value
        return
      }
    }
  }

  #grow(): void {
    const keys = this.#keys
    const values = this.#values
    this.#keys = new BigUint64Array(keys.length * 2)
    this.#values = new Uint32Array(values.length * 2)
    this.#size = 0
    for (let slot = 0; slot < keys.length; slot++) {
      if (keys[slot] !== 0n) this.#insert(keys[slot]!, values[slot]!)
    }
  }
}

/** The first 64 bits of the key's SHA-256, never 0 (0 marks an empty slot). */
function hashKey(key: string): bigint {
  const hash = createHash('sha256').update(key).digest().readBigUInt64BE(0)
  return hash === 0n ? 1n : hash
}
