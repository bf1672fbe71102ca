/**
 * How the storefront learns that the catalogue changed, in two ways that both end in dropping its
 * cached answers and pages:
 * - push: after a change the shop shows is committed, the CMS POSTs `{"collection": "<slug>"}` to
 *   the storefront's PURGE_PATH with `Authorization: Bearer <REVALIDATE_SECRET>` (instant, but it
 *   reaches the one address in STOREFRONT_URL);
 * - poll: every storefront replica asks GET CATALOGUE_VERSION_PATH every CATALOGUE_POLL_MS and
 *   purges when the answer differs (no wiring: replicas behind a load balancer come and go).
 * Both sides build and read these only through this module.
 */

export const PURGE_PATH = '/api/revalidate'

/** On the CMS: `{"version": "…"}`, a fingerprint that changes with anything shoppers can see. */
export const CATALOGUE_VERSION_PATH = '/api/catalogue-version'

/** The catalogue version from the CMS's answer, if the answer is one. */
export function catalogueVersionOf(body: unknown): string | undefined {
  const version = typeof body === 'object' && body !== null && 'version' in body ? body.version : undefined
  return typeof version === 'string' ? version : undefined
}

/** What the CMS may ask the shop to purge: only collections the shop shows. */
export const PURGE_TARGETS = ['items', 'categories'] as const
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
