/**
 * The storefront's page cache (storefront/src/lib/cache.ts) cannot be flushed by strangers: a page
 * is kept once per set of parameters it reads (storefront/src/lib/pageKey.ts), so `?r=1`, `?r=2`, …
 * reuse one copy instead of each rendering and storing another; and what is not a real page (404,
 * 400) is never kept, nor marked for proxies to keep. `X-Cache` says HIT or MISS for cached pages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { pageKey } from '../../storefront/src/lib/pageKey'
import { freshDatabaseUri } from '../helpers/database'
import { type Shop, startShop } from '../helpers/servers'

let shop: Shop
const ITEM = '/items/kaya-spread-400-g'

beforeAll(async () => {
  shop = await startShop({ cms: { databaseUri: freshDatabaseUri(), env: { SEED_DEMO: 'true' } } })
})
afterAll(() => shop?.stop())

const get = async (path: string) => {
  const response = await fetch(shop.shop.url + path, { redirect: 'manual' })
  return {
    status: response.status,
    cache: response.headers.get('x-cache'),
    cacheControl: response.headers.get('cache-control'),
    body: await response.text(),
  }
}

describe('page cache keys', () => {
  it('keeps only the parameters a page reads, in one order', () => {
    const key = (path: string) => pageKey(new URL(`http://shop.test${path}`), 2)
    expect(key(`${ITEM}?r=1`)).toBe(ITEM)
    expect(key(`${ITEM}?utm_source=x&r=2`)).toBe(ITEM)
    expect(key(`${ITEM}?page=2&q=kaya&r=3`)).toBe(`${ITEM}?q=kaya&page=2`)
    expect(key(`${ITEM}?sort=DROP&page=-3`)).toBe(ITEM)
    expect(key('/?q=kaya&page=2')).toBe('/?q=kaya&page=2')
    // The catalogue redirects any other spelling to its tidy URL, and answers mistakes with a 400: no cache.
    expect(key('/?r=1')).toBeNull()
    expect(key('/?page=2&q=kaya')).toBeNull()
    expect(key('/?min=abc')).toBeNull()
    expect(key('/sitemap.xml?r=1')).toBe('/sitemap.xml')
  })
})

describe('the shop under made-up query strings', () => {
  it('an item page with made-up parameters is the one cached page, not a new copy each', async () => {
    const first = await get(ITEM)
    expect(first.status).toBe(200)
    expect(first.cache).toBe('MISS')
    for (let r = 1; r <= 5; r++) {
      const page = await get(`${ITEM}?r=${r}`)
      expect(page.status).toBe(200)
      expect(page.cache, `?r=${r}`).toBe('HIT')
      expect(page.body).toBe(first.body)
    }
    // Parameters the page does read make their own page (its breadcrumb), whatever their order.
    expect((await get(`${ITEM}?q=kaya&page=2`)).cache).toBe('MISS')
    expect((await get(`${ITEM}?page=2&r=7&q=kaya`)).cache).toBe('HIT')
  })

  it('404s are never kept, nor marked public', async () => {
    for (const path of ['/items/no-such-item?r=1', '/items/no-such-item?r=1', '/no-such-page', '/?page=999']) {
      const page = await get(path)
      expect(page.status, path).toBe(404)
      expect(page.cache, path).toBeNull()
      expect(page.cacheControl, path).toBe('no-store')
    }
  })

  it('a 400 (a mistyped price) is never kept; unknown catalogue parameters redirect without caching', async () => {
    const bad = await get('/?min=abc')
    expect(bad.status).toBe(400)
    expect(bad.cache).toBeNull()
    expect(bad.cacheControl).toBe('no-store')
    await get('/')
    const odd = await get('/?r=1')
    expect(odd.status).toBe(302)
    expect(odd.cache).toBeNull()
  })
})

describe('item pages that miss the cache at the same moment', () => {
  it('each shopper gets their own item (or a 404)', async () => {
    const { docs } = await (await fetch(`${shop.cms.url}/api/items?limit=100&depth=0&select[name]=true&select[slug]=true`)).json()
    const items = (docs as Array<{ name: string; slug: string }>).filter((item) => `/items/${item.slug}` !== ITEM)
    expect(items.length).toBeGreaterThan(10)
    const unknown = ['no-such-item-1', 'no-such-item-2']

    // Every page at once, as a crawler would ask: none of them is cached yet.
    const pages = await Promise.all([...items.map((item) => item.slug), ...unknown].map((slug) => get(`/items/${slug}`)))

    const heading = (body: string) =>
      /<h1[^>]*>([^<]*)<\/h1>/
        .exec(body)?.[1]
        ?.replace(/&#39;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&')
    items.forEach((item, i) => {
      expect(pages[i]!.status, item.slug).toBe(200)
      expect(pages[i]!.cache, item.slug).toBe('MISS')
      expect(heading(pages[i]!.body), item.slug).toBe(item.name)
    })
    for (const page of pages.slice(items.length)) expect(page.status).toBe(404)
  })
})
