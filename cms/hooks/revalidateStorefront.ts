import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, PayloadRequest } from 'payload'

import { readCmsEnv } from '../env'
import { afterCommit } from './afterCommit'

/**
 * Tells the storefront to refetch its cached catalogue (POST {STOREFRONT_URL}/api/revalidate with
 * the shared REVALIDATE_SECRET), so an edit is on the shop at once rather than when the cache
 * expires. Sent once the change is committed (a bulk edit purges once), and awaited, so the save's
 * response means "the shop has been told"; a storefront that is down or refuses is logged and
 * never fails the save (its cache expires on its own).
 */
async function purgeStorefront(req: PayloadRequest, collection: string): Promise<void> {
  const { REVALIDATE_SECRET, STOREFRONT_URL } = readCmsEnv()
  if (!REVALIDATE_SECRET) return
  const url = new URL('/api/revalidate', STOREFRONT_URL)
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${REVALIDATE_SECRET}`, 'content-type': 'application/json' },
      body: JSON.stringify({ collection }),
      signal: AbortSignal.timeout(2000),
    })
    if (!response.ok) req.payload.logger.warn(`Storefront purge refused: ${url} answered ${response.status}.`)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    req.payload.logger.warn(`Storefront purge failed (${url}: ${reason}); the shop catches up when its cache expires.`)
  }
}

const purgeAfterCommit = (req: PayloadRequest, collection: string): Promise<void> =>
  afterCommit(req, collection, `purge storefront: ${collection}`, () => purgeStorefront(req, collection))

type Versioned = { _status?: 'draft' | 'published' | null } | undefined

/** Drafts are invisible on the shop, so saving one changes nothing there. */
const shownOnShop = (doc: Versioned): boolean => doc?._status === 'published'

/** For collections with drafts: create, edit, publish and unpublish of what shoppers see. */
export const revalidateStorefrontAfterChange: CollectionAfterChangeHook = async ({ collection, doc, previousDoc, req }) => {
  if (shownOnShop(doc) || shownOnShop(previousDoc)) await purgeAfterCommit(req, collection.slug)
  return doc
}

export const revalidateStorefrontAfterDelete: CollectionAfterDeleteHook = async ({ collection, doc, req }) => {
  if (shownOnShop(doc)) await purgeAfterCommit(req, collection.slug)
  return doc
}
