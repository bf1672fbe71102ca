/**
 * The shop's sitemap as crawlers read it (sitemaps.org): one <urlset> of every address while the
 * catalogue fits one file, else a <sitemapindex> of parts. The protocol allows at most 50 000
 * addresses a file (Google ignores larger files), which a 100 000-item catalogue exceeds.
 * Pure (no Astro imports): the routes fetch, these shape.
 */

/** sitemaps.org: at most this many <url> entries in one sitemap file. */
export const SITEMAP_URLS_MAX = 50_000

export type SitemapEntry = { loc: string; lastmod?: string }

const xml = (text: string): string =>
  text.replace(/[<>&'"]/g, (char) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', "'": 'apos', '"': 'quot' }[char]};`)

/** The shop's own pages (its home, then each aisle) before the items. */
export const AISLES_PART = 'aisles'

/**
 * How many item parts the sitemap needs: 0 while the home page, every aisle and every item fit
 * one file (then /sitemap.xml is that file); else one part per SITEMAP_URLS_MAX items, beside the
 * part of the home page and the aisles.
 */
export function itemParts(items: number, aisles: number, max = SITEMAP_URLS_MAX): number {
  return 1 + aisles + items <= max ? 0 : lastItemPart(items, max)
}

/** The last items part that exists (/sitemap/items-N.xml), at least the first. */
export const lastItemPart = (items: number, max = SITEMAP_URLS_MAX): number => Math.max(1, Math.ceil(items / max))

/** The path of a part: /sitemap/aisles.xml, /sitemap/items-1.xml, … */
export const partPath = (part: typeof AISLES_PART | number): string =>
  part === AISLES_PART ? `/sitemap/${AISLES_PART}.xml` : `/sitemap/items-${part}.xml`

/** A sitemap file: its entries, each address escaped. */
export function urlset(entries: SitemapEntry[]): string {
  const urls = entries.map(
    ({ loc, lastmod }) => `<url><loc>${xml(loc)}</loc>${lastmod === undefined ? '' : `<lastmod>${xml(lastmod)}</lastmod>`}</url>`,
  )
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`
}

/** The sitemap index: the part of the home page and aisles, then each item part. */
export function sitemapIndex(origin: string, parts: number): string {
  const paths = [partPath(AISLES_PART), ...Array.from({ length: parts }, (_, i) => partPath(i + 1))]
  const sitemaps = paths.map((path) => `<sitemap><loc>${xml(`${origin}${path}`)}</loc></sitemap>`)
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${sitemaps.join('\n')}\n</sitemapindex>\n`
}
