/**
 * The search part of `npm run bench` (hooked into tests/bench/run.ts): cold search workloads,
 * random shopper queries over the bench catalogue that are never the same twice, on the shop and
 * on the CMS's REST search; and the labelled quality set's share found among the first three.
 *
 * A query is one to four words of a real item's name, in its order or another, each perhaps with
 * a typo (a letter missing, added, changed, or two swapped, anywhere but the first letter), cut
 * to a prefix as typed so far, or in the other number; sometimes only what is in stock, and for
 * a clean query matching many items sometimes page 2 or 3 (only where the page surely exists).
 */
import { stringify } from 'qs-esm'

import { type CatalogueView, catalogueSearch, DEFAULT_VIEW } from '../../storefront/src/lib/catalogue.ts'
import { catalogueSearchQuery, ITEMS_PER_PAGE } from '../../storefront/src/lib/queries.ts'
import { BENCH_QUERIES } from '../helpers/searchQuality.ts'
import { below, type Random, random, shuffled } from './random.ts'
import { benchItems, benchNameParts } from './seed.ts'
import { neverTwice, type PathSource } from './workloads.ts'

/** One typo as shoppers make them, anywhere but the first letter: missing, added, changed, or two swapped. */
export function typo(word: string, next: Random): string {
  const at = 1 + below(next, word.length - 1)
  const letter = 'abcdefghijklmnopqrstuvwxyz'[below(next, 26)]!
  switch (below(next, 4)) {
    case 0:
      return word.slice(0, at) + word.slice(at + 1)
    case 1:
      return word.slice(0, at) + letter + word.slice(at)
    case 2:
      return word.slice(0, at) + letter + word.slice(at + 1)
    default:
      // Two letters swapped (the last one with the one before it).
      return at === word.length - 1
        ? word.slice(0, at - 1) + word[at] + word[at - 1]
        : word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2)
  }
}

const WORDS = /^[a-z]{3,}$/

/**
 * Random search views over the first `items` bench items (each draw one view). Page 2 or 3 only
 * when the query has no typo and no prefix and the words come from the brand and product alone:
 * then at least every item of that brand and product matches, and that count says the page exists.
 */
export function searchViews(items: number, next: Random): () => CatalogueView {
  const parts = Array.from({ length: items }, (_, i) => benchNameParts(i))
  const stock = benchItems(items).map((item) => item.quantity > 0)
  // How many items (and in-stock items) have each brand, product, and brand + product.
  const counts = new Map<string, [all: number, inStock: number]>()
  parts.forEach(({ brand, product }, i) => {
    for (const key of [`b:${brand}`, `p:${product}`, `b:${brand}|p:${product}`]) {
      const count = counts.get(key) ?? [0, 0]
      count[0]++
      if (stock[i]) count[1]++
      counts.set(key, count)
    }
  })
  return () => {
    for (;;) {
      const i = below(next, items)
      const { brand, product } = parts[i]!
      const brandWords = brand.toLowerCase().split(' ')
      const productWords = product.toLowerCase().split(' ')
      const words = parts[i]!.name.toLowerCase().split(' ')
      const wanted = [1, 1, 2, 2, 2, 3, 3, 4][below(next, 8)]!
      const picked = shuffled(
        words.map((_, at) => at),
        next,
      )
        .slice(0, wanted)
        .sort((a, b) => a - b)
        .map((at) => words[at]!)
      // At least one real word of the brand or the product, not only "100 g".
      if (!picked.some((word) => WORDS.test(word) && (brandWords.includes(word) || productWords.includes(word)))) continue
      const ordered = next() < 0.3 ? shuffled(picked, next) : picked
      let clean = true
      const shaped = ordered.map((word) => {
        if (!WORDS.test(word)) return word
        const roll = next()
        if (word.length >= 5 && roll < 0.3) {
          clean = false
          return typo(word, next)
        }
        if (word.length >= 4 && roll < 0.45) {
          clean = false
          return word.slice(0, 3 + below(next, word.length - 3)) // a prefix, as typed so far
        }
        if (roll < 0.6) return word.endsWith('s') ? word.slice(0, -1) : `${word}s` // the other number
        return word
      })
      // In stock only, sometimes, when the item is (else its own search could rightly find nothing).
      const view: CatalogueView = { ...DEFAULT_VIEW, q: shaped.join(' '), sort: 'relevance', inStock: stock[i]! && next() < 0.25 }
      const fromBrand = picked.some((word) => brandWords.includes(word))
      const fromProduct = picked.some((word) => productWords.includes(word))
      const onlyNameParts = picked.every((word) => brandWords.includes(word) || productWords.includes(word))
      if (clean && onlyNameParts && next() < 0.3) {
        const key = [fromBrand && `b:${brand}`, fromProduct && `p:${product}`].filter(Boolean).join('|')
        const matching = counts.get(key)![view.inStock ? 1 : 0]
        view.page = Math.min(1 + below(next, 3), Math.ceil(matching / ITEMS_PER_PAGE))
      }
      return view
    }
  }
}

type Workload = [name: string, base: string, paths: PathSource, headers: Record<string, string>]

/** The cold search workloads: the shop's results page, and the CMS's REST search the shop calls. */
export function searchWorkloads(items: number, shopUrl: string, cmsUrl: string, browser: Record<string, string>): Workload[] {
  const shop = searchViews(items, random(2026))
  const rest = searchViews(items, random(2027))
  return [
    ['cold: shop search, random words with typos, never the same', shopUrl, neverTwice(() => `/${catalogueSearch(shop())}`), browser],
    [
      'cold: CMS REST search, as the shop asks it',
      cmsUrl,
      neverTwice(() => `/api/items/search?${stringify(catalogueSearchQuery(rest()))}`),
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
