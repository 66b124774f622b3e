export {
  CABLE_FAMILIES,
  PRECEDENCE_LEVELS,
  CLASSIFICATION_LEVELS,
  PRECEDENCE_LABELS,
  CLASSIFICATION_LABELS,
  PRECEDENCE_ALIASES,
  CLASSIFICATION_ALIASES,
  foldWording,
  resolvePrecedence,
  resolveClassification,
} from './model/vocabulary.js'
export type { CableFamily, PrecedenceLevel, ClassificationLevel, Leveled } from './model/vocabulary.js'
export { cableJsonSchema } from './model/json-schema.js'
export {
  cableSchema,
  attachmentSchema,
  precedenceSchema,
  classificationSchema,
  issuerSchema,
  distributionSchema,
  publicationSchema,
  provenanceSchema,
  fixSchema,
  nodeSchema,
  HEADER_KEYS,
  isIsoDate,
} from './model/schema.js'
export type { Cable, CableHeader, Attachment, Precedence, Classification, Issuer, Distribution, Publication, Provenance, Fix } from './model/schema.js'
export type { FieldSource } from './model/schema.js'
export { validate } from './model/validate.js'
export type { Validation, ValidationMessage, ValidateOptions } from './model/validate.js'
export { CableValidationError, assertValidCable } from './model/validate-error.js'
export type { Redaction, BodyContent } from './model/nodes.js'
export { report, hasErrors, severityOf, DIAGNOSTIC_SOURCE } from './diagnostics.js'
export type { Severity, DiagnosticDetail } from './diagnostics.js'
export { decode } from './parse/decode.js'
export type { Encoding } from './parse/decode.js'
export { detectFormat } from './parse/detect.js'
export type { SourceFormat } from './parse/detect.js'
export { fromMarkdown } from './parse/from-markdown.js'
export type { FromMarkdownOptions } from './parse/from-markdown.js'
export { DEFAULT_MARKDOWN_LIMITS } from './parse/markdown-limits.js'
export type { MarkdownLimits } from './parse/markdown-limits.js'
export { fromJson } from './parse/from-json.js'
export { fromText } from './parse/from-text/from-text.js'
export type { FromTextOptions } from './parse/from-text/from-text.js'
export { parseFrenchDate } from './parse/from-text/french-dates.js'
export type { FrenchDate } from './parse/from-text/french-dates.js'
export { parse } from './parse/parse.js'
export type { ParseOptions } from './parse/parse.js'
export type { ParseResult, Source, SourceOptions } from './parse/parse-result.js'
export { toMarkdown } from './write/to-markdown.js'
export { toJson } from './write/to-json.js'
export type { ToJsonOptions } from './write/to-json.js'
export { stripPositions } from './write/strip-positions.js'
export { redact } from './redact/redact.js'
export type { RedactOptions, RedactResult } from './redact/redact.js'
export { foldText, foldString } from './redact/fold-text.js'
export type { FoldedText, FoldOptions } from './redact/fold-text.js'
export { compileRedactionRules, regexFromString, RedactionRuleError } from './redact/redaction-rules.js'
export type { MatchRule, RegexRule, RedactionRuleKind, RedactionSpan, SpanFinder } from './redact/redaction-rules.js'
export { keyedHash, MIN_KEY_BYTES } from './redact/redaction-log.js'
export type { RedactionLogEntry, KeyedHash } from './redact/redaction-log.js'
export { REDACTABLE_FIELDS } from './redact/redact-fields.js'
export { redactionPlaceholder } from './redact/redaction-placeholder.js'
export { editorialMarks } from './editorial/editorial-marks.js'
export type { EditorialMarksOptions } from './editorial/editorial-marks.js'
export { markEditorNotes, editorNoteMark, noteDefinition, EDITOR_NOTE_MARKS, EDITOR_NOTE_IDENTIFIER } from './editorial/editor-notes.js'
export { annotateFixes } from './editorial/annotate-fixes.js'
export { parseFrontMatter, MAX_YAML_DEPTH, MAX_YAML_ALIASES } from './parse/front-matter.js'
export type { FrontMatterSpan } from './parse/front-matter.js'
export { layoutWords } from './parse/from-words/layout-words.js'
export type { LayoutWordsOptions } from './parse/from-words/layout-words.js'
export { fromWords } from './parse/from-words/from-words.js'
export type { FromWordsOptions } from './parse/from-words/from-words.js'
export type { Word, WordBox, WordPage, WordLayout, LaidOutLine, PlacedWord } from './parse/from-words/word-page.js'
