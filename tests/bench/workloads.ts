/**
 * Where the bench's URLs come from (tests/bench/run.ts): a hot workload asks for one URL again
 * and again; a cold one must never ask for the same URL twice, or it measures the shop's caches,
 * not a cold page. A source hands out one path per request and counts the repeats, so the table
 * can say how many of a workload's requests were distinct and warn when a cold one repeated.
 *
 * Catalogue and aisle pages are drawn as shoppers and crawlers reach them: any page of any sort, often
 * narrowed to what is in stock (crawlers follow every link), or to a price range typed as shoppers
 * type prices (whole dollars, sometimes fifty cents), bounds that change the result, and then one
 * of its first three pages; never past the last page. Pure: no
 * servers (tested in workloads.test.ts).
 */
import { aislePath, type CatalogueView, catalogueSearch, DEFAULT_VIEW, type SortKey, sortsFor } from '../../storefront/src/lib/catalogue.ts'
import { ITEMS_PER_PAGE } from '../../storefront/src/lib/queries.ts'
import { below, pick, type Random } from './random.ts'

/** Paths for one workload, one a request. */
export type PathSource = {
  next: () => string
  /** Paths handed out so far. */
  handedOut: number
  /** Of those, how many had been handed out before. */
  repeats: number
}

/** One path, every time: a hot workload. */
export function samePath(path: string): PathSource {
  const source: PathSource = {
    handedOut: 0,
    repeats: 0,
    next: () => {
      if (source.handedOut++ > 0) source.repeats++
      return path
    },
  }
  return source
}

/** A list of distinct paths in its order; when it runs out, again from the start (each a repeat). */
export function inOrder(paths: readonly string[]): PathSource {
  const source: PathSource = {
    handedOut: 0,
    repeats: 0,
    next: () => {
      const i = source.handedOut++
      if (i >= paths.length) source.repeats++
      return paths[i % paths.length]!
    },
  }
  return source
}

/**
 * Paths from `draw`, never the same twice: a path handed out before is drawn again, up to
 * `tries` times; after that the space is spent, and the repeat goes out, counted.
 */
export function neverTwice(draw: () => string, tries = 1000): PathSource {
  const seen = new Set<string>()
  const source: PathSource = {
    handedOut: 0,
    repeats: 0,
    next: () => {
      let path = draw()
      for (let i = 0; seen.has(path) && i < tries; i++) path = draw()
      source.handedOut++
      if (seen.has(path)) source.repeats++
      else seen.add(path)
      return path
    },
  }
  return source
}

/** How far into a price range they typed shoppers page: its first few pages. */
const SHOPPER_PAGES = 3

/** What the catalogue's filters read of an item. */
export type PricedItem = { price: number; quantity: number }

/** How many of `sorted` (ascending) are below `value`. */
function countBelow(sorted: readonly number[], value: number): number {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (sorted[middle]! < value) low = middle + 1
    else high = middle
  }
  return low
}

/**
 * A price as a shopper types it, in minor units: whole dollars from `from` to `to`, one time in
 * five with fifty cents.
 */
const typedPrice = (next: Random, from: number, to: number): number => (from + below(next, to - from + 1)) * 100 + (next() < 0.2 ? 50 : 0)

/**
 * Random catalogue views over `items` (what the CMS holds): a sort the catalogue offers, in stock
 * or not, a price range or not, and a page that exists for that filter. Each draw is one view; a
 * bound is only kept when it leaves some items out and some in.
 */
export function catalogueViews(items: readonly PricedItem[], next: Random): () => CatalogueView {
  if (items.length === 0) throw new Error('catalogueViews: no items to draw views of')
  const sorts = sortsFor('').map(([key]) => key)
  const all = items.map((item) => item.price).sort((a, b) => a - b)
  const inStock = items
    .filter((item) => item.quantity > 0)
    .map((item) => item.price)
    .sort((a, b) => a - b)
  const dollars = Math.max(2, Math.ceil((all.at(-1) ?? 100) / 100))
  return () => {
    for (;;) {
      const view: CatalogueView = { ...DEFAULT_VIEW, sort: pick(next, sorts) as SortKey, inStock: next() < 0.3 }
      const prices = view.inStock ? inStock : all
      const bounds = next()
      if (bounds >= 0.4 && bounds < 0.6) view.min = typedPrice(next, 1, dollars - 1)
      else if (bounds >= 0.6 && bounds < 0.8) view.max = typedPrice(next, 1, dollars - 1)
      else if (bounds >= 0.8) {
        const a = typedPrice(next, 1, dollars - 1)
        const b = typedPrice(next, 1, dollars - 1)
        if (a === b) continue
        view.min = Math.min(a, b)
        view.max = Math.max(a, b)
      }
      const from = view.min === undefined ? 0 : countBelow(prices, view.min)
      const to = view.max === undefined ? prices.length : countBelow(prices, view.max + 1)
      const matching = to - from
      // A bound that changes nothing, or leaves nothing, is not what a shopper keeps typing.
      if (matching === 0 || (view.min !== undefined && from === 0) || (view.max !== undefined && to === prices.length)) continue
      // Crawlers follow the pages' links (sorts, in stock, page numbers) to every page; a price
      // range is typed by a shopper, who looks at its first few pages, not at page 1 500.
      const pages = Math.ceil(matching / ITEMS_PER_PAGE)
      const typed = view.min !== undefined || view.max !== undefined
      view.page = 1 + below(next, typed ? Math.min(pages, SHOPPER_PAGES) : pages)
      return view
    }
  }
}

/** The catalogue page's path for a view. */
export const cataloguePath = (view: CatalogueView): string => `/${catalogueSearch(view)}`

/** Random aisle pages: a random aisle that holds items, then a random view of them (as catalogueViews). */
export function aislePaths(aisles: ReadonlyArray<{ slug: string; items: readonly PricedItem[] }>, next: Random): () => string {
  // (An aisle without items has but one page, the same whatever the view: not drawn.)
  const views = aisles.filter(({ items }) => items.length > 0).map(({ slug, items }) => ({ slug, draw: catalogueViews(items, next) }))
  return () => {
    const { slug, draw } = pick(next, views)
    return `${aislePath(slug)}${catalogueSearch(draw())}`
  }
}
