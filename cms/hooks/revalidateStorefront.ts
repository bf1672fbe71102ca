import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, PayloadRequest } from 'payload'

import { isPurgeTarget, PURGE_PATH, purgeRequest } from '../../shared/purge.ts'
import { cmsConfig } from '../config'
import { afterCommit } from '../database/afterCommit'

/** `context` for a Local API write that must not purge the shop by itself (the seed purges once). */
export const WITHOUT_PURGE = { withoutStorefrontPurge: true } as const

/**
 * Tells the storefront to refetch its cached catalogue (the purge protocol of shared/purge.ts), so an edit is on the shop at once rather than when the cache
 * expires. Sent once the change is committed (a bulk edit purges once), and awaited, so the save's
 * response means "the shop has been told"; a storefront that is down or refuses is logged and
 * never fails the save (its cache expires on its own).
 */
export async function purgeStorefront({ payload }: Pick<PayloadRequest, 'payload'>, collection: string): Promise<void> {
  const { REVALIDATE_SECRET, STOREFRONT_URL } = cmsConfig
  if (!REVALIDATE_SECRET || !isPurgeTarget(collection)) return
  const url = new URL(PURGE_PATH, STOREFRONT_URL)
  try {
    const response = await fetch(url, { ...purgeRequest(REVALIDATE_SECRET, collection), signal: AbortSignal.timeout(2000) })
    if (!response.ok) payload.logger.warn(`Storefront purge refused: ${url} answered ${response.status}.`)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    payload.logger.warn(`Storefront purge failed (${url}: ${reason}); the shop catches up when its cache expires.`)
  }
}

const purgeAfterCommit = async (req: PayloadRequest, collection: string): Promise<void> => {
  if (req.context?.withoutStorefrontPurge) return
  await afterCommit(req, collection, `purge storefront: ${collection}`, () => purgeStorefront(req, collection))
}

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

/**
 * For collections without drafts that the shop shows (aisles): every create, edit and delete is
 * on the shop at once, so each one purges.
 */
export const revalidateStorefrontOnEveryChange: CollectionAfterChangeHook = async ({ collection, doc, req }) => {
  await purgeAfterCommit(req, collection.slug)
  return doc
}

export const revalidateStorefrontOnEveryDelete: CollectionAfterDeleteHook = async ({ collection, doc, req }) => {
  await purgeAfterCommit(req, collection.slug)
  return doc
}
