/**
 * The browser's `node:crypto`, as far as cablekit uses it: SHA-1 (the DOCX
 * writer derives each embedded font's key from its bytes) and HMAC-SHA-256
 * (keyed redaction logs), by @noble/hashes. Anything else throws.
 */
import { hmac } from '@noble/hashes/hmac'
import { sha1 } from '@noble/hashes/legacy'
import { sha256 } from '@noble/hashes/sha2'

type Hash = typeof sha1 | typeof sha256
type Data = string | Uint8Array

const ALGORITHMS: Record<string, Hash> = { sha1, sha256 }

function bytesOf(data: Data): Uint8Array {
  return typeof data === 'string' ? new TextEncoder().encode(data) : data
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

function algorithm(name: string): Hash {
  const hash = ALGORITHMS[name.toLowerCase()]
  if (!hash) throw new Error(`node:crypto in the browser: unsupported algorithm ${name}`)
  return hash
}

/** A digest being built, as Node's `Hash` and `Hmac` objects: `update` then `digest`. */
class Digest {
  private readonly chunks: Uint8Array[] = []
  constructor(private readonly finish: (data: Uint8Array) => Uint8Array) {}
  update(data: Data, _encoding?: string): this {
    this.chunks.push(bytesOf(data))
    return this
  }
  digest(encoding?: 'hex'): string | Uint8Array {
    const length = this.chunks.reduce((sum, chunk) => sum + chunk.length, 0)
    const all = new Uint8Array(length)
    let offset = 0
    for (const chunk of this.chunks) {
      all.set(chunk, offset)
      offset += chunk.length
    }
    const result = this.finish(all)
    return encoding === 'hex' ? hex(result) : result
  }
}

/** As `crypto.createHash` for `sha1` and `sha256`. */
export function createHash(name: string): Digest {
  const hash = algorithm(name)
  return new Digest((data) => hash(data))
}

/** As `crypto.createHmac` for `sha256`. */
export function createHmac(name: string, key: Data): Digest {
  const hash = algorithm(name)
  return new Digest((data) => hmac(hash, bytesOf(key), data))
}
