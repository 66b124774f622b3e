import type { Cable } from '@cablekit/core'
import type { HeaderBlock } from '../header-block.js'

/** The signer, in bold, centred right of the middle as letters sign. */
export function letterSignature(cable: Cable): HeaderBlock[] {
  return cable.signature ? [{ type: 'signature', text: cable.signature, position: 'letter', bold: true }] : []
}
