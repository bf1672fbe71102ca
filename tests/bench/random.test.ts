import { describe, expect, it } from 'vitest'

import { random, shuffled } from './random.ts'

describe('random', () => {
  it('gives the same numbers from the same seed, and others from another', () => {
    const a = random(7)
    const b = random(7)
    const c = random(8)
    const first = Array.from({ length: 5 }, a)
    expect(Array.from({ length: 5 }, b)).toEqual(first)
    expect(Array.from({ length: 5 }, c)).not.toEqual(first)
  })

  it('does not fall into a short cycle (the doubles LCG did, after a few hundred values)', () => {
    const next = random(2026)
    const seen = new Set<number>()
    let outside = 0
    for (let i = 0; i < 1_000_000; i++) {
      const value = next()
      if (!(value >= 0 && value < 1)) outside++
      seen.add(value)
    }
    expect(outside).toBe(0)
    // 32-bit outputs: a few hundred birthday collisions in a million draws, no more.
    expect(seen.size).toBeGreaterThan(999_000)
  }, 30_000)

  it('spreads its numbers evenly', () => {
    const next = random(1)
    const buckets = new Array(10).fill(0)
    for (let i = 0; i < 100_000; i++) buckets[Math.floor(next() * 10)]++
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500)
  })
})

describe('shuffled', () => {
  it('keeps every element once, in a new order, and leaves the list alone', () => {
    const list = Array.from({ length: 1000 }, (_, i) => i)
    const out = shuffled(list, random(3))
    expect([...out].sort((a, b) => a - b)).toEqual(list)
    expect(out).not.toEqual(list)
    expect(list[0]).toBe(0)
  })
})
