/**
 * The furniture of a 1970s State Department telegram as the archives print
 * it (the Central Foreign Policy File pages WikiLeaks republished as PlusD):
 * the page header `PAGE 01 LONDON 11275 021125Z`, the line count under it,
 * the `ACTION`/`ORIGIN` and `INFO` office-code lines, the drafting block of
 * outgoing cables (`DRAFTED BY`, `APPROVED BY`, clearances), the routing
 * rule `--------------------- 121269`, `NNN` and the declassification stamp.
 * The telegram itself is read by the telegram reader.
 */

/** `PAGE 01 LONDON 11275 021125Z`, or the header cut after `PAGE 01` with the post on the next line. */
const PAGE_HEADER = /^PAGE\s+\d{1,3}(?:\s|$)/
/** The post, serial and time of a page header wrapped onto its own line (`LONDON 19694 051434Z`). */
const PAGE_HEADER_REST = /^[A-Z][A-Z ]{1,30}\s\d{4,6}(?:\s+\d{2}\s+OF\s+\d{2})?\s+\d{6}Z$/
/** `ACTION IO-13`, `ORIGIN IO-10`, and the office codes `INFO OCT-01 EUR-12 … /092 W`. */
const OFFICE_CODES = /^(?:ACTION|ORIGIN)\s+[A-Z]{1,5}-\d{2}\b|^(?:INFO\s+)?(?:[A-Z]{1,6}-\d{2}\s*)+(?:\/\d{3}\s*[WR])?$/
/** `--------------------- 121269`, `------------------181449 095110 /46`, `------------------024882 051444Z /40`. */
const ROUTING_RULE = /^-{5,}\s*[0-9A-F]{4,}(?:\s+[0-9A-F]{4,}Z?)?(?:\s+\/\d+)?$/
/**
 * The stamp of the systematic review printed over the page
 * (`Sheryl P. Walter Declassified/Released US Department of State EO Systematic Review 20 Mar 2014`).
 */
const REVIEW_STAMP = /\bDeclassified\/Released US Department of State EO Systematic Review\b/
/** What the archive prints around the telegram: the end mark, a banner's `POSS DUPE`. */
const PRINT_MARKS = /^(?:NNN|POSS DUPE)$/
/** The line count printed under the page header (`47`): a bare number, only ever in the header. */
const LINE_COUNT = /^\d{1,3}$/

/** The lines of an outgoing cable's drafting block: who drafted, approved and cleared it. */
const DRAFTING_START = /^(?:DRAFTED|APPROVED|CLEARED)\s+BY\b/

/**
 * Whether a line is printed-page furniture of a 1970s telegram (page
 * header, office codes, routing rule, review stamp, end mark).
 *
 * @example isPrintedPageNoise('PAGE 01 LONDON 11275 021125Z') // true
 */
export function isPrintedPageNoise(text: string): boolean {
  const value = text.trim()
  if (PAGE_HEADER.test(value) || PAGE_HEADER_REST.test(value) || OFFICE_CODES.test(value)) return true
  return ROUTING_RULE.test(value) || REVIEW_STAMP.test(value) || PRINT_MARKS.test(value)
}

/** Whether a header line is the page's line count (`47`), printed under the page header. */
export function isLineCount(text: string): boolean {
  return LINE_COUNT.test(text.trim())
}

/** Whether a header line opens the drafting block of an outgoing cable (`DRAFTED BY IO/TRC:SFRIEDLAND:MJF`). */
export function opensDraftingBlock(text: string): boolean {
  return DRAFTING_START.test(text.trim())
}

/** The routing rule that ends the drafting block and the office codes. */
export function isRoutingRule(text: string): boolean {
  return ROUTING_RULE.test(text.trim())
}

/**
 * Whether a telegram is a printed page of the 1970s: a `PAGE 01` header and
 * an office-code line in its first lines. Such pages wrap the subject near
 * column 60, so a short subject line is complete.
 */
export function isPrintedPage(lines: readonly { text: string }[]): boolean {
  let page = false
  let codes = false
  for (let k = 0; k < Math.min(lines.length, 30); k++) {
    const text = lines[k]!.text.trim()
    if (PAGE_HEADER.test(text)) page = true
    else if (OFFICE_CODES.test(text)) codes = true
  }
  return page && codes
}
