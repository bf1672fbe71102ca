/** /sitemap.xml: the catalogue, every aisle and every published item (drafts are never returned by the CMS). */
import type { APIRoute } from 'astro'

import { CACHE_CRAWLER } from '../lib/cacheControl'
import { aislePath } from '../lib/catalogue'
import { listAisles, listSitemapEntries } from '../lib/cms'
import { shopOrigin } from '../lib/seo'

const xml = (text: string): string =>
  text.replace(/[<>&'"]/g, (char) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', "'": 'apos', '"': 'quot' }[char]};`)

export const GET: APIRoute = async ({ url }) => {
  const origin = shopOrigin(url)
  const [aisles, items] = await Promise.all([listAisles(), listSitemapEntries()])
  const entries = [
    `<url><loc>${xml(`${origin}/`)}</loc></url>`,
    ...aisles.map(({ slug }) => `<url><loc>${xml(`${origin}${aislePath(slug)}`)}</loc></url>`),
    ...items.map(
      ({ slug, updatedAt }) =>
        `<url><loc>${xml(`${origin}/items/${encodeURIComponent(slug)}`)}</loc><lastmod>${xml(updatedAt)}</lastmod></url>`,
    ),
  ]
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('\n')}\n</urlset>\n`
  return new Response(body, {
    headers: { 'content-type': 'application/xml; charset=utf-8', 'cache-control': CACHE_CRAWLER },
  })
}
