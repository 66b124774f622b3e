import { paragraphXml } from '../docx/wml-paragraph.js'
import { FIELD_END, fieldStartXml, fieldXml, internalLinkXml, runXml } from '../docx/wml-run.js'
import { DOSSIER_STYLE } from './dossier-docx-styles.js'

/** One line of a dossier's contents: the bookmark of a heading, its level, and its text as runs. */
export interface ContentsEntry {
  bookmark: string
  level: 1 | 2
  runs: string
}

/** The contents list the dossier's own heading styles, by style name: `\o`/`\u` would list the cables' inner headings too. */
const CONTENTS_INSTRUCTION = `TOC \\h \\t "${DOSSIER_STYLE.cable},1,${DOSSIER_STYLE.attachment},2"`

// The result of a page reference, left as a mark until the pages are known. A NUL never survives escapeXml, so no text can forge one.
const PAGE_MARK = /\u0000([^\u0000]*)\u0000/g

/**
 * A `PAGEREF` field to `bookmark`, linked to it (`\h`), whose result is
 * filled in by {@link fillPageNumbers} once the pages are estimated.
 */
export function pageReferenceXml(bookmark: string): string {
  return fieldXml(`PAGEREF ${bookmark} \\h`, `\u0000${bookmark}\u0000`)
}

/**
 * The page of `bookmark` as plain text linked to it, filled in by
 * {@link fillPageNumbers}: where a cable's pages are numbered from 1, a
 * `PAGEREF` that LibreOffice recomputes would print 1 for every cable, so the
 * index writes the sheet the estimate found.
 */
export function pageNumberLinkXml(bookmark: string): string {
  return internalLinkXml(bookmark, `\u0000${bookmark}\u0000`)
}

/**
 * `xml` with the result of every {@link pageReferenceXml} written: the page
 * of its bookmark, or nothing where the page is not known (the word
 * processor fills it in when it updates fields).
 */
export function fillPageNumbers(xml: string, pages: ReadonlyMap<string, string>): string {
  return xml.replace(PAGE_MARK, (_, bookmark: string) => {
    const page = pages.get(bookmark)
    return page ? runXml(page) : ''
  })
}

/**
 * The table of contents as Word writes one: a content control holding a
 * `TOC` field whose cached result is one paragraph per heading (its text,
 * a dotted tab and a `PAGEREF` to its bookmark, all linked to it), so readers
 * that do not update fields still show the entries and their pages. One
 * block: a section cannot end inside the control.
 *
 * @param textWidth Width of the text column in twips, where the page numbers align.
 */
export function dossierContentsXml(entries: readonly ContentsEntry[], textWidth: number): string {
  const tabs = [{ type: 'right' as const, leader: 'dot' as const, position: textWidth }]
  const start = fieldStartXml(CONTENTS_INSTRUCTION)
  let lines = entries
    .map((entry, index) =>
      paragraphXml(
        { style: entry.level === 1 ? DOSSIER_STYLE.contents1 : DOSSIER_STYLE.contents2, tabs },
        (index === 0 ? start : '') + internalLinkXml(entry.bookmark, entry.runs + runXml('\t') + pageReferenceXml(entry.bookmark)),
      ),
    )
    .join('')
  lines = entries.length === 0 ? paragraphXml({}, start + FIELD_END) : lines + paragraphXml({}, FIELD_END)
  return `<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>${lines}</w:sdtContent></w:sdt>`
}
