import type { RootContent } from 'mdast'
import type { Cable } from '@cablekit/core'
import { resolveTheme } from '../themes/resolve-theme.js'
import { assertRenderable } from '../validate/assert-renderable.js'
import { sanitizeText } from '../text/sanitize-text.js'
import { labelsFor } from '../themes/theme.js'
import { spacedBanner } from '../text/spaced-banner.js'
import { completeTheme } from '../themes/resolve-theme.js'
import { blocksHtml } from './blocks-html.js'
import { fontFacesCss } from './font-faces-css.js'
import { closingHtml, headerHtml } from './header-html.js'
import type { HtmlContext } from './html-context.js'
import { escapeHtml } from './html-escape.js'
import type { HtmlOptions } from './html-options.js'
import { inlineHtml } from './inline-html.js'
import { labelledLinesHtml } from './labelled-lines-html.js'
import { textHtml } from './text-html.js'
import { themeCss } from './theme-css.js'
import { footnoteDefinitions } from '../text/footnote-definitions.js'

/** A well-formed BCP 47 tag, or nothing: the tag goes into attributes. */
function languageTag(lang: string | undefined): string | undefined {
  const clean = lang ? sanitizeText(lang).trim() : ''
  return /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/.test(clean) ? clean : undefined
}

const RTL_LANG = /^(ar|fa|he|ur|ps|yi|dv|ckb)(?:-|$)/i

/**
 * No script, no request: styles and fonts are inline, images do not exist,
 * and the page cannot load anything even if a browser found something to load.
 */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; base-uri 'none'; form-action 'none'"

/**
 * Render a cable as one self-contained HTML facsimile page: the theme's
 * header, the text and each attachment on a sheet of the theme's paper, the
 * fonts inlined, no script and no request to any origin. The page is
 * accessible (the subject is its `<h1>`, body headings below it, `lang` on
 * the page and on Arabic runs, `dir="rtl"` for right-to-left text, redaction
 * bars named by their reason) and prints as the facsimile through `@page`
 * (size, margins, classification, running header and folio). Everything
 * emitted is sanitised as in the PDF and DOCX writers; links keep only
 * `http`, `https` and `mailto`. Same cable and options → same bytes.
 *
 * Redaction happens on the model: call `redact()` from `@cablekit/core`
 * first; a `redaction` node prints as a bar with its reason only.
 *
 * @param cable A cable of the model (`@cablekit/core`); its text is treated as untrusted.
 * @param options Theme and font embedding.
 * @returns The page as UTF-8 bytes (write them to `NAME.html`).
 * @throws CableValidationError (as a rejection) when the cable or an option is invalid, naming the field.
 * @example
 * const { cables } = fromMarkdown(source, { path: 'cable.md' })
 * await writeFile('cable.html', await toHtml(cables[0]!, { theme: 'ministere' }))
 */
export async function toHtml(cable: Cable, options: HtmlOptions = {}): Promise<Uint8Array> {
  assertRenderable(cable, options)
  return new TextEncoder().encode(await htmlPage(cable, options))
}

async function htmlPage(cable: Cable, options: HtmlOptions): Promise<string> {
  const theme = resolveTheme(cable, options.theme)
  const tag = languageTag(cable.lang)
  const lang = tag ?? 'en'
  const labels = labelsFor(theme, lang)

  const definitions = footnoteDefinitions(cable)
  const numbers = new Map<string, number>()
  const ctx: HtmlContext = {
    cable,
    theme,
    labels,
    lang,
    french: theme.text.frenchSpacing && lang.toLowerCase().startsWith('fr'),
    footnoteNumber(identifier) {
      if (!definitions.has(identifier)) return undefined
      if (!numbers.has(identifier)) numbers.set(identifier, numbers.size + 1)
      return numbers.get(identifier)
    },
    seen: { italic: false, bold: false, mono: theme.fonts.body === 'mono', chars: new Set() },
  }

  const first: string[] = [`<header class="cable-header">\n${headerHtml(ctx)}</header>\n`, `<div class="cable-body">\n${blocksHtml(ctx, cable.body)}</div>\n`]
  first.push(closingHtml(ctx))
  if (cable.attachments.length > 0) {
    first.push(
      labelledLinesHtml(
        ctx,
        cable.attachments.map((attachment) => [attachment.label || labels.attachment, textHtml(ctx, attachment.title || '—')]),
        'attachments',
      ),
    )
  }
  const separator = lang.toLowerCase().startsWith('fr') ? ' : ' : ': '
  const attachments = cable.attachments.map((attachment, index) => {
    const label = attachment.label || labels.attachment
    const title = attachment.title ? `${label}${separator}${attachment.title}` : label
    ctx.seen.bold = true
    return `<h2 id="attachment-${index + 1}">${textHtml(ctx, title)}</h2>\n<div class="attachment-body">\n${blocksHtml(ctx, attachment.body)}</div>\n`
  })
  // Notes are listed once, after the last text that may call them.
  const notes = notesHtml(ctx, definitions, numbers)
  const sheets = [`<div class="sheet first">\n${furnitureHtml(ctx)}${first.join('')}${attachments.length === 0 ? notes : ''}</div>\n`]
  attachments.forEach((html, index) => {
    const last = index === attachments.length - 1
    sheets.push(`<section class="sheet attachment" aria-labelledby="attachment-${index + 1}">\n${furnitureHtml(ctx)}${html}${last ? notes : ''}</section>\n`)
  })

  // The theme's name as a class: names are code, but a custom one must not break out of the attribute.
  const layout = theme.name.toLowerCase().replace(/[^a-z0-9-]+/g, '-')
  const classification = cable.classification ? sanitizeText(cable.classification.label) : undefined
  const reference = cable.reference ? (lang.startsWith('fr') ? `N° ${cable.reference}` : cable.reference) : cable.id
  const css = themeCss(theme, { ...(classification ? { classification } : {}), ...(reference ? { runningHeader: sanitizeText(reference) } : {}) }, lang)
  const fonts = options.embedFonts === false ? '' : await fontFacesCss(ctx, `${classification ?? ''}${reference ?? ''}${Object.values(labels).join('')}`)
  const title = cable.subject ?? cable.publication?.title ?? cable.reference ?? cable.id ?? ''
  const meta = [
    cable.from ? `<meta name="author" content="${escapeHtml(cable.from)}">` : '',
    cable.tags?.length ? `<meta name="keywords" content="${escapeHtml(cable.tags.join(', '))}">` : '',
    cable.date ? `<meta name="dcterms.date" content="${escapeHtml(cable.date)}">` : '',
  ].filter(Boolean)
  const dir = tag && RTL_LANG.test(tag) ? ' dir="rtl"' : ''
  return `<!DOCTYPE html>
<html${tag ? ` lang="${escapeHtml(tag)}"` : ''}${dir}>
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="cablekit">
${meta.join('\n')}${meta.length > 0 ? '\n' : ''}<title>${escapeHtml(title)}</title>
<style>
${fonts}
${css}</style>
</head>
<body class="theme-${layout}">
<main>
<article class="cable">
${sheets.join('')}</article>
</main>
</body>
</html>
`
}

/** The classification at the top and bottom of a sheet, for the screen (print has `@page`); hidden from screen readers, which read it in the header. */
function furnitureHtml(ctx: HtmlContext): string {
  const classification = ctx.cable.classification?.label
  if (!classification) return ''
  const label = escapeHtml(completeTheme(ctx.theme).furniture.mark === 'spaced' ? spacedBanner(classification) : classification.toUpperCase())
  for (const char of label) ctx.seen.chars.add(char)
  // The marks are set in bold (on screen and in the `@page` margins): the bold face must be inlined.
  ctx.seen.bold = true
  return `<p class="mark mark-top" aria-hidden="true">${label}</p>\n<p class="mark mark-bottom" aria-hidden="true">${label}</p>\n`
}

/**
 * The notes, numbered in order of first call, each with a link back to its
 * call. A note may call another: it is numbered then and listed after.
 */
function notesHtml(ctx: HtmlContext, definitions: Map<string, RootContent[]>, numbers: Map<string, number>): string {
  if (numbers.size === 0) return ''
  const back = ctx.lang.toLowerCase().startsWith('fr') ? 'Retour à l’appel de note' : 'Back to the note call'
  const items: string[] = []
  for (let number = 1; number <= numbers.size; number++) {
    const identifier = [...numbers.entries()].find(([, value]) => value === number)![0]
    const children = definitions.get(identifier) ?? []
    const link = `<a href="#call-${number}" role="doc-backlink" aria-label="${escapeHtml(`${back} ${number}`)}">↑</a>`
    const only = children.length === 1 ? children[0] : undefined
    // A one-paragraph note (nearly all) keeps its back link on its last line.
    const content = only?.type === 'paragraph' ? `<p>${inlineHtml(ctx, only.children)} ${link}</p>` : `${blocksHtml(ctx, children)}${link}`
    items.push(`<li id="note-${number}">${content}</li>`)
  }
  ctx.seen.chars.add('↑')
  const heading = '<h2 id="notes-heading" class="visually-hidden">Notes</h2>'
  return `<section class="notes" role="doc-endnotes" aria-labelledby="notes-heading">${heading}\n<ol>\n${items.join('\n')}\n</ol>\n</section>\n`
}
