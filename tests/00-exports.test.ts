import { describe, expect, it } from 'vitest'

// The public API of each package, exactly: a change here is a change of API,
// to be made on purpose and noted in the changelog.
describe('exported names', () => {
  it('@cablekit/core', async () => {
    expect(Object.keys(await import('@cablekit/core')).sort()).toEqual([
      'CABLE_FAMILIES',
      'CLASSIFICATION_ALIASES',
      'CLASSIFICATION_LABELS',
      'CLASSIFICATION_LEVELS',
      'CableValidationError',
      'DEFAULT_MARKDOWN_LIMITS',
      'DIAGNOSTIC_SOURCE',
      'EDITOR_NOTE_IDENTIFIER',
      'EDITOR_NOTE_MARKS',
      'HEADER_KEYS',
      'MAX_YAML_ALIASES',
      'MAX_YAML_DEPTH',
      'MIN_KEY_BYTES',
      'PRECEDENCE_ALIASES',
      'PRECEDENCE_LABELS',
      'PRECEDENCE_LEVELS',
      'REDACTABLE_FIELDS',
      'RedactionRuleError',
      'annotateFixes',
      'assertValidCable',
      'attachmentSchema',
      'cableJsonSchema',
      'cableSchema',
      'classificationSchema',
      'compileRedactionRules',
      'decode',
      'detectFormat',
      'distributionSchema',
      'editorNoteMark',
      'editorialMarks',
      'fixSchema',
      'foldString',
      'foldText',
      'foldWording',
      'fromJson',
      'fromMarkdown',
      'fromText',
      'fromWords',
      'hasErrors',
      'isIsoDate',
      'issuerSchema',
      'keyedHash',
      'layoutWords',
      'markEditorNotes',
      'nodeSchema',
      'noteDefinition',
      'parse',
      'parseFrenchDate',
      'parseFrontMatter',
      'precedenceSchema',
      'provenanceSchema',
      'publicationSchema',
      'redact',
      'redactionPlaceholder',
      'regexFromString',
      'report',
      'resolveClassification',
      'resolvePrecedence',
      'severityOf',
      'stripPositions',
      'toJson',
      'toMarkdown',
      'validate',
    ])
  })

  it('@cablekit/render', async () => {
    expect(Object.keys(await import('@cablekit/render')).sort()).toEqual([
      'ENGLISH_LABELS',
      'FRENCH_LABELS',
      'THEMES',
      'THEME_DRAWINGS',
      'THEME_NAMES',
      'createPdfDocument',
      'defaultThemeName',
      'fontFiles',
      'labelsFor',
      'layoutCable',
      'missingCharacters',
      'paintCable',
      'toDocx',
      'toDossierDocx',
      'toDossierPdf',
      'toDossierPdfStream',
      'toHtml',
      'toPdf',
      'toPdfStream',
    ])
  })

  it('@cablekit/render/internals, outside the semver promise', async () => {
    expect(Object.keys(await import('@cablekit/render/internals')).sort()).toEqual([
      'clearShapeCache',
      'indexSections',
      'planDossier',
      'prepareDossier',
      'shapeCacheStats',
    ])
  })

  it('@cablekit/core/diagnostics and @cablekit/render/themes, the light subpaths', async () => {
    expect(Object.keys(await import('@cablekit/core/diagnostics')).sort()).toEqual([
      'DIAGNOSTIC_SOURCE',
      'didYouMean',
      'editDistance',
      'hasErrors',
      'report',
      'severityOf',
    ])
    expect(Object.keys(await import('@cablekit/render/themes')).sort()).toEqual([
      'ENGLISH_LABELS',
      'FRENCH_LABELS',
      'THEMES',
      'THEME_NAMES',
      'defaultThemeName',
      'labelsFor',
    ])
  })

  it('@cablekit/scan', async () => {
    expect(Object.keys(await import('@cablekit/scan')).sort()).toEqual([
      'DEFAULT_MAX_SCAN_SIZE',
      'DEFAULT_OCR_LANG',
      'OCR_LANGUAGES',
      'fromScan',
      'ocrPages',
      'readImage',
      'readPdf',
      'scanKind',
    ])
  })

  it('cablekit (the CLI package)', async () => {
    expect(Object.keys(await import('../packages/cli/src/index.js')).sort()).toEqual(['CliError', 'EXIT', 'main', 'run'])
  })
})
