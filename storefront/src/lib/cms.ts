/**
 * The storefront's only door to the CMS: Payload's REST API, typed from Payload's generated types.
 * Every call has a timeout and goes through the cache (lib/cache.ts). A CMS that is down, slow or
 * failing, with no earlier answer to fall back on, becomes a CmsUnavailableError, which the
 * middleware turns into the friendly 503 page.
 */
import type { PaginatedDocs } from 'payload'
import { stringify } from 'qs-esm'
import { type Dispatcher, request } from 'undici'
import type { Category, Item } from '../../../cms/payload-types'
import { PREVIEW_DRAFT_PATH, previewFetchToken, verifyPreview } from '../../../shared/preview.ts'
import { currentRequestId, REQUEST_ID_HEADER } from '../../../shared/requestContext.ts'
import { shopConfig } from '../config'
import { cached } from './cache'
import { type CatalogueView, DEFAULT_VIEW } from './catalogue'
import { type ItemImage, itemImage } from './image'
import type { AisleId, RestQuery } from './queries'
import {
  aislesQuery,
  catalogueCountQuery,
  catalogueQuery,
  catalogueSearchQuery,
  ITEMS_PER_PAGE,
  itemBySlugQuery,
  sitemapQuery,
} from './queries'
import { richTextToHtml } from './richText'
import { type ItemSeo, itemSeo } from './seo'

export type { Item }

export class CmsUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'CmsUnavailableError'
  }
}

const cmsBase = shopConfig.cmsUrl
/** Photos are loaded by shoppers' browsers, which may not reach CMS_URL (http://cms:3000 in docker). */
const photoBase = shopConfig.cmsPublicUrl

/**
 * GET /api/<path>?<search> from the CMS (`search`: a REST query, qs-encoded). By undici's own
 * `request` rather than `fetch` (the same client underneath, without the WHATWG Request, Response
 * and stream objects): every cold page makes this call, and in the profile of cold pages fetch's
 * machinery took about a tenth of the shop's time.
 */
async function getItems<T>(path: string, search: string): Promise<T> {
  const url = `${cmsBase}/api/${path}?${search}`
  let response: Dispatcher.ResponseData
  try {
    response = await request(url, {
      // The CMS is next door: gzipping every answer there and unzipping it here costs both
      // servers CPU on every cold page, to save bytes on a local network.
      headers: { accept: 'application/json', 'accept-encoding': 'identity', ...requestIdHeader() },
      signal: AbortSignal.timeout(shopConfig.CMS_TIMEOUT_MS),
    })
  } catch (error) {
    throw new CmsUnavailableError(`CMS did not answer ${url}`, { cause: error })
  }
  if (response.statusCode < 200 || response.statusCode > 299) {
    await response.body.dump()
    throw new CmsUnavailableError(`CMS answered ${response.statusCode} for ${url}`)
  }
  return (await response.body.json()) as T
}

/** The shopper's request id, so the CMS's log lines for this call can be found from the shop's. */
function requestIdHeader(): Record<string, string> {
  const requestId = currentRequestId()
  return requestId ? { [REQUEST_ID_HEADER]: requestId } : {}
}

/** Whether the CMS answers its health check (it can reach its database), for /readyz. */
export async function cmsIsHealthy(): Promise<boolean> {
  try {
    const response = await fetch(`${shopConfig.cmsUrl}/api/health`, {
      headers: requestIdHeader(),
      signal: AbortSignal.timeout(shopConfig.CMS_TIMEOUT_MS),
    })
    await response.body?.cancel()
    return response.ok
  } catch {
    return false
  }
}

/** A cached answer; what is cached is already shaped for the page, so a hit does no work. */
async function cachedQuery<T>(query: RestQuery, shape: (docs: PaginatedDocs<Item>) => T): Promise<T> {
  return cachedRequest('items', query, (answer: PaginatedDocs<Item>) => shape(answer))
}

async function cachedRequest<A, T>(path: string, query: Partial<RestQuery>, shape: (answer: A) => T): Promise<T> {
  // Encoded once: the cache key and the URL alike.
  const search = stringify(query)
  return cachedLoad(`${path}?${search}`, async () => shape(await getItems<A>(path, search)))
}

/** `cached`, with any failure to get an answer (and no earlier one to serve) as CmsUnavailableError. */
async function cachedLoad<T>(key: string, load: () => Promise<T>): Promise<T> {
  try {
    return await cached(key, load)
  } catch (error) {
    if (error instanceof CmsUnavailableError) throw error
    throw new CmsUnavailableError(`CMS query failed: ${key}`, { cause: error })
  }
}

/**
 * How many items the view holds: one count per search-and-filter, shared by every page and sort
 * of it, cached and purged like any answer (a crawler walking 400 pages costs one count, not 400).
 */
const countItems = (view: CatalogueView, aisle?: AisleId): Promise<number> =>
  cachedRequest('items/count', catalogueCountQuery(view, aisle), (answer: { totalDocs: number }) => answer.totalDocs)

const CARD_SUMMARY_LENGTH = 110

/** The CMS's summary cut to `maxLength`, with "…". */
const shorter = (text: string, maxLength: number): string => (text.length > maxLength ? `${text.slice(0, maxLength - 1).trimEnd()}…` : text)

/** What an item card shows. */
export type ItemCard = Pick<Item, 'id' | 'name' | 'slug' | 'price' | 'quantity'> & {
  summary: string
  image: ItemImage | null
}

export type CataloguePage = {
  items: ItemCard[]
  totalItems: number
  totalPages: number
  page: number
  /** "Did you mean": when a search matches nothing, the closest items. */
  suggestions: Array<{ name: string; slug: string }>
}

/** A page of the catalogue, or of one aisle's items (`aisle`: its id). */
export async function listItems(view: CatalogueView, aisle?: AisleId): Promise<CataloguePage> {
  if (view.q) return searchItems(view, aisle)
  const [items, totalItems] = await Promise.all([catalogueCards(view, aisle), countItems(view, aisle)])
  return { items, totalItems, totalPages: Math.ceil(totalItems / ITEMS_PER_PAGE), page: view.page, suggestions: [] }
}

const card = (item: Item): ItemCard => ({
  id: item.id,
  name: item.name,
  slug: item.slug,
  price: item.price,
  quantity: item.quantity,
  summary: shorter(item.summary ?? '', CARD_SUMMARY_LENGTH),
  image: itemImage(item, photoBase),
})

const catalogueCards = (view: CatalogueView, aisle?: AisleId): Promise<ItemCard[]> =>
  cachedQuery(catalogueQuery(view, aisle), (result) => result.docs.map(card))

/** A search: the CMS's ranked, typo-forgiving search answers the page, its count and suggestions. */
const searchItems = (view: CatalogueView, aisle?: AisleId): Promise<CataloguePage> =>
  cachedRequest(
    'items/search',
    catalogueSearchQuery(view, aisle),
    (answer: PaginatedDocs<Item> & { suggestions?: CataloguePage['suggestions'] }) => ({
      items: answer.docs.map(card),
      totalItems: answer.totalDocs,
      totalPages: answer.totalPages,
      page: view.page,
      suggestions: answer.suggestions ?? [],
    }),
  )

/** An aisle of the shop (a document of the CMS's categories collection). */
export type Aisle = Pick<Category, 'id' | 'name' | 'slug'> & { description: string }

/** Every aisle, in the shop's order: one small cached answer for the menu, home page and aisle pages. */
export const listAisles = (): Promise<Aisle[]> =>
  cachedRequest('categories', aislesQuery(), ({ docs }: PaginatedDocs<Category>) =>
    docs.map(({ id, name, slug, description }) => ({ id, name, slug, description: description ?? '' })),
  )

/** The aisle with this slug, or null when there is none. */
export const findAisle = async (slug: string): Promise<Aisle | null> => (await listAisles()).find((aisle) => aisle.slug === slug) ?? null

/** What the item page shows. */
export type ItemDetails = ItemCard & {
  descriptionHtml: string
  updatedAt: string
  aisles: Pick<Aisle, 'name' | 'slug'>[]
  seo: ItemSeo
}

/** What the item page renders of an item, published or (in a preview) draft alike. */
const itemDetails = (item: Item): ItemDetails => ({
  id: item.id,
  name: item.name,
  slug: item.slug,
  price: item.price,
  quantity: item.quantity,
  summary: shorter(item.summary ?? '', 155),
  image: itemImage(item, photoBase),
  descriptionHtml: richTextToHtml(item.description),
  updatedAt: item.updatedAt,
  // An aisle deleted since may still be named by id (MongoDB), and a preview's draft may name its
  // aisles by id only: only populated aisles are linked.
  aisles: (item.categories ?? []).flatMap((aisle) => (typeof aisle === 'object' && aisle ? [{ name: aisle.name, slug: aisle.slug }] : [])),
  seo: itemSeo(item, { summary: shorter(item.summary ?? '', 155), image: itemImage(item, photoBase) }, photoBase),
})

/**
 * The published item with this slug, or null when there is none. One CMS request per item page
 * that misses the cache, by its slug alone: SQLite answers `slug = ?` from the unique slug index
 * at any catalogue size. (Coalescing several pages' slugs into one `slug in (…)` request was
 * tried: without table statistics SQLite then prefers walking a `_status` index over the whole
 * catalogue, 1 s a batch at 100 000 items.)
 */
export const findItemBySlug = (slug: string): Promise<ItemDetails | null> =>
  cachedQuery(itemBySlugQuery(slug), ({ docs: [item] }) => (item ? itemDetails(item) : null))

/**
 * The current draft of the item a signed preview link names (shared/preview.ts), or null when the
 * link is not valid, has expired, or its item is gone. Never cached: each preview reads the draft
 * as it is now. The CMS checks the link again, and the shop's own credential, which only the
 * servers hold.
 */
export async function findDraftItem(token: string): Promise<ItemDetails | null> {
  const secret = shopConfig.REVALIDATE_SECRET
  if (!verifyPreview(secret, token) || !secret) return null
  const url = `${cmsBase}${PREVIEW_DRAFT_PATH}?${new URLSearchParams({ token })}`
  let response: Response
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json', authorization: `Bearer ${previewFetchToken(secret)}`, ...requestIdHeader() },
      signal: AbortSignal.timeout(shopConfig.CMS_TIMEOUT_MS),
    })
  } catch (error) {
    throw new CmsUnavailableError(`CMS did not answer ${PREVIEW_DRAFT_PATH}`, { cause: error })
  }
  if (response.status === 401 || response.status === 403 || response.status === 404) {
    await response.body?.cancel()
    return null
  }
  if (!response.ok) throw new CmsUnavailableError(`CMS answered ${response.status} for ${PREVIEW_DRAFT_PATH}`)
  return itemDetails((await response.json()) as Item)
}

/** Published items' slugs and last changes, part `part` of the sitemap's (lib/sitemap.ts). */
export const listSitemapEntries = (part = 1): Promise<Array<{ slug: string; updatedAt: string }>> =>
  cachedQuery(sitemapQuery(part), ({ docs }) => docs.map(({ slug, updatedAt }) => ({ slug, updatedAt })))

/** How many items are published (what the catalogue's first page counts too: one cached count). */
export const countPublishedItems = (): Promise<number> => countItems(DEFAULT_VIEW)
