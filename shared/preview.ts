/**
 * Signed preview links: how a member of staff sees an item's current draft on the shop's real item
 * page before it goes on sale. Both apps build and read them only through this module.
 *
 * 1. Staff click "Preview on the shop" in the admin: GET PREVIEW_LINK_PATH on the CMS (their login
 *    cookie) signs a link and redirects the browser to `/items/<slug>?preview=<token>` on the shop.
 * 2. The token is `<item id>.<expiry, unix seconds>.<HMAC-SHA256 of both>`: not guessable, bound to
 *    one item, useless after PREVIEW_LINK_SECONDS.
 * 3. The shop checks the token, then fetches the draft from the CMS (PREVIEW_DRAFT_PATH) with a
 *    bearer credential only the two servers hold (never in the page or the link); the CMS checks
 *    both the credential and the token before it answers.
 *
 * Both keys are derived from the secret the two apps already share (REVALIDATE_SECRET), each for
 * one purpose (HMAC with a label), so a preview link reveals nothing that signs purges or fetches
 * drafts, and a deployment needs no further secret.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

/** How long a signed preview link works. */
export const PREVIEW_LINK_SECONDS = 10 * 60

/** The query parameter of the shop's item page that carries the token. */
export const PREVIEW_PARAM = 'preview'

/** On the CMS, for signed-in staff: signs a link for item `:id` and redirects to the shop. */
export const previewLinkPath = (id: number | string): string => `/api/items/${encodeURIComponent(String(id))}/preview`

/** On the CMS, for the shop only: the draft a token names (`?token=`), with the bearer credential. */
export const PREVIEW_DRAFT_PATH = '/api/items/preview-draft'

const derivedKey = (secret: string, purpose: string): Buffer => createHmac('sha256', secret).update(`minimart ${purpose}`).digest()

const signature = (secret: string, id: string, expires: number): string =>
  createHmac('sha256', derivedKey(secret, 'preview link v1')).update(`${id}.${expires}`).digest('base64url')

/** The credential the shop sends (Authorization: Bearer …) when it fetches a draft. */
export const previewFetchToken = (secret: string): string => derivedKey(secret, 'preview draft fetch v1').toString('base64url')

/** A token for item `id`, valid until `now + PREVIEW_LINK_SECONDS`. */
export function signPreview(secret: string, id: number | string, now = Date.now()): string {
  const expires = Math.floor(now / 1000) + PREVIEW_LINK_SECONDS
  return `${id}.${expires}.${signature(secret, String(id), expires)}`
}

export type PreviewGrant = { id: string; expires: Date }

/**
 * The item a token grants a preview of, or null when the token is malformed, forged, altered
 * (another item, a later expiry) or expired. Compared in constant time.
 */
export function verifyPreview(secret: string | undefined, token: string | null | undefined, now = Date.now()): PreviewGrant | null {
  if (!secret || !token || token.length > 200) return null
  const match = /^([A-Za-z0-9-]{1,64})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token)
  if (!match) return null
  const [, id, expiresText, given] = match
  const expires = Number(expiresText)
  const expected = Buffer.from(signature(secret, id, expires))
  if (!timingSafeEqual(Buffer.from(given), expected)) return null
  // A link signed for longer than the rule allows was not made by this code.
  if (expires * 1000 <= now || expires * 1000 > now + PREVIEW_LINK_SECONDS * 1000 + 60_000) return null
  return { id, expires: new Date(expires * 1000) }
}

/** Whether `given` is the draft-fetch credential, compared in constant time. */
export function isPreviewFetchToken(secret: string | undefined, given: string | null | undefined): boolean {
  if (!secret || !given) return false
  const expected = Buffer.from(previewFetchToken(secret))
  const actual = Buffer.from(given)
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}
