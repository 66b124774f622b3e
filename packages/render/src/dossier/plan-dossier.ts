import type { Cable } from '@cablekit/core'
import { layoutCable } from '../layout/layout-cable.js'
import type { LaidOutCable } from '../layout/laid-out.js'
import { formatDate } from '../text/format-date.js'
import type { ThemeName } from '../themes/registry.js'
import type { ThemeData } from '../themes/theme.js'
import type { DossierOptions } from './dossier.js'
import { paginateIndex, paginateToc } from './dossier-chrome.js'
import type { IndexRow, TocEntry } from './dossier-chrome.js'
import { dossierIndex, indexedCable } from './dossier-index.js'
import type { IndexedCable } from './dossier-index.js'
import { dossierLabels, roman } from './dossier-labels.js'
import type { PreparedDossier } from './prepare-dossier.js'

/** Where one cable sits in the book. */
export interface CablePlacement {
  /** 0-based index of the page where the cable starts. */
  start: number
  /** Its number of pages. */
  pages: number
  /** A blank page before it, so it starts on a right-hand page. */
  blankBefore: boolean
  /** The title of its outline entry and table of contents line. */
  title: string
  date: string
  /** Its attachments' outline titles and 0-based start pages. */
  attachments: { title: string; start: number }[]
}

/** The pages before the first cable, known before any cable is laid out: the contents' length depends on its entries' texts only. */
export interface FrontMatter {
  introStart: number
  tocStart: number
  /** The contents, cut into pages; each entry's `page` is filled in as its cable is placed. */
  toc: TocEntry[][]
  /** Pages before the first cable (cover, introduction, contents, blanks): numbered i, ii, iii… */
  frontPages: number
}

/** The page plan of a whole dossier. */
export interface DossierPlan extends FrontMatter {
  cables: CablePlacement[]
  indexStart: number
  index: IndexRow[][]
  /** Total pages. */
  pages: number
  /** The printed label of page `index` (0-based): `ii` in the front matter, `12` after. */
  label(index: number): string
}

/** The options of `layoutCable` for one cable of the book. */
export function cableLayoutOptions(theme: ThemeName | ThemeData | undefined, creationDate: Date, finish?: DossierOptions['finish']) {
  return { ...(theme ? { theme } : {}), creationDate, ...(finish ? { finish } : {}) }
}

/** The text laid out as the introduction: a cable with a body only, in the plain theme. */
export function introCable(prepared: PreparedDossier): Cable | undefined {
  if (prepared.introduction.length === 0) return undefined
  const title = dossierLabels(prepared.lang).introduction
  return { lang: prepared.lang, subject: title, body: prepared.introduction as Cable['body'], attachments: [] }
}

/** The introduction, laid out (it is short: kept from planning to painting). */
export function layoutIntroduction(prepared: PreparedDossier): LaidOutCable | undefined {
  const intro = introCable(prepared)
  return intro ? layoutCable(intro, { theme: 'sobre', creationDate: prepared.creationDate }) : undefined
}

/** Reference and subject, as the contents and the outline print them. */
export function tocTitle(cable: Cable): string {
  const reference = cable.reference ? `N° ${cable.reference}` : cable.id
  return [reference, cable.subject ?? cable.publication?.title].filter(Boolean).join(' — ') || '—'
}

/** The named destination of a cable's first page. Names say nothing of the cable: they are written in the file as they are. */
export function destinationOf(index: number): string {
  return `cable-${index + 1}`
}

/** The printed label of page `index` of a book whose front matter has `frontPages` pages. */
export function pageLabel(frontPages: number, index: number): string {
  return index < frontPages ? roman(index + 1) : String(index - frontPages + 1)
}

/** Cover, introduction and contents: where each starts, and the contents cut into pages. */
export function planFrontMatter(prepared: PreparedDossier, introPages: number, options: DossierOptions, measure?: PDFKit.PDFDocument): FrontMatter {
  const duplex = options.duplex === true
  let page = 1
  if (duplex) page++ // the back of the cover
  const introStart = page
  page += introPages
  if (duplex && page % 2 === 1) page++
  const tocStart = page
  const entries = prepared.cables.map(({ cable }, index): TocEntry => ({
    date: cable.date ? formatDate(cable.date, prepared.lang) : '',
    title: tocTitle(cable),
    page: '',
    destination: destinationOf(index),
  }))
  const toc = paginateToc(entries, measure)
  page += toc.length
  if (duplex && page % 2 === 1) page++
  return { introStart, tocStart, toc, frontPages: page }
}

/**
 * Places the cables of a book one after the other, as they are laid out:
 * {@link planDossier} runs it over every cable at once, the PDF writer as it
 * paints each one. It keeps a few numbers and the index's fields per cable,
 * never a laid-out cable.
 */
export class DossierPlacer {
  readonly cables: CablePlacement[] = []
  private readonly indexed: IndexedCable[] = []
  private readonly entries: TocEntry[]
  private page: number

  constructor(
    readonly front: FrontMatter,
    private readonly duplex: boolean,
  ) {
    this.page = front.frontPages
    this.entries = front.toc.flat()
  }

  /** The label of page `index` of this book. */
  label(index: number): string {
    return pageLabel(this.front.frontPages, index)
  }

  /** Place the next cable, laid out to `laidOut`: where it starts, and whether a blank page comes before it. */
  place(cable: Cable, laidOut: Pick<LaidOutCable, 'pages' | 'attachments'>): CablePlacement {
    const index = this.cables.length
    const blankBefore = this.duplex && (this.page - this.front.frontPages) % 2 === 1
    if (blankBefore) this.page++
    const start = this.page
    const entry = this.entries[index]!
    entry.page = this.label(start)
    const placement: CablePlacement = {
      start,
      pages: laidOut.pages.length,
      blankBefore,
      title: entry.title,
      date: entry.date,
      attachments: cable.attachments.map((attachment, i) => ({
        title: [attachment.label, attachment.title].filter(Boolean).join(' : '),
        start: start + (laidOut.attachments[i]?.page ?? 0),
      })),
    }
    this.cables.push(placement)
    this.indexed.push(indexedCable(cable))
    this.page += placement.pages
    return placement
  }

  /** Once every cable is placed: where the index starts (after a blank page in duplex when needed), and its pages (measured in `measure`). */
  index(prepared: PreparedDossier, options: DossierOptions, measure?: PDFKit.PDFDocument): { indexStart: number; index: IndexRow[][]; pages: number } {
    if (this.duplex && (this.page - this.front.frontPages) % 2 === 1) this.page++
    const indexStart = this.page
    const index =
      options.index === false
        ? []
        : paginateIndex(
            dossierIndex(
              this.indexed,
              this.cables.map((c) => this.label(c.start)),
              dossierLabels(prepared.lang),
            ),
            measure,
          )
    return { indexStart, index, pages: indexStart + index.length }
  }
}

/**
 * The page plan of a dossier: lay out every cable once to know its page
 * count and where its attachments start, and keep only those numbers. The
 * PDF writer places the cables the same way as it paints them; this gives
 * the whole plan without painting (tools, tests).
 */
export function planDossier(prepared: PreparedDossier, options: DossierOptions = {}): DossierPlan {
  const front = planFrontMatter(prepared, layoutIntroduction(prepared)?.pages.length ?? 0, options)
  const placer = new DossierPlacer(front, options.duplex === true)
  for (const { cable, theme } of prepared.cables) placer.place(cable, layoutCable(cable, cableLayoutOptions(theme, prepared.creationDate, options.finish)))
  return { ...front, cables: placer.cables, ...placer.index(prepared, options), label: (index) => placer.label(index) }
}
