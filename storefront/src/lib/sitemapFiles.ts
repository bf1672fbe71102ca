/**
 * The sitemap's files, fetched from the CMS (cached like every answer) and shaped by lib/sitemap.ts:
 * for src/pages/sitemap.xml.ts and src/pages/sitemap/[part].xml.ts.
 */
import { aislePath } from './catalogue'
import { countPublishedItems, listAisles, listSitemapEntries } from './cms'
import { lastItemPart, type SitemapEntry, urlset } from './sitemap'

const itemEntries = async (origin: string, part: number): Promise<SitemapEntry[]> =>
  (await listSitemapEntries(part)).map(({ slug, updatedAt }) => ({
    loc: `${origin}/items/${encodeURIComponent(slug)}`,
    lastmod: updatedAt,
  }))

/** The home page and every aisle; `withItems`: and every item (the whole sitemap, when it fits one file). */
export async function aislesPart(origin: string, { withItems = false } = {}): Promise<string> {
  const [aisles, items] = await Promise.all([listAisles(), withItems ? itemEntries(origin, 1) : []])
  return urlset([{ loc: `${origin}/` }, ...aisles.map(({ slug }) => ({ loc: `${origin}${aislePath(slug)}` })), ...items])
}

/** Items part N (1, 2, …), or null past the last. */
export async function itemsPart(origin: string, part: number): Promise<string | null> {
  if (part > lastItemPart(await countPublishedItems())) return null
  return urlset(await itemEntries(origin, part))
}
