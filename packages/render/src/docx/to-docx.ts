import type { Cable } from '@cablekit/core'
import type { ThemeName } from '../themes/registry.js'
import { resolveTheme } from '../themes/resolve-theme.js'
import { labelsFor } from '../themes/theme.js'
import type { ThemeData } from '../themes/theme.js'
import { cableSectionsXml } from './cable-sections-xml.js'
import { corePropertiesXml } from './core-properties.js'
import { writeZip } from './deterministic-zip.js'
import { documentDate } from './document-date.js'
import { DocxPackage, documentBodyXml } from './docx-package.js'
import { embedFontSubsets } from './embed-font-subsets.js'
import { sharedParts } from './shared-parts.js'
import { docxThemeExtras } from './docx-theme-extras.js'
import { pageSetup, textWidthOf } from './wml-section.js'
import { createXmlContext } from './create-xml-context.js'
import { assertRenderable } from '../validate/assert-renderable.js'

/** Options of {@link toDocx}. */
export interface DocxOptions {
  /** Theme name or data; defaults to the cable's family (`defaultThemeName`). */
  theme?: ThemeName | ThemeData
  /** Embed the theme's fonts so the facsimile looks the same where they are not installed (default `true`). */
  embedFonts?: boolean
  /**
   * Seconds since 1970 for the document's dates when the cable has none, and
   * for its last-modified date; defaults to the `SOURCE_DATE_EPOCH`
   * environment variable. The clock is never read.
   */
  sourceDateEpoch?: number
  /** Creator written into the document properties (default `cablekit`). */
  creator?: string
}

function envEpoch(): number | undefined {
  const raw = process.env['SOURCE_DATE_EPOCH']
  if (raw === undefined || !/^\d+$/.test(raw.trim())) return undefined
  return Number(raw)
}

/**
 * Render a cable as a DOCX document that Word and LibreOffice open as an
 * editable facsimile: named styles, header and footer with the classification
 * and page fields, letterhead and distribution as borderless tables, real list
 * numbering, footnotes and hyperlinks, each attachment in a section of its own,
 * the theme's fonts embedded as subsets of the characters the document uses.
 * Same cable and options → same bytes.
 *
 * The body, header, footer, footnote and numbering parts are written straight
 * from the model as WordprocessingML; the parts that depend only on the theme
 * (styles, settings, fonts…) are built with the docx package once per process
 * and reused already compressed.
 *
 * @param cable A cable of the model (`@cablekit/core`); its text is treated as untrusted.
 * @param options Theme, font embedding and dates.
 * @returns The bytes of the `.docx` file.
 * @throws CableValidationError (as a rejection) when the cable or an option is invalid, naming the field.
 * @example
 * const { cables } = fromMarkdown(source, { path: 'cable.md' })
 * await writeFile('cable.docx', await toDocx(cables[0]!))
 */
export async function toDocx(cable: Cable, options: DocxOptions = {}): Promise<Uint8Array> {
  assertRenderable(cable, options)
  const theme = resolveTheme(cable, options.theme)
  const extras = docxThemeExtras(theme)
  // Without a language, a typewritten telegram reads English and a letter French, as the families are.
  const lang = cable.lang ?? (theme.fonts.body === 'mono' && !theme.text.frenchSpacing ? 'en' : 'fr')
  const page = pageSetup(theme)
  const pkg = new DocxPackage()
  const ctx = createXmlContext({
    cable,
    theme,
    extras,
    labels: labelsFor(theme, lang),
    french: theme.text.frenchSpacing && lang.toLowerCase().startsWith('fr'),
    textWidth: textWidthOf(page),
    links: pkg.links,
  })
  const body = documentBodyXml(cableSectionsXml(ctx, pkg, page))

  const epoch = options.sourceDateEpoch ?? envEpoch()
  const created = documentDate(cable.date, epoch)
  const modified = epoch !== undefined ? documentDate(undefined, epoch) : created
  const keywords = [...(cable.tags ?? []), cable.classification?.label, cable.id].filter((k): k is string => Boolean(k)).join(', ')
  const core = corePropertiesXml({
    title: cable.subject ?? cable.publication?.title ?? cable.id ?? '',
    subject: cable.subject ?? '',
    creator: options.creator ?? 'cablekit',
    keywords,
    description: [cable.from, cable.place, cable.reference ? `N° ${cable.reference}` : undefined].filter(Boolean).join(' — '),
    language: lang,
    created,
    modified,
  })
  const fonts =
    options.embedFonts === false
      ? undefined
      : {
          families: [theme.fonts.body, theme.fonts.heading, theme.fonts.stamp, ...(ctx.usesRtl ? [theme.fonts.rtl] : [])],
          italic: ctx.usesItalic,
          subset: true,
        }
  const shared = await sharedParts(theme, lang, fonts)
  return writeZip(await embedFontSubsets(pkg.entries({ body, core, ctx, shared }), shared), modified)
}
