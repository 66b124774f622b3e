import { prepareTextXml, textRunsXml } from './inline-xml.js'
import { STYLE } from './styles.js'
import { runXml } from './wml-run.js'
import type { XmlContext } from './xml-context.js'

/** `Objet :` in the label style, then the value: the label's punctuation follows the cable's language. */
export function labelledXml(ctx: XmlContext, label: string, value: string, tab: boolean): string {
  const colon = ctx.french ? ' :' : ':'
  return runXml(prepareTextXml(ctx, `${label}${colon}`), { style: STYLE.label }) + runXml(tab ? '\t' : ' ') + textRunsXml(ctx, value)
}
