import { describe, expect, it } from 'vitest'

import { statisticsStale } from './statistics'

describe('statisticsStale', () => {
  it('analyses a catalogue that has items and no statistics, never an empty one', () => {
    expect(statisticsStale(undefined, 3)).toBe(true)
    expect(statisticsStale(undefined, 0)).toBe(false)
  })

  it('keeps statistics while the catalogue stays within half and twice their size', () => {
    expect(statisticsStale(10_000, 10_000)).toBe(false)
    expect(statisticsStale(10_000, 20_000)).toBe(false)
    expect(statisticsStale(10_000, 5_000)).toBe(false)
  })

  it('analyses again after an import doubled it, or a clear-out halved it', () => {
    expect(statisticsStale(10_000, 20_001)).toBe(true)
    expect(statisticsStale(10_000, 4_999)).toBe(true)
    expect(statisticsStale(20, 100_000)).toBe(true)
  })

  it('analyses again when a migration added an index the statistics do not know', () => {
    expect(statisticsStale(10_000, 10_000, 1)).toBe(true)
    expect(statisticsStale(undefined, 0, 3)).toBe(false)
  })
})
