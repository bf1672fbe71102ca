/**
 * The search part of `npm run bench` (hooked into tests/bench/run.ts): cold search workloads,
 * random shopper queries over the bench catalogue that are never the same twice (words of a real
 * item's name, in any order, often with a typo, a prefix or another plural), on the shop and on
 * the CMS's REST search; and the labelled quality set's share found among the first three.
 */
import { stringify } from 'qs-esm'

import { catalogueSearch, DEFAULT_VIEW } from '../../storefront/src/lib/catalogue.ts'
import { catalogueSearchQuery } from '../../storefront/src/lib/queries.ts'
import { BENCH_QUERIES } from '../helpers/searchQuality.ts'
import { benchItems } from './seed.ts'

/** A small seeded generator (LCG), so two runs ask the same queries in the same order. */
function generator(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    return seed / 0x7fffffff
  }
}

/** One typo as shoppers make them: a letter missing, added, changed, or two swapped. */
function typo(word: string, next: () => number): string {
  const at = 1 + Math.floor(next() * (word.length - 2))
  const letter = 'abcdefghijklmnopqrstuvwxyz'[Math.floor(next() * 26)]!
  switch (Math.floor(next() * 4)) {
    case 0:
      return word.slice(0, at) + word.slice(at + 1)
    case 1:
      return word.slice(0, at) + letter + word.slice(at)
    case 2:
      return word.slice(0, at) + letter + word.slice(at + 1)
    default:
      return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2)
  }
}

/** `count` distinct queries over the first `items` bench items. */
export function searchQueries(items: number, count: number): string[] {
  const names = benchItems(items).map((item) => item.name.toLowerCase())
  const next = generator(2026)
  const queries = new Set<string>()
  for (let tries = 0; queries.size < count && tries < count * 20; tries++) {
    const words = names[Math.floor(next() * names.length)]!.split(' ')
    // Two to five of its words, in a shuffled order.
    const picked = words.filter(() => next() < 0.6).slice(0, 5)
    if (picked.length < 2) continue
    picked.sort(() => next() - 0.5)
    const shaped = picked.map((word) => {
      const roll = next()
      if (word.length >= 5 && roll < 0.4) return typo(word, next)
      if (word.length >= 5 && roll < 0.6) return word.slice(0, 3 + Math.floor(next() * (word.length - 3))) // a prefix
      if (roll < 0.7) return word.endsWith('s') ? word.slice(0, -1) : `${word}s` // the other number
      return word
    })
    queries.add(shaped.join(' '))
  }
  return [...queries]
}

type Workload = [name: string, base: string, paths: string[], headers: Record<string, string>]

/** The cold search workloads: the shop's results page, and the CMS's REST search the shop calls. */
export function searchWorkloads(items: number, shopUrl: string, cmsUrl: string, browser: Record<string, string>): Workload[] {
  const queries = searchQueries(items, 20_000)
  const half = Math.floor(queries.length / 2)
  return [
    [
      'cold: shop search, random words with typos, never the same',
      shopUrl,
      queries.slice(0, half).map((q) => `/${catalogueSearch({ ...DEFAULT_VIEW, q, sort: 'relevance' })}`),
      browser,
    ],
    [
      'cold: CMS REST search, as the shop asks it',
      cmsUrl,
      queries.slice(half).map((q) => `/api/items/search?${stringify(catalogueSearchQuery({ ...DEFAULT_VIEW, q, sort: 'relevance' }))}`),
      {},
    ],
  ]
}

/** The labelled bench queries: how many find their item among the first three; prints the misses. */
export async function searchQuality(cmsUrl: string): Promise<void> {
  const misses: string[] = []
  for (const { q, expected } of BENCH_QUERIES) {
    const response = await fetch(`${cmsUrl}/api/items/search?${stringify({ q, limit: 3, select: { name: true } })}`)
    const found = ((await response.json()) as { docs: Array<{ name: string }> }).docs.map((doc) => doc.name)
    if (!found.includes(expected)) misses.push(`  miss: ${q} → ${found.join(' | ')} (wanted ${expected})`)
  }
  const share = (BENCH_QUERIES.length - misses.length) / BENCH_QUERIES.length
  console.log(
    `Search quality: ${BENCH_QUERIES.length - misses.length} of ${BENCH_QUERIES.length} labelled bench queries (${(share * 100).toFixed(0)} %) find their item among the first three (the demo-catalogue queries run in tests/int/search.int.spec.ts).`,
  )
  for (const miss of misses) console.log(miss)
}
