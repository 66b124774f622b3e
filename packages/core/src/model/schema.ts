import { z } from 'zod'
import { CLASSIFICATION_LEVELS, PRECEDENCE_LEVELS } from './vocabulary.js'
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

const isoDate = z.string().refine(isIsoDate, { message: 'expected an ISO 8601 date such as 2014-08-14 or 2009-08-14T15:30Z' })

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

export const provenanceSchema = z.object({
  /** The file the cable was read from, as given. */
  source: text.optional(),
  /** The source format. */
  format: z.enum(['markdown', 'text', 'json']).optional(),
  /** The encoding the bytes were decoded from. */
  encoding: text.optional(),
  /** Changes made by `--fix`, in order. */
  fixes: z.array(fixSchema).optional(),
})

/** The header fields, in the order documents print them and `toMarkdown` writes them. */
export const headerShape = {
  id: text.optional(),
  lang: text.optional(),
  reference: text.optional(),
  issuer: issuerSchema.optional(),
  from: text.optional(),
  to: textList.optional(),
  info: textList.optional(),
  place: text.optional(),
  date: isoDate.optional(),
  precedence: precedenceSchema.optional(),
  classification: classificationSchema.optional(),
  distribution: distributionSchema.optional(),
  transmission: text.optional(),
  subject: text.optional(),
  references: textList.optional(),
  tags: textList.optional(),
  declassification: text.optional(),
  classifiedBy: text.optional(),
  signature: text.optional(),
  publication: publicationSchema.optional(),
  provenance: provenanceSchema.optional(),
}

/** The schema of a whole cable. Unknown keys are refused: the CLI warns and drops them before this runs. */
export const cableSchema = z.strictObject({
  ...headerShape,
  body: z.array(nodeSchema),
  attachments: z.array(attachmentSchema),
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
