import { BODY_XML, blocksXml } from './blocks-xml.js'
import { ListNumbering } from './list-numbering.js'
import { Relationships } from './relationships.js'
import { STYLE } from './styles.js'
import type { XmlContext, XmlContextInit } from './xml-context.js'

/**
 * A fresh writing context: no footnotes, lists or definitions yet, and a
 * footnote writer whose hyperlinks go to the footnotes' own relationships.
 */
export function createXmlContext(init: XmlContextInit): XmlContext {
  const ctx: XmlContext = {
    ...init,
    definitions: new Map(),
    footnoteIds: new Map(),
    footnotes: [],
    footnoteLinks: new Relationships(),
    numbering: new ListNumbering(),
    usesRtl: false,
    usesItalic: false,
    writeNote: (definition) => {
      const outer = ctx.links
      ctx.links = ctx.footnoteLinks
      try {
        return blocksXml(ctx, definition.children, { ...BODY_XML, style: STYLE.footnoteText })
      } finally {
        ctx.links = outer
      }
    },
  }
  return ctx
}
