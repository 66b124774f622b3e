import { z } from 'zod'
import { CABLE_FAMILIES, CLASSIFICATION_LEVELS, PRECEDENCE_LEVELS } from './vocabulary.js'
import type { BodyContent } from './nodes.js'

/**
 * The zod schemas of the cable model: the single source of the TypeScript
 * types, of runtime validation and of the shipped JSON Schema
 * (`@cablekit/core/cable.schema.json`). Keys follow `docs/cable-model.md`.
 */

const text = z.string().min(1)
const textList = z.array(text)

/** ISO 8601 date (`2014-08-14`, `2014-08`, `2014`) or UTC date-time (`2009-08-14T15:30Z`). */
export const isoDatePattern = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/

/** Whether `value` is an ISO 8601 date whose month and day exist. */
export function isIsoDate(value: string): boolean {
  if (!isoDatePattern.test(value)) return false
  const [y, m = 1, d = 1] = value.slice(0, 10).split('-').map(Number) as [number, number?, number?]
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

const isoDateMessage = 'expected an ISO 8601 date such as 2014-08-14 or 2009-08-14T15:30Z'
const isoDate = z.string().regex(isoDatePattern, isoDateMessage).refine(isIsoDate, { message: isoDateMessage })

/** An mdast node, checked only for its `type`: the body is free mdast. */
export const nodeSchema = z.looseObject({ type: z.string().min(1) })

export const precedenceSchema = z.object({
  level: z.enum(PRECEDENCE_LEVELS),
  label: text,
})

export const classificationSchema = z.object({
  level: z.enum(CLASSIFICATION_LEVELS),
  label: text,
})

const letterhead = z.object({
  state: text.optional(),
  ministry: text.optional(),
  post: text.optional(),
})

export const issuerSchema = letterhead.extend({
  /** The same letterhead lines in other languages, keyed by BCP 47 tag (`ar`). */
  localized: z.record(z.string(), letterhead).optional(),
})

export const distributionSchema = z.object({
  primary: textList.optional(),
  cc: textList.optional(),
})

export const attachmentSchema = z.object({
  label: text,
  title: z.string(),
  body: z.array(nodeSchema),
})

export const publicationSchema = z.object({
  title: text.optional(),
  summary: text.optional(),
  source: text.optional(),
  url: text.optional(),
})

/** One OCR fix applied by `--fix`: what stood, what replaced it, and where. */
export const fixSchema = z.object({
  original: z.string(),
  replacement: z.string(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
  rule: z.string().optional(),
})

/** A box on a page: left, top, right, bottom, from the page's top left corner (PDF points, or pixels for images). */
export const boxSchema = z.object({ x0: z.number(), y0: z.number(), x1: z.number(), y1: z.number() })

/** Where on a scanned or PDF page a header field was read: the page (from 1) and the box of its line. */
export const fieldSourceSchema = z.object({
  page: z.number().int().positive(),
  box: boxSchema,
})

export const provenanceSchema = z.object({
  /** The file the cable was read from, as given. */
  source: text.optional(),
  /** The source format: `pdf` for a PDF (text layer or OCR), `image` for a scan. */
  format: z.enum(['markdown', 'text', 'json', 'pdf', 'image']).optional(),
  /** The encoding the bytes were decoded from. */
  encoding: text.optional(),
  /** Changes made by `--fix`, in order. */
  fixes: z.array(fixSchema).optional(),
  /** For scans and PDFs: the page and box each header field was read from, by field name. */
  fields: z.record(z.string(), fieldSourceSchema).optional(),
})

/** The header fields, in the order documents print them and `toMarkdown` writes them. */
export const headerShape = {
  id: text.optional().meta({ description: 'Stable identifier used for file names and cross-references.' }),
  lang: text.optional().meta({ description: 'Language of the text (BCP 47); picks the printed labels.' }),
  family: z
    .enum(CABLE_FAMILIES)
    .optional()
    .meta({ description: 'The document family (french-cable, french-td, us-telegram, fco-telegram, note-verbale); picks the default theme.' }),
  reference: text.optional().meta({ description: 'The document number, without the N° sign.' }),
  issuer: issuerSchema.optional().meta({ description: 'Letterhead lines of the issuing state, ministry and post.' }),
  from: text.optional().meta({ description: 'The sender as written.' }),
  to: textList.optional().meta({ description: 'Addressees.' }),
  info: textList.optional().meta({ description: 'Information addressees (telegrams).' }),
  place: text.optional().meta({ description: 'Place of writing.' }),
  date: isoDate.optional().meta({ description: 'ISO 8601 date, or date-time in UTC for telegrams.' }),
  precedence: precedenceSchema.optional().meta({ description: 'Handling speed: level and printed label.' }),
  classification: classificationSchema.optional().meta({ description: 'Sensitivity: level and printed label.' }),
  distribution: distributionSchema.optional().meta({ description: 'Internal distribution (Destinataire principal, Destinataire CC).' }),
  transmission: text.optional().meta({ description: 'Transmission mode.' }),
  subject: text.optional().meta({ description: 'Objet / SUBJECT.' }),
  references: textList.optional().meta({ description: 'Réf / REF items, one each.' }),
  tags: textList.optional().meta({ description: 'TAGS of telegrams, or the hashtags of a publication.' }),
  declassification: text.optional().meta({ description: 'E.O. / declassification line.' }),
  classifiedBy: text.optional().meta({ description: 'Who classified the cable, as the Classified By line writes it (without the reasons).' }),
  classificationReasons: textList
    .optional()
    .meta({ description: 'The classification reasons of the Classified By line, as E.O. section codes (`1.4(b)`, `1.4(d)`).' }),
  signature: text.optional().meta({ description: 'Who signs, as written.' }),
  publication: publicationSchema.optional().meta({ description: 'The web page or leak publication that carried the cable.' }),
  provenance: provenanceSchema.optional().meta({ description: 'Where the cable came from and what was changed on the way in.' }),
}

/** The schema of a whole cable. Unknown keys are refused: the CLI warns and drops them before this runs. */
export const cableSchema = z.strictObject({
  ...headerShape,
  body: z.array(nodeSchema).meta({ description: 'The text: mdast content nodes (children of a root).' }),
  attachments: z.array(attachmentSchema).meta({ description: 'Pièces jointes / enclosures, in order.' }),
})

/** The header keys, in canonical order. */
export const HEADER_KEYS = Object.keys(headerShape) as (keyof typeof headerShape)[]

type Inferred = z.infer<typeof cableSchema>

/** A precedence: level and printed label. */
export type Precedence = z.infer<typeof precedenceSchema>
/** A classification: level and printed label. */
export type Classification = z.infer<typeof classificationSchema>
/** Letterhead lines of the issuing state, ministry and post. */
export type Issuer = z.infer<typeof issuerSchema>
/** Internal distribution lists. */
export type Distribution = z.infer<typeof distributionSchema>
/** The web page or leak publication that carried a cable. */
export type Publication = z.infer<typeof publicationSchema>
/** Where a cable came from and what was changed on the way in. */
export type Provenance = z.infer<typeof provenanceSchema>
/** One recorded OCR fix. */
export type Fix = z.infer<typeof fixSchema>
/** Where a header field was read on a page. */
export type FieldSource = z.infer<typeof fieldSourceSchema>

/** A pièce jointe or enclosure: its label as written, a title and a body of mdast nodes. */
export interface Attachment {
  label: string
  title: string
  body: BodyContent[]
}

/** The header of a cable: every field but `body` and `attachments`. */
export type CableHeader = Omit<Inferred, 'body' | 'attachments'>

/** A diplomatic cable: header fields, mdast body and attachments. */
export interface Cable extends CableHeader {
  body: BodyContent[]
  attachments: Attachment[]
}
