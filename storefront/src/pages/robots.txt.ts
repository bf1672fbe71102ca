/** /robots.txt: everything may be crawled but the purge endpoint; the sitemap lists the items. */
import type { APIRoute } from 'astro'

import { CACHE_CRAWLER } from '../lib/cacheControl'
import { shopOrigin } from '../lib/seo'

export const GET: APIRoute = ({ url }) =>
  new Response(`User-agent: *\nDisallow: /api/\n\nSitemap: ${shopOrigin(url)}/sitemap.xml\n`, {
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': CACHE_CRAWLER },
  })
