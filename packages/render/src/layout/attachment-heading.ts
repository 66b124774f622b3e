import type { Attachment } from '@cablekit/core'
import type { Group } from './laid-out.js'
import type { LayoutKit } from './layout-kit.js'

/** The attachment heading most families share: `PJ : title`, bold, from a new page. */
export function attachmentHeading(kit: LayoutKit, attachment: Attachment): Group[] {
  const label = attachment.label || kit.labels.attachment
  const title = attachment.title ? `${label}${kit.lang.startsWith('fr') ? ' : ' : ': '}${attachment.title}` : label
  return [
    kit.group(kit.paragraph(title, { style: { bold: true, size: kit.theme.sizes.heading } }), {
      breakBefore: true,
      spaceAfter: kit.theme.sizes.paragraphGap * 1.5,
      keepWithNext: true,
      role: 'H2',
    }),
  ]
}
