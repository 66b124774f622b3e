import type { IParagraphStyleOptions, IStylesOptions } from 'docx'
import type { ThemeData } from '../themes/theme.js'
import { FONT_NAMES, halfPoints, hexColor, twips } from './themes.js'

/**
 * The values of docx's `AlignmentType`, written out: importing the enum would
 * load the whole docx package with this module, and a PDF-only batch worker
 * would carry it (11 MB) for nothing. The package is loaded when a DOCX is
 * first written.
 */
const ALIGN = { justified: 'both', left: 'left', right: 'right', center: 'center' } as const

/**
 * Style ids of the document. Every paragraph and run the writer makes names one
 * of these instead of carrying direct formatting, so an editor restyles the
 * whole document from Word's Styles pane.
 */
export const STYLE = {
  body: 'CableBody',
  letterhead: 'CableLetterhead',
  letterheadState: 'CableLetterheadState',
  letterheadRtl: 'CableLetterheadRtl',
  post: 'CablePost',
  placeDate: 'CablePlaceDate',
  stamps: 'CableStamps',
  sender: 'CableSender',
  toMark: 'CableToMark',
  addressee: 'CableAddressee',
  distribution: 'CableDistribution',
  subject: 'CableSubject',
  references: 'CableReferences',
  signature: 'CableSignature',
  attachmentList: 'CableAttachmentList',
  attachmentTitle: 'CableAttachmentTitle',
  heading1: 'CableHeading1',
  heading2: 'CableHeading2',
  heading3: 'CableHeading3',
  quote: 'CableQuote',
  listItem: 'CableListItem',
  code: 'CableCodeBlock',
  tableText: 'CableTableText',
  rule: 'CableRule',
  header: 'CableHeader',
  footer: 'CableFooter',
  banner: 'CableBanner',
  telegramLine: 'CableTelegramLine',
  /** The header lines of a telegram (FM, TO, INFO, TAGS…), its subject line, and its paragraphs: named so an editor restyles each kind at once. */
  telegramHeader: 'TelegramHeader',
  telegramSubject: 'TelegramSubject',
  telegramParagraph: 'TelegramParagraph',
  headerLine: 'CableHeaderLine',
  footnoteText: 'CableFootnoteText',
  // Character styles.
  label: 'CableLabel',
  stamp: 'CableStamp',
  redaction: 'CableRedaction',
  inlineCode: 'CableCode',
  sic: 'CableSic',
  hyperlink: 'Hyperlink',
} as const

const cache = new Map<string, IStylesOptions>()

/**
 * The named styles of `theme` (`Cable Body`, `Cable Letterhead`, `Cable Label`,
 * …) with `language` (BCP 47) as the document's proofing language, built once
 * per theme and language and process.
 */
export function docxStyles(theme: ThemeData, language: string): IStylesOptions {
  const key = `${theme.name}\u0000${language}`
  let styles = cache.get(key)
  if (!styles) {
    styles = buildStyles(theme, language)
    cache.set(key, styles)
  }
  return styles
}

function buildStyles(theme: ThemeData, language: string): IStylesOptions {
  const { sizes, colors, text } = theme
  const font = (family: keyof ThemeData['fonts']) => ({
    ascii: FONT_NAMES[theme.fonts[family]],
    hAnsi: FONT_NAMES[theme.fonts[family]],
    eastAsia: FONT_NAMES[theme.fonts[family]],
    cs: FONT_NAMES[theme.fonts.rtl],
  })
  const size = (points: number) => ({ size: halfPoints(points), sizeComplexScript: halfPoints(points) })
  // Word's single spacing is about 1.17 em for these faces; the theme's line gap is added on top.
  const line = Math.round(240 * (1 + theme.sizes.lineGap / (theme.sizes.body * 1.17)))
  const after = twips(sizes.paragraphGap)
  const bodyAlign = text.align === 'justify' ? ALIGN.justified : ALIGN.left
  const caps = text.uppercase ? { allCaps: true } : {}

  const paragraph = (id: string, name: string, options: Omit<IParagraphStyleOptions, 'id' | 'name'>): IParagraphStyleOptions => ({
    id,
    name,
    quickFormat: true,
    ...options,
  })

  const paragraphStyles: IParagraphStyleOptions[] = [
    paragraph(STYLE.body, 'Cable Body', {
      run: { font: font('body'), ...size(sizes.body), color: hexColor(colors.text), ...caps },
      paragraph: { alignment: bodyAlign, indent: { firstLine: twips(text.firstLineIndent) }, spacing: { before: 0, after, line } },
    }),
    paragraph(STYLE.letterhead, 'Cable Letterhead', {
      basedOn: STYLE.body,
      run: { font: font('heading'), ...size(sizes.letterhead) },
      paragraph: { alignment: ALIGN.left, indent: { firstLine: 0 }, spacing: { before: 0, after: 0, line: 240 } },
    }),
    paragraph(STYLE.letterheadState, 'Cable Letterhead State', {
      basedOn: STYLE.letterhead,
      run: { bold: true, boldComplexScript: true, allCaps: true },
    }),
    paragraph(STYLE.letterheadRtl, 'Cable Letterhead Arabic', {
      basedOn: STYLE.letterhead,
      run: { rightToLeft: true, ...size(sizes.letterhead + 1) },
      // The paragraph itself is marked bidirectional where it is made: styles cannot carry w:bidi here.
      paragraph: { alignment: ALIGN.right },
    }),
    paragraph(STYLE.post, 'Cable Post', {
      basedOn: STYLE.letterhead,
      paragraph: { spacing: { before: twips(4), after: 0 } },
    }),
    paragraph(STYLE.placeDate, 'Cable Place and Date', {
      basedOn: STYLE.letterhead,
      run: size(sizes.body),
      paragraph: { alignment: ALIGN.right, spacing: { before: twips(4), after: twips(8) } },
    }),
    paragraph(STYLE.stamps, 'Cable Stamps', {
      basedOn: STYLE.letterhead,
      paragraph: { alignment: ALIGN.right, spacing: { before: twips(6), after: twips(6) } },
    }),
    paragraph(STYLE.sender, 'Cable Sender', {
      basedOn: STYLE.body,
      run: { font: font('heading'), bold: true, allCaps: true },
      paragraph: { alignment: ALIGN.center, indent: { firstLine: 0 }, spacing: { before: twips(14), after: twips(4) }, keepNext: true },
    }),
    paragraph(STYLE.toMark, 'Cable To Mark', {
      basedOn: STYLE.sender,
      run: { bold: false },
      paragraph: { spacing: { before: 0, after: twips(4) } },
    }),
    paragraph(STYLE.addressee, 'Cable Addressee', {
      basedOn: STYLE.sender,
      paragraph: { spacing: { before: 0, after: twips(14) } },
    }),
    paragraph(STYLE.distribution, 'Cable Distribution', {
      basedOn: STYLE.letterhead,
      run: size(sizes.small + 1),
    }),
    paragraph(STYLE.subject, 'Cable Subject', {
      basedOn: STYLE.body,
      paragraph: {
        alignment: ALIGN.left,
        indent: { left: twips(56), hanging: twips(56), firstLine: undefined },
        spacing: { before: twips(10), after: twips(2) },
        keepNext: true,
      },
    }),
    paragraph(STYLE.references, 'Cable References', {
      basedOn: STYLE.subject,
      paragraph: { spacing: { before: 0, after: twips(2) } },
    }),
    paragraph(STYLE.signature, 'Cable Signature', {
      basedOn: STYLE.body,
      run: { bold: true },
      paragraph: { alignment: ALIGN.center, indent: { left: 4800, firstLine: 0 }, spacing: { before: twips(18), after: twips(12) }, keepLines: true },
    }),
    paragraph(STYLE.attachmentList, 'Cable Attachment List', {
      basedOn: STYLE.body,
      paragraph: { alignment: ALIGN.left, indent: { firstLine: 0 } },
    }),
    paragraph(STYLE.attachmentTitle, 'Cable Attachment Title', {
      basedOn: STYLE.body,
      next: STYLE.body,
      run: { font: font('heading'), ...size(sizes.heading), bold: true },
      paragraph: { alignment: ALIGN.center, indent: { firstLine: 0 }, spacing: { before: 0, after: twips(14) }, keepNext: true, outlineLevel: 0 },
    }),
    ...[1, 2, 3].map((level) =>
      paragraph(STYLE[`heading${level as 1 | 2 | 3}`], `Cable Heading ${level}`, {
        basedOn: STYLE.body,
        next: STYLE.body,
        run: { font: font('heading'), ...size(level === 1 ? sizes.heading : sizes.body), bold: true, italics: level === 3 },
        paragraph: {
          alignment: ALIGN.left,
          indent: { firstLine: 0 },
          spacing: { before: twips(sizes.paragraphGap * 1.5), after: twips(sizes.paragraphGap / 2) },
          keepNext: true,
          outlineLevel: level - 1,
        },
      }),
    ),
    paragraph(STYLE.quote, 'Cable Quote', {
      basedOn: STYLE.body,
      run: { color: hexColor(colors.muted) },
      paragraph: {
        indent: { left: twips(28), right: twips(28), firstLine: 0 },
        border: { left: { style: 'single' as const, size: 12, color: hexColor(colors.rule), space: 8 } },
      },
    }),
    paragraph(STYLE.listItem, 'Cable List Item', {
      basedOn: STYLE.body,
      paragraph: { indent: { firstLine: 0 }, spacing: { after: twips(sizes.paragraphGap / 2) } },
    }),
    paragraph(STYLE.code, 'Cable Code Block', {
      basedOn: STYLE.body,
      run: { font: font(theme.fonts.body === 'mono' ? 'body' : 'fallback'), ...size(sizes.small + 0.5) },
      paragraph: { alignment: ALIGN.left, indent: { firstLine: 0, left: twips(14) }, spacing: { after: 0, line: 240 } },
    }),
    paragraph(STYLE.tableText, 'Cable Table Text', {
      basedOn: STYLE.body,
      run: size(sizes.small + 1),
      paragraph: { alignment: ALIGN.left, indent: { firstLine: 0 }, spacing: { before: twips(2), after: twips(2), line: 240 } },
    }),
    paragraph(STYLE.rule, 'Cable Rule', {
      basedOn: STYLE.body,
      run: size(2),
      paragraph: {
        border: { bottom: { style: 'single' as const, size: 6, color: hexColor(colors.rule), space: 1 } },
        spacing: { before: 0, after: twips(8), line: 240 },
      },
    }),
    paragraph(STYLE.header, 'Cable Header', {
      basedOn: STYLE.body,
      run: { font: font('stamp'), ...size(sizes.small + 0.5), color: hexColor(colors.stamp), bold: true, allCaps: true },
      paragraph: { alignment: ALIGN.center, indent: { firstLine: 0 }, spacing: { before: 0, after: 0, line: 240 } },
    }),
    paragraph(STYLE.footer, 'Cable Footer', {
      basedOn: STYLE.header,
    }),
    paragraph(STYLE.banner, 'Cable Banner', {
      basedOn: STYLE.body,
      run: { bold: true },
      paragraph: { alignment: ALIGN.center, indent: { firstLine: 0 }, spacing: { before: 0, after: after } },
    }),
    paragraph(STYLE.telegramLine, 'Cable Telegram Line', {
      basedOn: STYLE.body,
      paragraph: { alignment: ALIGN.left, indent: { firstLine: 0 }, spacing: { before: 0, after: 0 } },
    }),
    paragraph(STYLE.headerLine, 'Cable Header Line', {
      basedOn: STYLE.body,
      paragraph: { alignment: ALIGN.left, indent: { firstLine: 0 }, spacing: { before: 0, after: 0 }, keepNext: true },
    }),
    paragraph(STYLE.telegramHeader, 'Telegram Header', {
      basedOn: STYLE.headerLine,
    }),
    paragraph(STYLE.telegramSubject, 'Telegram Subject', {
      basedOn: STYLE.telegramHeader,
      paragraph: { keepNext: true },
    }),
    paragraph(STYLE.telegramParagraph, 'Telegram Paragraph', {
      basedOn: STYLE.body,
    }),
    paragraph(STYLE.footnoteText, 'Cable Footnote Text', {
      basedOn: STYLE.body,
      run: size(sizes.small),
      paragraph: { alignment: ALIGN.left, indent: { firstLine: 0 }, spacing: { after: 0, line: 240 } },
    }),
  ]

  const characterStyles = [
    { id: STYLE.label, name: 'Cable Label', quickFormat: true, run: { bold: true, boldComplexScript: true } },
    {
      id: STYLE.stamp,
      name: 'Cable Stamp',
      quickFormat: true,
      run: {
        font: font('stamp'),
        ...size(sizes.stamp),
        bold: true,
        allCaps: true,
        color: hexColor(colors.stamp),
        border: { style: 'single' as const, size: 12, color: hexColor(colors.stamp), space: 2 },
      },
    },
    {
      id: STYLE.redaction,
      name: 'Cable Redaction',
      quickFormat: true,
      run: { color: 'FFFFFF', shading: { type: 'clear' as const, fill: hexColor(colors.redaction), color: 'auto' } },
    },
    { id: STYLE.inlineCode, name: 'Cable Code', quickFormat: true, run: { font: font(theme.fonts.body === 'mono' ? 'body' : 'fallback') } },
    { id: STYLE.sic, name: 'Cable Sic', quickFormat: true, run: { italics: true } },
    { id: STYLE.hyperlink, name: 'Hyperlink', run: { color: '1F4E9A', underline: { type: 'single' as const } } },
  ]

  return {
    default: {
      document: {
        run: { font: font('body'), ...size(sizes.body), color: hexColor(colors.text), language: { value: language, bidirectional: 'ar-MA' } },
        paragraph: { spacing: { after: 0 } },
      },
      footnoteText: { basedOn: STYLE.footnoteText, run: size(sizes.small) },
    },
    paragraphStyles,
    characterStyles,
  }
}
