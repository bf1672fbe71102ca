/**
 * The parts of a sitemap index (lib/sitemap.ts): /sitemap/aisles.xml (the home page and every
 * aisle) and /sitemap/items-N.xml (the Nth SITEMAP_URLS_MAX published items, in name order).
 * Any other part, or an item part past the last, is a 404.
 */
import type { APIRoute } from 'astro'

import { CACHE_CRAWLER, CACHE_NONE } from '../../lib/cacheControl'
import { shopOrigin } from '../../lib/seo'
import { AISLES_PART } from '../../lib/sitemap'
import { aislesPart, itemsPart } from '../../lib/sitemapFiles'

const notFound = () =>
  new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': CACHE_NONE } })

export const GET: APIRoute = async ({ params, url }) => {
  const origin = shopOrigin(url)
  const items = /^items-([1-9]\d{0,5})$/.exec(params.part ?? '')
  const body = params.part === AISLES_PART ? await aislesPart(origin) : items ? await itemsPart(origin, Number(items[1])) : null
  if (body === null) return notFound()
  return new Response(body, { headers: { 'content-type': 'application/xml; charset=utf-8', 'cache-control': CACHE_CRAWLER } })
}
