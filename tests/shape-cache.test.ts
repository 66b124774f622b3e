import { describe, expect, it } from 'vitest'
import { clearShapeCache, shapeCacheStats } from '@cablekit/render/internals'
import { fontFace } from '../packages/render/src/fonts/font-face.js'
import { shapeText } from '../packages/render/src/fonts/shape-text.js'

describe('the shaping cache', () => {
  it('stays bounded over an endless vocabulary, and keeps the words in use', () => {
    clearShapeCache()
    const face = fontFace('serif')
    const hot = shapeText(face, 'diplomatique')
    let missesOnHot = 0
    for (let index = 0; index < 40_000; index++) {
      shapeText(face, `mot${index.toString(36)}`)
      if (index % 500 === 0) {
        const before = shapeCacheStats().misses
        // The same object back: the hot word was never shaped again.
        expect(shapeText(face, 'diplomatique')).toBe(hot)
        missesOnHot += shapeCacheStats().misses - before
      }
    }
    expect(missesOnHot).toBe(0)
    expect(shapeCacheStats().size).toBeLessThanOrEqual(16_000)
    // A word not used for two generations is shaped again: the bound is real.
    const first = shapeCacheStats().misses
    shapeText(face, 'mot0')
    expect(shapeCacheStats().misses).toBe(first + 1)
    clearShapeCache()
    expect(shapeCacheStats()).toEqual({ size: 0, hits: 0, misses: 0 })
  })
})
