/**
 * The purge protocol between the two apps: after a change the shop shows is committed, the CMS
 * POSTs `{"collection": "<slug>"}` to the storefront's PURGE_PATH with
 * `Authorization: Bearer <REVALIDATE_SECRET>`, and the storefront drops its cached answers and
 * pages. Both sides build and read the message only through this module.
 */

export const PURGE_PATH = '/api/revalidate'

/** What the CMS may ask the shop to purge: only collections the shop shows. */
export const PURGE_TARGETS = ['items'] as const
export type PurgeTarget = (typeof PURGE_TARGETS)[number]

export const isPurgeTarget = (value: unknown): value is PurgeTarget => PURGE_TARGETS.includes(value as PurgeTarget)

/** The request the CMS sends (to `new URL(PURGE_PATH, STOREFRONT_URL)`). */
export const purgeRequest = (secret: string, collection: PurgeTarget): RequestInit => ({
  method: 'POST',
  headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
  body: JSON.stringify({ collection }),
})

/** The collection a purge message names, if it is one the shop shows. */
export function purgeTargetOf(body: unknown): PurgeTarget | undefined {
  const collection = typeof body === 'object' && body !== null && 'collection' in body ? body.collection : undefined
  return isPurgeTarget(collection) ? collection : undefined
}
