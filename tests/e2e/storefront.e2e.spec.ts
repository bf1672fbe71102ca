import { expect, test } from '@playwright/test'

import { freePort, startStorefront } from '../helpers/servers'
import { shopUrl } from './apps'

test('the catalogue shows every item with its price and stock state', async ({ page }) => {
  const response = await page.goto(shopUrl())
  expect(response?.status()).toBe(200)
  await expect(page).toHaveTitle("Uncle Pat's Minimart")
  const cards = page.locator('li.card')
  expect(await cards.count()).toBeGreaterThanOrEqual(21)

  const kaya = cards.filter({ hasText: 'Kaya Spread 400 g' })
  await expect(kaya.locator('.price')).toHaveText('$4.80')
  await expect(kaya.locator('.stock')).toHaveText('Only 3 left')
  await expect(kaya.locator('.summary')).toContainText('coconut and pandan')

  const soldOut = cards.filter({ hasText: 'Isotonic Drink 500 ml' })
  await expect(soldOut.locator('.stock')).toHaveText('Sold out')

  const plenty = cards.filter({ hasText: 'Mineral Water 1.5 L' })
  await expect(plenty.locator('.stock')).toHaveText('In stock')
  await expect(plenty.locator('.price')).toHaveText('$1.25')
  await expect(page.locator('footer')).toContainText('SGD')
})

test('an item page renders its rich-text description as HTML', async ({ page }) => {
  const response = await page.goto(`${shopUrl()}/items/jasmine-white-rice-5-kg`)
  expect(response?.status()).toBe(200)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Jasmine White Rice 5 kg')
  await expect(page.locator('.description strong')).toHaveText('Thai Hom Mali')
  await expect(page.locator('.description li')).toHaveCount(2)
  await expect(page.locator('.price')).toHaveText('$14.95')
  await expect(page).toHaveTitle(/Jasmine White Rice 5 kg/)
})

test('an unknown item gives a real 404 page', async ({ page }) => {
  const response = await page.goto(`${shopUrl()}/items/no-such-thing`)
  expect(response?.status()).toBe(404)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("We couldn't find that")
  await expect(page.getByRole('link', { name: 'Browse everything in the shop' })).toBeVisible()
})

test('with the CMS unreachable, shoppers get a friendly 503 page, not a stack trace', async ({ page }) => {
  const nobodyListens = `http://127.0.0.1:${await freePort()}`
  const shop = await startStorefront(nobodyListens)
  try {
    for (const path of ['/', '/items/kaya-spread-400-g']) {
      const response = await page.goto(shop.url + path)
      expect(response?.status()).toBe(503)
      expect(response?.headers()['retry-after']).toBe('30')
      await expect(page.getByRole('heading', { level: 1 })).toHaveText("We'll be right back")
      await expect(page.locator('body')).not.toContainText(/Error|at \w+ \(/)
    }
  } finally {
    await shop.stop()
  }
})
