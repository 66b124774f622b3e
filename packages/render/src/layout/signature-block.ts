import type { Group } from './laid-out.js'
import type { LayoutKit } from './layout-kit.js'

/** The signature, set right of centre as letters sign. */
export function signatureBlock(kit: LayoutKit, options: { align?: 'left' | 'center' | 'right' } = {}): Group[] {
  const signature = kit.cable.signature
  if (!signature) return []
  const x = kit.frame.x + kit.frame.width * 0.45
  const rows = kit.paragraph(signature, { x, width: kit.frame.width * 0.55, align: options.align ?? 'center', style: { bold: true } })
  return [kit.group(rows, { spaceBefore: kit.theme.sizes.paragraphGap * 2, spaceAfter: kit.theme.sizes.paragraphGap })]
}
