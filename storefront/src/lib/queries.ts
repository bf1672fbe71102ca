/**
 * The Payload REST queries the storefront sends, as plain data (no Astro imports), so the
 * integration tests can run exactly these queries against a real CMS. Searching, filtering,
 * sorting and paging all happen in the CMS's query; each asks only for the fields it renders.
 */
import type { Where } from 'payload'
import { type CatalogueView, type SortKey, sortOf } from './catalogue.ts'
import { SITEMAP_URLS_MAX } from './sitemap.ts'

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

/** The item fields the item page renders (its aisles too, for the links back to them). */
export const itemFields = { ...catalogueFields, description: true, updatedAt: true, categories: true, meta: true } as const

/** Of an aisle (the categories collection), what the menu, the aisle page and its links show. */
export const aisleFields = { name: true, slug: true, description: true, position: true } as const

/** An aisle's id, as the CMS gives it (a number on SQLite, an ObjectId string on MongoDB). */
export type AisleId = number | string

/** Of an item's image (an upload in the media collection), only what an <img> needs. */
const imageFields = { url: true, filename: true, alt: true, width: true, height: true, sizes: true } as const

export type RestQuery = {
  q?: string
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
  // Without search words there is no best match: the catalogue's default (see sortOf).
  relevance: 'soldOut,name',
  available: 'soldOut,name',
  name: 'name',
  'price-asc': 'price',
  'price-desc': '-price',
  newest: '-createdAt',
}

/**
 * The shop's filters (in stock, price range) as a Payload `where`; a search's words are apart.
 * `aisle`: only the items in that aisle (an aisle page, /aisles/<slug>); SQLite answers it from
 * the CMS's aisle index (items_aisle_order), MongoDB from the aisle indexes on items.
 */
export function filterWhere(view: CatalogueView, aisle?: AisleId): Where | undefined {
  const conditions: Where[] = []
  if (aisle !== undefined) conditions.push({ categories: { in: [aisle] } })
  // soldOut (kept by the CMS from quantity) is in the default order's index; quantity is not.
  if (view.inStock) conditions.push({ soldOut: { equals: false } })
  if (view.min !== undefined) conditions.push({ price: { greater_than_equal: view.min } })
  if (view.max !== undefined) conditions.push({ price: { less_than_equal: view.max } })
  return conditions.length > 0 ? { and: conditions } : undefined
}

/** The catalogue without search words: its filters. (A search goes to catalogueSearchQuery.) */
export const catalogueWhere = (view: CatalogueView, aisle?: AisleId): Where | undefined => filterWhere(view, aisle)

/**
 * A search (the view has words): GET /api/items/search, which forgives typos and ranks the best
 * match first (sort "relevance", the default when searching), narrowed by the filters, or in
 * another order the shopper chose; one request gives the page and the count.
 */
export const catalogueSearchQuery = (view: CatalogueView, aisle?: AisleId): RestQuery => ({
  q: view.q,
  depth: 1,
  limit: ITEMS_PER_PAGE,
  page: view.page,
  ...(sortOf(view) === 'relevance' ? {} : { sort: SORT_ORDERS[sortOf(view)] }),
  select: catalogueFields,
  populate: { media: imageFields },
  where: filterWhere(view, aisle),
})

/**
 * One page of the catalogue, without Payload's total: counting every matching row on every page
 * would cost as much as the catalogue is long. The total comes from catalogueCountQuery, which
 * does not depend on the page or the sort, so the shop counts once per filter (and per purge).
 */
export const catalogueQuery = (view: CatalogueView, aisle?: AisleId): RestQuery => ({
  depth: 1,
  limit: ITEMS_PER_PAGE,
  page: view.page,
  pagination: false,
  sort: SORT_ORDERS[sortOf(view)],
  select: catalogueFields,
  populate: { media: imageFields },
  where: catalogueWhere(view, aisle),
})

/** How many items match the view's search and filters (GET /api/items/count), for the pages. */
export const catalogueCountQuery = (view: CatalogueView, aisle?: AisleId): Pick<RestQuery, 'where'> => ({
  where: catalogueWhere(view, aisle),
})

export const itemBySlugQuery = (slug: string): RestQuery => ({
  depth: 1,
  limit: 1,
  pagination: false,
  select: itemFields,
  populate: { media: imageFields, categories: { name: true, slug: true } },
  where: { slug: { equals: slug } },
})

/** Every aisle, in the shop's order (position, then name), for the header menu and the home page. */
export const aislesQuery = (): RestQuery => ({
  depth: 0,
  pagination: false,
  sort: 'position,name',
  select: aisleFields,
})

/**
 * Published items' addresses for the sitemap: part `part` of those in name order, `perPart` a
 * part (lib/sitemap.ts: a sitemap file holds at most 50 000), one request a part, without
 * Payload's count (the sitemap counts once, with catalogueCountQuery).
 */
export const sitemapQuery = (part = 1, perPart: number = SITEMAP_URLS_MAX): RestQuery => ({
  depth: 0,
  limit: perPart,
  page: part,
  pagination: false,
  sort: 'name',
  select: { slug: true, updatedAt: true },
})
