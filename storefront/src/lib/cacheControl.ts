/**
 * Cache-Control values. Pages built from CMS data may be stored by browsers and proxies, but
 * must be checked with the shop on every use: the shop's own cache makes that cheap, and it is
 * purged the moment Uncle Pat edits an item, so nobody is shown yesterday's price.
 */
export const CACHE_PAGE = 'public, no-cache'
/** Error answers and anything personal: never stored. */
export const CACHE_NONE = 'no-store'
/** robots.txt and the sitemap: crawlers come rarely, a few minutes' delay is fine. */
export const CACHE_CRAWLER = 'public, max-age=300'
