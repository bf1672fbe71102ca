/**
 * The Payload REST queries the storefront sends, as plain data (no Astro imports), so the
 * integration tests can run exactly these queries against a real CMS. Searching, filtering,
 * sorting and paging all happen in the CMS's query; each asks only for the fields it renders.
 */
import type { Where } from 'payload'
import { foldForSearch } from '../../../shared/search.ts'
import type { CatalogueView, SortKey } from './catalogue'

export const ITEMS_PER_PAGE = 24

/**
 * The item fields a catalogue card renders; nothing else is fetched. `summary` is the CMS's
 * plain-text start of the description: a card never needs the rich text itself.
 */
export const catalogueFields = {
  name: true,
  slug: true,
  price: true,
  quantity: true,
  summary: true,
  image: true,
} as const

/** The item fields the item page renders. */
export const itemFields = { ...catalogueFields, description: true, updatedAt: true, meta: true } as const

/** Of an item's image (an upload in the media collection), only what an <img> needs. */
const imageFields = { url: true, filename: true, alt: true, width: true, height: true, sizes: true } as const

export type RestQuery = {
  depth: number
  limit?: number
  page?: number
  pagination?: boolean
  populate?: Record<string, Record<string, true>>
  select?: Record<string, true>
  sort?: string
  where?: Where
}

/**
 * Payload sorts, one per index (cms/collections/Items/index.ts): the CMS ends each with
 * createdAt in the same direction as the tie-breaker (hooks/tieBreakSort.ts), so paging is
 * stable and each page is read straight from its index. Sold-out items last by default.
 */
export const SORT_ORDERS: Record<SortKey, string> = {
  available: 'soldOut,name',
  name: 'name',
  'price-asc': 'price',
  'price-desc': '-price',
  newest: '-createdAt',
}

/**
 * The shopper's words as a `like` on the item's folded name-and-description text (every word
 * must appear). `%` and `_` are LIKE wildcards in SQL that Payload passes through; they are not
 * letters anyone searches for, so they become spaces.
 */
export function searchWords(q: string): string {
  return foldForSearch(q.replace(/[%_\\]/g, ' '))
}

export function catalogueWhere(view: CatalogueView): Where | undefined {
  const conditions: Where[] = []
  const words = searchWords(view.q)
  if (words) conditions.push({ searchText: { like: words } })
  // soldOut (kept by the CMS from quantity) is in the default order's index; quantity is not.
  if (view.inStock) conditions.push({ soldOut: { equals: false } })
  if (view.min !== undefined) conditions.push({ price: { greater_than_equal: view.min } })
  if (view.max !== undefined) conditions.push({ price: { less_than_equal: view.max } })
  return conditions.length > 0 ? { and: conditions } : undefined
}

/**
 * One page of the catalogue, without Payload's total: counting every matching row on every page
 * would cost as much as the catalogue is long. The total comes from catalogueCountQuery, which
 * does not depend on the page or the sort, so the shop counts once per filter (and per purge).
 */
export const catalogueQuery = (view: CatalogueView): RestQuery => ({
  depth: 1,
  limit: ITEMS_PER_PAGE,
  page: view.page,
  pagination: false,
  sort: SORT_ORDERS[view.sort],
  select: catalogueFields,
  populate: { media: imageFields },
  where: catalogueWhere(view),
})

/** How many items match the view's search and filters (GET /api/items/count), for the pages. */
export const catalogueCountQuery = (view: CatalogueView): Pick<RestQuery, 'where'> => ({ where: catalogueWhere(view) })

export const itemBySlugQuery = (slug: string): RestQuery => ({
  depth: 1,
  limit: 1,
  pagination: false,
  select: itemFields,
  populate: { media: imageFields },
  where: { slug: { equals: slug } },
})

/** Every published item's address for /sitemap.xml, in one request (Payload's pagination off). */
export const sitemapQuery = (): RestQuery => ({
  depth: 0,
  pagination: false,
  sort: 'name',
  select: { slug: true, updatedAt: true },
})
