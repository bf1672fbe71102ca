/**
 * The catalogue view a shopper asks for in the URL (`?q=&sort=&inStock=1&min=&max=&page=`):
 * parsed with a schema, and written back into URLs, so a link always reproduces the view.
 * Pure (no Astro imports), so the integration tests exercise exactly this code.
 *
 * Links the shop makes itself (page, sort) fall back to a default when mangled; what a shopper
 * types (search words, prices) gets a message on the field instead, so nothing is silently lost.
 */
import { z } from 'zod'

import { toAmount, toMinorUnits } from '../../../shared/money.ts'

// Money conversions live in shared/money.ts (the admin uses them too); re-exported for the shop.
export { toAmount, toMinorUnits }

export const SORTS = {
  relevance: 'Best match',
  available: 'In stock first',
  name: 'Name, A to Z',
  'price-asc': 'Price, low to high',
  'price-desc': 'Price, high to low',
  newest: 'Newest first',
} as const
export type SortKey = keyof typeof SORTS
export const DEFAULT_SORT: SortKey = 'available'
/**
 * A search's default order: the best match first (the CMS's GET /api/items/search). Only a search
 * has a best match, so without search words "Best match" means the catalogue's default.
 */
export const SEARCH_SORT: SortKey = 'relevance'
export const defaultSortFor = (q: string): SortKey => (q ? SEARCH_SORT : DEFAULT_SORT)
/** The sort a view really uses. */
export const sortOf = (view: Pick<CatalogueView, 'q' | 'sort'>): SortKey =>
  view.sort === SEARCH_SORT && !view.q ? DEFAULT_SORT : view.sort
/** The sorts to offer: "Best match" only for a search. */
export const sortsFor = (q: string): Array<[SortKey, string]> =>
  (Object.entries(SORTS) as Array<[SortKey, string]>).filter(([key]) => q || key !== SEARCH_SORT)

export const SEARCH_MAX_LENGTH = 100
/** 417 pages of 24 hold 10 000 items; far beyond that is a mangled link, not a shopper. */
export const PAGE_MAX = 10_000

export type CatalogueView = {
  /** Search words, trimmed; '' for none. */
  q: string
  sort: SortKey
  inStock: boolean
  /** Price range in minor units (cents), inclusive. */
  min?: number
  max?: number
  page: number
}

export const DEFAULT_VIEW: CatalogueView = { q: '', sort: DEFAULT_SORT, inStock: false, page: 1 }

export type FilterField = 'q' | 'min' | 'max'
export type ParsedCatalogue = {
  view: CatalogueView
  /** A message per field the shopper typed something unusable into; empty when all is well. */
  errors: Partial<Record<FilterField, string>>
  /** What the shopper typed, to refill the form when there are errors. */
  typed: Record<FilterField, string>
}

const page = z.coerce.number().int().min(1).max(PAGE_MAX).catch(1)
const sort = z
  .enum(Object.keys(SORTS) as [SortKey, ...SortKey[]])
  .optional()
  .catch(undefined)
const inStock = z
  .string()
  .transform((value) => ['1', 'true', 'on'].includes(value))
  .catch(false)

// Letters, digits, punctuation and spaces; control characters are noise from a pasted link.
const search = z
  .string()
  .transform((value) =>
    value
      .replace(/\p{C}+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  )
  .pipe(z.string().max(SEARCH_MAX_LENGTH, `Search for at most ${SEARCH_MAX_LENGTH} characters.`))

// Built once per field and currency: every page request parses its URL (the page cache's key, then
// the page), and building a zod schema costs more than running it.
const priceSchemas = new Map<string, ReturnType<typeof buildPriceSchema>>()
function priceSchema(label: string, fractionDigits: number) {
  const key = `${label}|${fractionDigits}`
  let schema = priceSchemas.get(key)
  if (!schema) priceSchemas.set(key, (schema = buildPriceSchema(label, fractionDigits)))
  return schema
}

function buildPriceSchema(label: string, fractionDigits: number) {
  const example = fractionDigits > 0 ? `12.${'5'.padEnd(fractionDigits, '0')}` : '12'
  const pattern = fractionDigits > 0 ? new RegExp(`^\\d{1,7}(\\.\\d{0,${fractionDigits}})?$|^\\.\\d{1,${fractionDigits}}$`) : /^\d{1,7}$/
  return z
    .string()
    .transform((value) => value.trim().replace(/^[A-Z]{0,3}\$\s?/i, '')) // a leading "$" or "S$"
    .pipe(z.string().regex(pattern, `${label} must be an amount like ${example}.`))
    .transform((value) => toMinorUnits(value, fractionDigits))
}

const first = (params: URLSearchParams, name: string): string => params.get(name) ?? ''

export function parseCatalogue(params: URLSearchParams, { fractionDigits = 2 } = {}): ParsedCatalogue {
  const typed = { q: first(params, 'q'), min: first(params, 'min'), max: first(params, 'max') }
  const view: CatalogueView = {
    ...DEFAULT_VIEW,
    page: page.parse(params.get('page') ?? 1),
    inStock: inStock.parse(params.get('inStock') ?? ''),
  }
  const errors: ParsedCatalogue['errors'] = {}

  const q = search.safeParse(typed.q)
  if (q.success) view.q = q.data
  else errors.q = q.error.issues[0].message
  view.sort = sortOf({ q: view.q, sort: sort.parse(params.get('sort') ?? undefined) ?? defaultSortFor(view.q) })

  for (const [field, label] of [
    ['min', 'Lowest price'],
    ['max', 'Highest price'],
  ] as const) {
    if (typed[field].trim() === '') continue
    const price = priceSchema(label, fractionDigits).safeParse(typed[field])
    if (price.success) view[field] = price.data
    else errors[field] = price.error.issues[0].message
  }
  if (view.min !== undefined && view.max !== undefined && view.min > view.max) {
    errors.max = 'Highest price must not be below the lowest price.'
    delete view.max
  }
  return { view, errors, typed }
}

/** Whether the shopper narrowed the catalogue (a search or a filter); sorting and paging don't count. */
export const isFiltered = (view: CatalogueView): boolean =>
  view.q !== '' || view.inStock || view.min !== undefined || view.max !== undefined

/** The query string of a view, defaults left out, in a fixed order: one view, one URL. */
export function catalogueSearch(view: CatalogueView, { fractionDigits = 2 } = {}): string {
  const params = new URLSearchParams()
  if (view.q) params.set('q', view.q)
  if (sortOf(view) !== defaultSortFor(view.q)) params.set('sort', sortOf(view))
  if (view.inStock) params.set('inStock', '1')
  if (view.min !== undefined) params.set('min', toAmount(view.min, fractionDigits))
  if (view.max !== undefined) params.set('max', toAmount(view.max, fractionDigits))
  if (view.page > 1) params.set('page', String(view.page))
  const search = params.toString()
  return search ? `?${search}` : ''
}

/** `path`: where the view is shown: the whole catalogue (`/`) or an aisle (`/aisles/<slug>`). */
export const catalogueHref = (view: CatalogueView, { path = '/', ...options }: { fractionDigits?: number; path?: string } = {}): string =>
  `${path}${catalogueSearch(view, options)}`

/** An aisle's address: `/aisles/<slug>`. */
export const aislePath = (slug: string): string => `/aisles/${encodeURIComponent(slug)}`

/** Aisle slugs as the CMS makes them (validateSlug): anything else in a URL is not an aisle. */
export const AISLE_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
