/**
 * /sitemap.xml: the catalogue, every aisle and every published item (drafts are never returned by
 * the CMS). Past what one sitemap file may hold (lib/sitemap.ts), a sitemap index of parts.
 */
import type { APIRoute } from 'astro'

import { CACHE_CRAWLER } from '../lib/cacheControl'
import { countPublishedItems, listAisles } from '../lib/cms'
import { shopOrigin } from '../lib/seo'
import { itemParts, sitemapIndex } from '../lib/sitemap'
import { aislesPart } from '../lib/sitemapFiles'

export const GET: APIRoute = async ({ url }) => {
  const origin = shopOrigin(url)
  const [aisles, items] = await Promise.all([listAisles(), countPublishedItems()])
  const parts = itemParts(items, aisles.length)
  const body = parts === 0 ? await aislesPart(origin, { withItems: true }) : sitemapIndex(origin, parts)
  return new Response(body, { headers: { 'content-type': 'application/xml; charset=utf-8', 'cache-control': CACHE_CRAWLER } })
}
