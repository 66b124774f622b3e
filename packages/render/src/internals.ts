/**
 * `@cablekit/render/internals`: what the renderers use inside, for tools built
 * on them (benchmarks, the batch workers, tests) and for the curious. Nothing
 * here follows the semver promise of the main entry point: names and shapes
 * may change in any release.
 * @packageDocumentation
 */
export { clearShapeCache, shapeCacheStats } from './fonts/shape-text.js'
export { planDossier } from './dossier/to-dossier-pdf.js'
export type { DossierPlan, CablePlacement } from './dossier/to-dossier-pdf.js'
export { prepareDossier } from './dossier/prepare-dossier.js'
export type { PreparedDossier } from './dossier/prepare-dossier.js'
export { indexSections } from './dossier/dossier-index.js'
export type { IndexSection } from './dossier/dossier-index.js'
