/**
 * `@cablekit/scan`: cables from scans and PDFs.
 * @packageDocumentation
 */
export {}
