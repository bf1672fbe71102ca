/**
 * The storefront's only door to the CMS: Payload's REST API, typed from Payload's generated types.
 * Every call has a timeout and goes through the cache (lib/cache.ts). A CMS that is down, slow or
 * failing, with no earlier answer to fall back on, becomes a CmsUnavailableError, which the
 * middleware turns into the friendly 503 page.
 */
import DataLoader from 'dataloader'
import type { PaginatedDocs } from 'payload'
import { stringify } from 'qs-esm'
import { type Dispatcher, request } from 'undici'
import type { Category, Item } from '../../../cms/payload-types'
import { PREVIEW_DRAFT_PATH, previewFetchToken, verifyPreview } from '../../../shared/preview.ts'
import { currentRequestId, REQUEST_ID_HEADER } from '../../../shared/requestContext.ts'
import { shopConfig } from '../config'
import { cached } from './cache'
import type { CatalogueView } from './catalogue'
import { type ItemImage, itemImage } from './image'
import type { AisleId, RestQuery } from './queries'
import {
  aislesQuery,
  catalogueCountQuery,
  catalogueQuery,
  catalogueSearchQuery,
  ITEMS_PER_PAGE,
  itemsBySlugQuery,
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
 * Published items by slug, coalesced (dataloader): the item pages that miss the cache in the same
 * turn of the event loop (a crawler, or many shoppers at once, each on a different item) become one
 * CMS request for all their slugs (itemsBySlugQuery) instead of one each, so the CMS's fixed cost
 * per request, and the shop's per fetch, are paid once per batch. Not a cache (`cache: false`): each
 * slug's answer is cached, purged and kept as the stale-if-error fallback by `cached` (cache.ts),
 * exactly as before; a failed batch fails each of its pages the same way a failed lookup did. Only
 * for the anonymous public lookup: a preview's draft (findDraftItem) is never batched.
 */
/** One: measured under load, fewer and larger batches cost both servers less than two at once. */
const BATCHES_IN_FLIGHT = 1
let batchesInFlight = 0
/** Batches ready to go while the CMS answers another, oldest first. */
const batchesWaiting: Array<() => void> = []
const publishedItems = new DataLoader<string, Item | null>(
  async (slugs) => {
    batchesInFlight += 1
    try {
      const { docs } = await getItems<PaginatedDocs<Item>>('items', stringify(itemsBySlugQuery(slugs)))
      const bySlug = new Map(docs.map((item) => [item.slug, item]))
      return slugs.map((slug) => bySlug.get(slug) ?? null)
    } finally {
      batchesInFlight -= 1
      batchesWaiting.shift()?.()
    }
  },
  {
    cache: false,
    // Requests parsed in the same poll of the event loop reach their lookups before setImmediate
    // runs (dataloader's default, the next tick, would send each page on its own). Under load, a
    // batch also waits while BATCHES_IN_FLIGHT are at the CMS, gathering the pages that arrive
    // meanwhile: batches grow with the load instead of the number of requests (dataloader has no
    // such limit of its own). A CMS that hangs holds them for CMS_TIMEOUT_MS at most, then each
    // page is the 503 page (or its stale copy), as before.
    batchScheduleFn: (send) =>
      setImmediate(() => {
        if (batchesInFlight < BATCHES_IN_FLIGHT) send()
        else batchesWaiting.push(send)
      }),
    // A few dozen slugs keep the URL short (well within the CMS's header limits).
    maxBatchSize: 32,
  },
)

/** The published item with this slug, or null when there is none. */
export const findItemBySlug = (slug: string): Promise<ItemDetails | null> =>
  cachedLoad(`item:${slug}`, async () => {
    const item = await publishedItems.load(slug)
    return item ? itemDetails(item) : null
  })

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

/** Every published item's slug and last change, for /sitemap.xml. */
export const listSitemapEntries = (): Promise<Array<{ slug: string; updatedAt: string }>> =>
  cachedQuery(sitemapQuery(), ({ docs }) => docs.map(({ slug, updatedAt }) => ({ slug, updatedAt })))
