/**
 * The bench's one seeded random generator, so two runs seed the same catalogue and ask for the
 * same URLs in the same order. mulberry32: 32-bit integer arithmetic throughout (Math.imul), so
 * its state walks all 2^32 values before repeating. (A textbook LCG written as
 * `seed * 1103515245 + 12345` in JavaScript multiplies in doubles, loses the low bits past 2^53
 * and falls into a cycle of a few hundred values: the bench once asked 335 distinct searches in
 * 200 000 requests.) Hand-written rather than a library: six lines, and the bench needs no more.
 */
export type Random = () => number

/** A generator of numbers in [0, 1) from `seed`. */
export function random(seed: number): Random {
  let state = seed | 0
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** An integer in [0, n). */
export const below = (next: Random, n: number): number => Math.floor(next() * n)

/** One element of `list`. */
export const pick = <T>(next: Random, list: readonly T[]): T => list[below(next, list.length)]!

/** A shuffled copy of `list` (Fisher–Yates). */
export function shuffled<T>(list: readonly T[], next: Random): T[] {
  const out = [...list]
  for (let i = out.length - 1; i > 0; i--) {
    const j = below(next, i + 1)
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}
