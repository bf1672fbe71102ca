/**
 * Two storefront replicas on one CMS, neither of them the CMS's STOREFRONT_URL (as behind a load
 * balancer, where the CMS cannot know them): each shows an edit within about a poll of the
 * catalogue version (CATALOGUE_POLL_MS), not when its cache expires (here 5 minutes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { freshDatabaseUri } from '../helpers/database'
import { login, rest } from '../helpers/rest'
import { type Cms, type Server, startCms, startStorefront, TEST_ADMIN_PASSWORD } from '../helpers/servers'

let cms: Cms
let shops: Server[] = []
let token: string

beforeAll(async () => {
  // The CMS's push purge goes nowhere: only the replicas' own polling can refresh them.
  cms = await startCms({ databaseUri: freshDatabaseUri(), env: { STOREFRONT_URL: 'http://127.0.0.1:9' } })
  shops = await Promise.all([1, 2].map(() => startStorefront(cms.url, { CMS_CACHE_SECONDS: '300', CATALOGUE_POLL_MS: '500' })))
  token = await login(cms.url, 'unclepat', TEST_ADMIN_PASSWORD)
})
afterAll(async () => {
  await Promise.all(shops.map((shop) => shop.stop()))
  await cms?.stop()
})

const page = async (shop: Server, path: string) => {
  const response = await fetch(`${shop.url}${path}`)
  return { text: await response.text(), cache: response.headers.get('x-cache') }
}

/** Milliseconds until `shop` shows `text` at `path` (polled every 50 ms, given up after 10 s). */
async function msUntilShown(shop: Server, path: string, text: string, since: number): Promise<number> {
  while (performance.now() - since < 10_000) {
    if ((await page(shop, path)).text.includes(text)) return Math.round(performance.now() - since)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`${shop.url}${path} never showed ${text}`)
}

describe('storefront replicas the CMS does not know', () => {
  it('each shows an edit within a poll of the catalogue version, not when its cache expires', async () => {
    const created = await rest(cms.url, 'items', {
      method: 'POST',
      token,
      body: { name: 'Replica Kaya Jar', price: 300, quantity: 5, _status: 'published' },
    })
    expect(created.status).toBe(201)
    const path = `/items/${created.body.doc.slug}`
    for (const shop of shops) {
      await msUntilShown(shop, path, '$3.00', performance.now())
      // Now held in the replica's page cache, for five minutes unless something says otherwise.
      // (The creation itself changed the catalogue version: a poll may still drop the first copy.)
      await expect.poll(async () => (await page(shop, path)).cache, { timeout: 5_000, interval: 100 }).toBe('HIT')
    }

    const edited = performance.now()
    expect((await rest(cms.url, `items/${created.body.doc.id}`, { method: 'PATCH', token, body: { price: 450 } })).status).toBe(200)
    const delays = await Promise.all(shops.map((shop) => msUntilShown(shop, path, '$4.50', edited)))
    console.log(`[replicas] edit → visible on both replicas: ${delays.join(' ms, ')} ms (poll every 500 ms, cache 300 s)`)
    for (const shop of shops) expect((await page(shop, path)).text).not.toContain('$3.00')
  })

  it('a draft saved on a published item changes nothing the replicas show', async () => {
    const before = (await rest(cms.url, 'catalogue-version')).body.version
    expect(typeof before).toBe('string')
    const item = await rest(cms.url, 'items', {
      method: 'POST',
      token,
      body: { name: 'Replica Draft Tea', price: 200, quantity: 1, _status: 'published' },
    })
    const published = (await rest(cms.url, 'catalogue-version')).body.version
    expect(published).not.toBe(before)
    await rest(cms.url, `items/${item.body.doc.id}?draft=true`, { method: 'PATCH', token, body: { price: 999 } })
    expect((await rest(cms.url, 'catalogue-version')).body.version).toBe(published)
  })
})
