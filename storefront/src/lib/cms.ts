/**
 * The storefront's only door to the CMS: Payload's REST API, typed from Payload's generated types.
 * Every call has a timeout and goes through the cache (lib/cache.ts). A CMS that is down, slow or
 * failing, with no earlier answer to fall back on, becomes a CmsUnavailableError, which the
 * middleware turns into the friendly 503 page.
 */
import type { PaginatedDocs } from 'payload'

import { shopConfig } from '../config'
import { stringify } from 'qs-esm'

import type { Item } from '../../../cms/payload-types'
import type { CatalogueView } from './catalogue'
import { currentRequestId, REQUEST_ID_HEADER } from '../../../shared/requestContext.ts'
import type { RestQuery } from './queries'

import { cached } from './cache'
import { type ItemImage, itemImage } from './image'
import { catalogueQuery, itemBySlugQuery, sitemapQuery } from './queries'
import { richTextSummary, richTextToHtml } from './richText'

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

async function getItems<T>(query: RestQuery): Promise<PaginatedDocs<T>> {
  const url = `${cmsBase}/api/items?${stringify(query)}`
  let response: Response
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json', ...requestIdHeader() },
      signal: AbortSignal.timeout(shopConfig.CMS_TIMEOUT_MS),
    })
  } catch (error) {
    throw new CmsUnavailableError(`CMS did not answer ${url}`, { cause: error })
  }
  if (!response.ok) throw new CmsUnavailableError(`CMS answered ${response.status} for ${url}`)
  return (await response.json()) as PaginatedDocs<T>
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
  try {
    return await cached(stringify(query), async () => shape(await getItems<Item>(query)))
  } catch (error) {
    if (error instanceof CmsUnavailableError) throw error
    throw new CmsUnavailableError(`CMS query failed: ${stringify(query)}`, { cause: error })
  }
}

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
}

export const listItems = (view: CatalogueView): Promise<CataloguePage> =>
  cachedQuery(catalogueQuery(view), (result) => ({
    items: result.docs.map((item) => ({
      id: item.id,
      name: item.name,
      slug: item.slug,
      price: item.price,
      quantity: item.quantity,
      summary: richTextSummary(item.description),
      image: itemImage(item, photoBase),
    })),
    totalItems: result.totalDocs,
    totalPages: result.totalPages,
    page: view.page,
  }))

/** What the item page shows. */
export type ItemDetails = ItemCard & { descriptionHtml: string; updatedAt: string }

/** The published item with this slug, or null when there is none. */
export const findItemBySlug = (slug: string): Promise<ItemDetails | null> =>
  cachedQuery(itemBySlugQuery(slug), ({ docs: [item] }) =>
    item
      ? {
          id: item.id,
          name: item.name,
          slug: item.slug,
          price: item.price,
          quantity: item.quantity,
          summary: richTextSummary(item.description, 155),
          image: itemImage(item, photoBase),
          descriptionHtml: richTextToHtml(item.description),
          updatedAt: item.updatedAt,
        }
      : null,
  )

/** Every published item's slug and last change, for /sitemap.xml. */
export const listSitemapEntries = (): Promise<Array<{ slug: string; updatedAt: string }>> =>
  cachedQuery(sitemapQuery(), ({ docs }) => docs.map(({ slug, updatedAt }) => ({ slug, updatedAt })))
