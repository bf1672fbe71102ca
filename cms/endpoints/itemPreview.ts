import type { Endpoint, PayloadRequest } from 'payload'

import { Forbidden } from 'payload'
import { isPreviewFetchToken, PREVIEW_DRAFT_PATH, PREVIEW_PARAM, signPreview, verifyPreview } from '../../shared/preview.ts'
import { signedInStaff } from '../access/signedInStaff'
import { cmsConfig } from '../config'
import { ITEMS } from '../slugs'

/** Nothing about a preview is stored by browsers or proxies, nor listed by search engines. */
const PRIVATE = { 'cache-control': 'no-store', 'x-robots-tag': 'noindex, nofollow' } as const

const refusal = (status: number, message: string): Response => Response.json({ errors: [{ message }] }, { status, headers: PRIVATE })

/**
 * Where shoppers' browsers reach the shop: SHOP_URL; in local mode else STOREFRONT_URL (a laptop's
 * shop). In production STOREFRONT_URL is where the CMS reaches the shop (http://storefront:4321
 * in docker), which a browser cannot open.
 */
const shopBase = (): string | undefined => cmsConfig.SHOP_URL ?? (cmsConfig.production ? undefined : cmsConfig.STOREFRONT_URL)

/**
 * GET /api/items/:id/preview, the admin's "Preview on the shop" (Items' admin.preview): for
 * signed-in staff only (two-factor included, never an API key), signs a short-lived link to the
 * item's page on the shop (shared/preview.ts) and redirects the browser there. The link is signed
 * at the click, so an edit screen left open for an hour still previews.
 */
export const itemPreviewLink: Endpoint = {
  path: '/:id/preview',
  method: 'get',
  handler: async (req: PayloadRequest) => {
    if (!signedInStaff(req)) throw new Forbidden(req.t)
    const secret = cmsConfig.REVALIDATE_SECRET
    if (!secret) return refusal(503, 'Previews need REVALIDATE_SECRET, the secret the CMS and the shop share.')
    const base = shopBase()
    if (!base) return refusal(503, "Previews need SHOP_URL, the shop's public address.")
    // Staff read drafts (publishedOrStaff); the latest draft's slug is where the page will be.
    const item = await req.payload.findByID({
      collection: ITEMS,
      id: String(req.routeParams?.id ?? ''),
      draft: true,
      depth: 0,
      select: { slug: true },
      overrideAccess: false,
      req,
    })
    const target = new URL(`/items/${encodeURIComponent(item.slug)}`, base)
    target.searchParams.set(PREVIEW_PARAM, signPreview(secret, item.id))
    return new Response(null, { status: 302, headers: { ...PRIVATE, location: target.href, 'referrer-policy': 'no-referrer' } })
  },
}

/**
 * GET /api/items/preview-draft?token=…, for the shop alone: the current draft of the item a valid
 * preview token names, as the REST API would answer it (depth 1, its photo's sizes). The shop
 * proves itself with `Authorization: Bearer <previewFetchToken>` (derived from REVALIDATE_SECRET;
 * never in a page or a link), so a copied link alone never reads a draft from here.
 */
export const itemPreviewDraft: Endpoint = {
  path: PREVIEW_DRAFT_PATH.replace(/^\/api\/items/, ''),
  method: 'get',
  handler: async (req: PayloadRequest) => {
    const secret = cmsConfig.REVALIDATE_SECRET
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.get('authorization') ?? '')?.[1]
    if (!isPreviewFetchToken(secret, bearer)) return refusal(401, 'Only the shop may fetch previews.')
    const token = req.searchParams.get('token')
    const grant = verifyPreview(secret, token)
    if (!grant) return refusal(403, 'The preview link is not valid or has expired.')
    const item = await req.payload.findByID({ collection: ITEMS, id: grant.id, draft: true, depth: 1, disableErrors: true })
    if (!item) return refusal(404, 'The item of this preview link no longer exists.')
    return Response.json(item, { headers: PRIVATE })
  },
}
