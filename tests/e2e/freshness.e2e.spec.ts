/**
 * Fast and fresh: the storefront caches CMS answers, the CMS purges that cache on every change
 * shoppers can see, drafts never show, and a CMS outage is survived from the cache.
 */
import { expect, test } from '@playwright/test'

import { startCms, startShop, startStorefront } from '../helpers/servers'
import { cmsUrl, revalidateSecret, shopUrl } from './apps'
import { createItem, deleteItem, updateItem } from './cms'

test('an edit over the API shows on the shop at the next request, not when a cache expires', async ({ page }) => {
  const bun = await createItem(cmsUrl(), { name: 'Fresh Test Bun', price: 150, quantity: 12 })
  // A second shop on the same CMS that nobody purges and that does not poll the catalogue version,
  // caching for ten minutes: proof that the shops do cache, so what the purged shop shows comes
  // from the purge.
  const unpurged = await startStorefront(cmsUrl(), { CMS_CACHE_SECONDS: '600', CATALOGUE_POLL_MS: '0' })
  try {
    for (const shop of [shopUrl(), unpurged.url]) {
      await page.goto(`${shop}/items/fresh-test-bun`)
      await expect(page.locator('.buy .price')).toHaveText('$1.50')
      await page.goto(`${shop}/?q=fresh+test+bun`)
      await expect(page.locator('li.card .price')).toHaveText(['$1.50'])
    }

    await updateItem(cmsUrl(), bun.id, { price: 175, quantity: 2 })

    await page.goto(`${shopUrl()}/items/fresh-test-bun`)
    await expect(page.locator('.buy .price')).toHaveText('$1.75')
    await expect(page.locator('.buy .stock')).toHaveText('Only 2 left')
    await page.goto(`${shopUrl()}/?q=fresh+test+bun`)
    await expect(page.locator('li.card .price')).toHaveText(['$1.75'])

    await page.goto(`${unpurged.url}/items/fresh-test-bun`)
    await expect(page.locator('.buy .price')).toHaveText('$1.50')
  } finally {
    await unpurged.stop()
  }
})

test('drafts and unpublished items never appear in the catalogue, search, sitemap or item page', async ({ page, request }) => {
  const hidden = async (slug: string, words: string) => {
    expect((await page.goto(`${shopUrl()}/items/${slug}`))?.status()).toBe(404)
    await page.goto(`${shopUrl()}/?q=${encodeURIComponent(words)}`)
    await expect(page.locator('li.card')).toHaveCount(0)
    await page.goto(`${shopUrl()}/?sort=newest`)
    await expect(page.locator(`li.card[data-item="${slug}"]`)).toHaveCount(0)
    expect(await (await request.get(`${shopUrl()}/sitemap.xml`)).text()).not.toContain(`/items/${slug}<`)
  }

  await createItem(cmsUrl(), { name: 'Secret Durian Cake', price: 2800, quantity: 3, _status: 'draft' })
  await hidden('secret-durian-cake', 'secret durian')

  const kueh = await createItem(cmsUrl(), { name: 'Soon Gone Kueh', price: 120, quantity: 9 })
  await page.goto(`${shopUrl()}/items/soon-gone-kueh`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Soon Gone Kueh')
  await page.goto(`${shopUrl()}/?sort=newest`)
  await expect(page.locator('li.card[data-item="soon-gone-kueh"]')).toHaveCount(1)

  await updateItem(cmsUrl(), kueh.id, { _status: 'draft' })
  await hidden('soon-gone-kueh', 'soon gone kueh')

  await updateItem(cmsUrl(), kueh.id, { _status: 'published' })
  await page.goto(`${shopUrl()}/items/soon-gone-kueh`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Soon Gone Kueh')
  await deleteItem(cmsUrl(), kueh.id)
  await hidden('soon-gone-kueh', 'soon gone kueh')
})

test('the purge endpoint refuses a missing or wrong secret', async ({ request }) => {
  const purge = (headers: Record<string, string>, data: unknown = { collection: 'items' }) =>
    request.post(`${shopUrl()}/api/revalidate`, { headers: { 'content-type': 'application/json', ...headers }, data })

  const missing = await purge({})
  expect(missing.status()).toBe(401)
  expect(missing.headers()['www-authenticate']).toBe('Bearer')
  expect((await purge({ authorization: 'Bearer not-the-secret' })).status()).toBe(401)
  expect((await purge({ authorization: `Bearer ${revalidateSecret()}x` })).status()).toBe(401)
  expect((await purge({ authorization: revalidateSecret() })).status()).toBe(401)
  expect((await request.get(`${shopUrl()}/api/revalidate`)).status()).toBe(405)

  expect((await purge({ authorization: `Bearer ${revalidateSecret()}` }, { collection: 'users' })).status()).toBe(400)
  const accepted = await purge({ authorization: `Bearer ${revalidateSecret()}` })
  expect(accepted.status()).toBe(200)
  expect(await accepted.json()).toMatchObject({ purged: 'items' })
})

test('with the CMS down, recently seen pages are served from the cache and unseen ones get 503; it recovers by itself', async ({
  page,
}) => {
  test.setTimeout(120_000)
  // Its own pair, so stopping the CMS troubles no other test; a one-second cache, so what the
  // shop serves while the CMS is down is truly stale.
  const { cms, shop, secret, stop } = await startShop({ cms: { env: { SEED_DEMO: 'true' } }, shopEnv: { CMS_CACHE_SECONDS: '1' } })
  let restarted: Awaited<ReturnType<typeof startCms>> | undefined
  try {
    await page.goto(`${shop.url}/items/kaya-spread-400-g`)
    await expect(page.locator('.buy .price')).toHaveText('$4.80')
    await page.goto(`${shop.url}/?q=kaya`)
    await expect(page.locator('li.card')).toHaveCount(1)

    await cms.stop()
    await page.waitForTimeout(1500) // past the cache's freshness

    const seen = await page.goto(`${shop.url}/items/kaya-spread-400-g`)
    expect(seen?.status()).toBe(200)
    await expect(page.locator('.buy .price')).toHaveText('$4.80')
    expect((await page.goto(`${shop.url}/?q=kaya`))?.status()).toBe(200)
    await expect(page.locator('li.card', { hasText: 'Kaya Spread 400 g' })).toBeVisible()

    const unseen = await page.goto(`${shop.url}/items/milo-3-in-1-18-sachets`)
    expect(unseen?.status()).toBe(503)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText("We'll be right back")

    // The CMS comes back on the same address and database; the shop needs no restart.
    restarted = await startCms({
      databaseUri: cms.databaseUri,
      port: cms.port,
      env: { SEED_DEMO: 'true', STOREFRONT_URL: shop.url, REVALIDATE_SECRET: secret },
    })
    expect((await page.goto(`${shop.url}/items/milo-3-in-1-18-sachets`))?.status()).toBe(200)
    const kaya = await page.goto(`${shop.url}/?q=kaya`).then(() => page.locator('li.card').getAttribute('data-item'))
    expect(kaya).toBe('kaya-spread-400-g')
    const id = Number((await (await fetch(`${restarted.url}/api/items?where[slug][equals]=kaya-spread-400-g&depth=0`)).json()).docs[0].id)
    await updateItem(restarted.url, id, { price: 495 })
    await page.goto(`${shop.url}/items/kaya-spread-400-g`)
    await expect(page.locator('.buy .price')).toHaveText('$4.95')
  } finally {
    await restarted?.stop()
    await stop()
  }
})
