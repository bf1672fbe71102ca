/**
 * The storefront's only door to the CMS: Payload's REST API, typed from Payload's generated types.
 * Every call has a timeout; a CMS that is down, slow or failing becomes a CmsUnavailableError,
 * which the middleware turns into the friendly 503 page.
 */
import type { PaginatedDocs } from 'payload'

import { CMS_TIMEOUT_MS, CMS_URL } from 'astro:env/server'
import { stringify } from 'qs-esm'

import type { Item } from '../../../cms/payload-types'
import { currentRequestId, REQUEST_ID_HEADER } from '../../../shared/requestContext.ts'
import type { RestQuery } from './queries'

import { catalogueFields, catalogueQuery, itemBySlugQuery } from './queries'

export type { Item }
export type ItemSummary = Pick<Item, 'id' | keyof typeof catalogueFields>

export class CmsUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'CmsUnavailableError'
  }
}

async function getItems<T>(query: RestQuery): Promise<PaginatedDocs<T>> {
  const url = `${CMS_URL.replace(/\/$/, '')}/api/items?${stringify(query)}`
  let response: Response
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json', ...requestIdHeader() },
      signal: AbortSignal.timeout(CMS_TIMEOUT_MS),
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

export const listItems = (page: number): Promise<PaginatedDocs<ItemSummary>> =>
  getItems<ItemSummary>(catalogueQuery(page))

/** The item with this slug, or null when there is none. */
export async function findItemBySlug(slug: string): Promise<Item | null> {
  const { docs } = await getItems<Item>(itemBySlugQuery(slug))
  return docs[0] ?? null
}

/** Whether the CMS answers its health check (it can reach its database), for /readyz. */
export async function cmsIsHealthy(): Promise<boolean> {
  try {
    const response = await fetch(`${CMS_URL.replace(/\/$/, '')}/api/health`, {
      headers: requestIdHeader(),
      signal: AbortSignal.timeout(CMS_TIMEOUT_MS),
    })
    await response.body?.cancel()
    return response.ok
  } catch {
    return false
  }
}
