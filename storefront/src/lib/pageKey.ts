/**
 * The page cache's key for a URL: the path and only the query parameters the page reads, in a
 * fixed order. Anyone can add `?r=1`, `?r=2`, … to a link; if each were a key of its own, a loop
 * of requests would render and store copies of one page until the useful ones are pushed out.
 * Pure (no Astro imports), so the integration tests exercise exactly this code.
 *
 * A page that starts reading another query parameter must be added here, or its variants would
 * share one cached copy.
 */
import { PREVIEW_PARAM } from '../../../shared/preview.ts'
import { catalogueSearch, parseCatalogue } from './catalogue'

/**
 * `null`: leave the cache alone for this URL (the page answers a redirect or a 400).
 * `fractionDigits`: of the shop's currency, as the pages parse prices (lib/money.ts).
 */
export function pageKey(url: URL, fractionDigits: number): string | null {
  // A preview (a signed link to a draft) is for one member of staff, now: never from the cache,
  // never into it; this also keeps storefront/server.ts's early cache hit away from it.
  if (url.searchParams.has(PREVIEW_PARAM)) return null
  const options = { fractionDigits }
  if (url.pathname === '/') {
    const { view, errors } = parseCatalogue(url.searchParams, options)
    const tidy = catalogueSearch(view, options)
    // Mistyped filters get a 400; any other spelling of a view is redirected to its tidy URL.
    if (Object.keys(errors).length > 0 || tidy !== url.search) return null
    return `/${tidy}`
  }
  if (url.pathname.startsWith('/items/')) {
    // An item page reads the catalogue view it was reached from (for its breadcrumb), nothing else.
    const { view } = parseCatalogue(url.searchParams, options)
    return url.pathname + catalogueSearch(view, options)
  }
  // Every other page (sitemap.xml, robots.txt) reads no query parameter.
  return url.pathname
}
