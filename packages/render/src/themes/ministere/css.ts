import type { HtmlCssInput } from '../../html/html-context.js'

const pt = (value: number) => `${Math.round(value * 100) / 100}pt`

/** The rules of the letterhead's named classes (`.state`, `.ministry`), which carry their look as `Cable Letterhead State` does in Word. */
export function ministereCss({ s }: HtmlCssInput): string {
  return `
.header-lines .state,.header-lines .ministry{margin:0;text-indent:0;line-height:1.2;font-size:${pt(s.letterhead)}}
.header-lines .state{font-weight:700;font-size:${pt(s.letterhead + 1)}}
.header-lines .column-right p{text-align:right}
`
}
