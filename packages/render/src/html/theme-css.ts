import { fontFace } from '../fonts/font-face.js'
import { spacedBanner } from '../text/spaced-banner.js'
import { headerSize } from '../themes/header-size.js'
import { completeTheme } from '../themes/resolve-theme.js'
import type { ThemeData } from '../themes/theme.js'
import { fontStack } from './font-faces-css.js'
import type { HtmlCssInput } from './html-context.js'
import { cssString } from './html-escape.js'

/** Page sizes in points, as the PDF lays them out. */
const PAGE_SIZES = { A4: { width: 595.28, height: 841.89 }, LETTER: { width: 612, height: 792 } } as const

/** What is printed in the page margins. */
export interface PageFurniture {
  classification?: string
  runningHeader?: string
}

const pt = (value: number) => `${Math.round(value * 100) / 100}pt`

/** A theme colour, kept only if it is one: theme files are code, but a bad value must not break out of the style sheet. */
function color(value: string, fallback: string): string {
  return /^#[0-9a-f]{3,8}$/i.test(value) || /^[a-z]+$/i.test(value) ? value : fallback
}

/**
 * The line height of text in `family`: the face's ascent, descent and line
 * gap plus the theme's leading, as the PDF spaces its lines.
 */
function lineHeight(family: ThemeData['fonts']['body'], size: number, gap: number): string {
  const face = fontFace(family)
  return pt(size * (face.ascent - face.descent + face.lineGap) + gap)
}

/**
 * The style sheet of a facsimile page in `theme`: on screen, each part as a
 * sheet of paper of the theme's size and margins, the classification at its
 * top and bottom; in print, `@page` gives the same size and margins, and its
 * margin boxes print the classification, the running header (from page 2)
 * and the folio in the theme's wording, so printing the page gives the
 * facsimile.
 */
export function themeCss(theme: ThemeData, furniture: PageFurniture, lang: string): string {
  const complete = completeTheme(theme)
  const size = PAGE_SIZES[theme.page.size] ?? PAGE_SIZES.A4
  const m = theme.page.margins
  const s = theme.sizes
  const c = {
    text: color(theme.colors.text, '#111'),
    muted: color(theme.colors.muted, '#444'),
    stamp: color(theme.colors.stamp, '#111'),
    rule: color(theme.colors.rule, '#333'),
    paper: color(theme.colors.paper, '#fff'),
    redaction: color(theme.colors.redaction, '#000'),
  }
  const body = fontStack(theme, theme.fonts.body)
  const heading = fontStack(theme, theme.fonts.heading)
  const stamp = fontStack(theme, theme.fonts.stamp)
  const mono = fontStack(theme, 'mono')
  const french = lang.toLowerCase().startsWith('fr')
  const mark = furniture.classification
    ? cssString(complete.furniture.mark === 'spaced' ? spacedBanner(furniture.classification) : furniture.classification.toUpperCase())
    : undefined
  const folio =
    complete.furniture.folio === 'page-of'
      ? '"PAGE " counter(page, decimal-leading-zero) " OF " counter(pages, decimal-leading-zero)'
      : 'counter(page) "/" counter(pages)'
  const markStyle = `font-family:${stamp};font-weight:700;font-size:${pt(s.stamp)};color:${c.stamp}`
  const smallStyle = `font-family:${body};font-size:${pt(s.small)};color:${c.muted}`
  const bodyRule =
    `body{margin:0;padding:24px 0;font-family:${body};font-size:${pt(s.body)};line-height:${lineHeight(theme.fonts.body, s.body, s.lineGap)};` +
    `color:${c.text};font-kerning:normal;text-rendering:optimizeLegibility}`
  const sheetRule =
    `.sheet{box-sizing:border-box;position:relative;width:${pt(size.width)};min-height:${pt(size.height)};margin:0 auto 24px;` +
    `padding:${pt(m.top)} ${pt(m.right)} ${pt(m.bottom)} ${pt(m.left)};background:${c.paper};box-shadow:0 1px 4px rgba(0,0,0,.25)}`
  const redactionRule =
    '.redaction{display:inline-block;max-width:100%;overflow:hidden;vertical-align:baseline;box-sizing:border-box;' +
    `padding:0 ${pt(s.body * 0.8)};background:${c.redaction};color:#fff;font-size:max(6pt,.8em);font-weight:400;font-style:normal;line-height:1.35;` +
    'text-indent:0;white-space:nowrap;text-overflow:ellipsis;-webkit-print-color-adjust:exact;print-color-adjust:exact}'
  return `
:root{color-scheme:light}
html{background:#d9d6cf}
${bodyRule}
${sheetRule}
.mark{position:absolute;left:0;right:0;margin:0;text-align:center;text-indent:0;${markStyle};white-space:pre}
.mark-top{top:${pt(m.top * 0.38 - s.stamp * 0.5)}}
.mark-bottom{bottom:${pt(m.bottom * 0.62 - s.stamp * 0.5)}}
.visually-hidden{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip-path:inset(50%);white-space:nowrap;border:0}
p{margin:0 0 ${pt(s.paragraphGap)};text-align:${theme.text.align};text-indent:${pt(theme.text.firstLineIndent)};hyphens:manual}
${theme.text.uppercase ? '.cable-body,.attachment-body{text-transform:uppercase}' : ''}
h1,h2,h3,h4,h5,h6{font-family:${heading};font-weight:700;line-height:1.3;margin:${pt(s.paragraphGap)} 0 ${pt(s.paragraphGap * 0.6)};break-after:avoid}
h2{font-size:${pt(s.heading)}}
h3,h4,h5,h6{font-size:${pt(s.body)}}
a{color:#1a4f9c}
code,pre{font-family:${mono}}
pre{font-size:${pt(s.body * 0.9)};margin:0 0 ${pt(s.paragraphGap)} 8pt;white-space:pre-wrap;line-height:1.25}
blockquote{margin:0 0 ${pt(s.paragraphGap)} 4pt;padding-left:12pt;border-left:1.5pt solid ${c.rule}}
hr{width:120pt;border:0;border-top:.6pt solid ${c.rule};margin:${pt(s.paragraphGap)} auto ${pt(s.paragraphGap * 2)}}
ul,ol{margin:0 0 ${pt(s.paragraphGap)};padding-left:20pt}
${french ? 'ul{list-style-type:"– "}' : ''}
ul ul,ol ul{list-style-type:"◦ ";margin-bottom:0}
li{margin-bottom:${pt(s.paragraphGap * 0.4)}}
li>p{text-indent:0}
li.task{list-style:none}
table{border-collapse:collapse;width:100%;margin:0 0 ${pt(s.paragraphGap)};break-inside:auto}
th,td{border:.5pt solid ${c.rule};padding:2pt 4pt;text-align:left;vertical-align:top}
th{font-weight:700}
.align-center{text-align:center}.align-right{text-align:right}
sup.note-call{line-height:0;font-size:65%}
sup.note-call a{text-decoration:none;color:inherit}
.sic{font-style:normal}
${redactionRule}
.signature{margin:${pt(s.paragraphGap * 2)} 0 ${pt(s.paragraphGap)};font-weight:700;text-indent:0}
.attachments{font-size:${pt(s.body)};margin-top:${pt(s.paragraphGap)}}
.notes{font-size:${pt(s.small)};line-height:1.3;margin-top:${pt(s.paragraphGap * 2)};border-top:.5pt solid ${c.rule};padding-top:4pt}
.notes ol{padding-left:16pt}
.notes p{text-indent:0;text-align:left;margin:0}
dl{display:grid;grid-template-columns:max-content 1fr;column-gap:.35em;margin:0}
dl.french{grid-template-columns:max-content max-content 1fr;column-gap:.2em}
dl .line{display:contents}
dl:not(.french) .colon{display:none}
dt{font-weight:700;grid-column:1}
dl.french .colon{font-weight:700;grid-column:2;padding-right:.1em}
dd{margin:0;grid-column:-2}
dd>h1{display:inline;font:inherit;margin:0}
${headerCss(theme, { s, c, heading, stamp })}
${complete.html?.css?.({ s, c, heading, stamp }) ?? ''}
@media print{
html,body{background:none;padding:0}
.sheet{width:auto;min-height:0;margin:0;padding:0;box-shadow:none;background:none}
.sheet+.sheet{break-before:page}
.mark{display:none}
}
@page{size:${theme.page.size === 'LETTER' ? 'letter' : 'A4'};margin:${pt(m.top)} ${pt(m.right)} ${pt(m.bottom)} ${pt(m.left)};
${mark ? `@top-center{content:${mark};${markStyle}}\n@bottom-center{content:${mark};${markStyle}}` : ''}
${furniture.runningHeader ? `@top-left{content:${cssString(furniture.runningHeader)};${smallStyle}}` : ''}
@bottom-right{content:${folio};${smallStyle}}
}
@page:first{@top-left{content:none}}
`
}

/**
 * The style rules of header descriptions (`header-blocks-html.ts`), in step
 * with the PDF's layout of the same blocks: sizes from the theme, hanging
 * values on a grid, columns side by side, signatures placed as the PDF
 * places them.
 */
function headerCss(theme: ThemeData, { s, c, stamp }: HtmlCssInput): string {
  const sizes = (['reduced', 'small', 'letterhead', 'letterhead-state', 'routing', 'heading', 'title'] as const)
    .map((size) => `.size-${size}{font-size:${pt(headerSize(theme, size))}}`)
    .join('')
  return `
.header-lines{margin:0}
.header-lines .line{white-space:pre-wrap;text-indent:0}
.header-lines .center{text-align:center}.header-lines .right{text-align:right}
.header-lines .bold{font-weight:700}
.header-lines .muted,.header-lines .muted-labels dt{color:${c.muted}}
${sizes}
.header-lines .hanging{display:grid;grid-template-columns:max-content 1fr;column-gap:.5em}
.header-lines .values,.header-lines .value{display:block}
.header-lines h1{display:inline;font:inherit;margin:0}
.header-lines .columns{display:flex;justify-content:space-between;gap:4%}
.header-lines .columns>div{width:48%}
.header-lines .column-right{text-align:right}
.header-lines .space{display:block}
.header-lines .solid{line-height:1.2}
.header-lines .stamp{display:inline-block;margin-left:8pt;padding:2pt 5pt;border:1.2pt solid ${c.stamp};color:${c.stamp};font-family:${stamp};\
font-size:${pt(s.stamp)};font-weight:700;line-height:1.3;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.header-rule{width:auto;margin:0;border-top:.5pt solid ${c.rule}}
.short-rule{width:110pt;margin:4pt 0;border-top:.8pt solid ${c.rule}}
.signature{font-weight:400}
.signature.bold{font-weight:700}
.signature.letter{margin-left:45%;text-align:center}
.signature.letter-left{margin-left:45%;text-align:left}
.signature.margin{margin:${pt(s.paragraphGap)} 0 0}
${theme.fonts.heading === 'mono' ? '.attachment h2{font-size:inherit}' : ''}
`
}
