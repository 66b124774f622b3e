import { frenchSpacing } from '../text/french-spacing.js'
import { sanitizeText } from '../text/sanitize-text.js'
import type { HtmlContext } from './html-context.js'
import { escapeHtml } from './html-escape.js'

/** Runs of Arabic script, with the spaces between their words. */
const ARABIC_RUN =
  /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]+(?:[ \u00a0]+[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]+)*/g
const ARABIC_CHAR = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]/
/** Other strong right-to-left scripts (Hebrew, Syriac, Thaana, NKo). */
const OTHER_RTL_RUN = /[\u0590-\u05ff\u0700-\u07ff\ufb1d-\ufb4f]+(?:[ \u00a0]+[\u0590-\u05ff\u0700-\u07ff\ufb1d-\ufb4f]+)*/g

/**
 * One string of the cable as HTML text: sanitised, French spacing where the
 * theme and language want it, escaped; runs of Arabic inside text of another
 * language are marked `lang="ar" dir="rtl"`, so screen readers switch voice
 * and the browser isolates them (the PDF reorders them by the same bidi rules).
 * `rtlBlock` says the text sits in an element that already carries its
 * language and direction.
 */
export function textHtml(ctx: HtmlContext, value: string, options: { french?: boolean; keepLineBreaks?: boolean; rtlBlock?: boolean } = {}): string {
  let text = sanitizeText(value, options.keepLineBreaks ? { keepLineBreaks: true } : {})
  if (options.french ?? ctx.french) text = frenchSpacing(text)
  for (const char of text) ctx.seen.chars.add(char)
  // Inside a block already marked right to left (the Arabic letterhead), runs need no mark of their own.
  if (options.rtlBlock) return escapeHtml(text, { keepLineBreaks: true })
  const arabic = ctx.lang.toLowerCase().startsWith('ar')
  let out = ''
  let last = 0
  const runs = [...(arabic ? [] : text.matchAll(ARABIC_RUN)), ...text.matchAll(OTHER_RTL_RUN)].sort((a, b) => a.index - b.index)
  for (const run of runs) {
    if (run.index < last) continue
    out += escapeHtml(text.slice(last, run.index), { keepLineBreaks: true })
    const isArabic = ARABIC_CHAR.test(run[0])
    out += `<span${isArabic ? ' lang="ar"' : ''} dir="rtl">${escapeHtml(run[0])}</span>`
    last = run.index + run[0].length
  }
  return out + escapeHtml(text.slice(last), { keepLineBreaks: true })
}

/** Whether the first strong character of `text` is right to left: the block then reads right to left. */
export function startsRtl(text: string): boolean {
  const first = /[\p{L}]/u.exec(text)
  return first !== null && /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/.test(first[0])
}
