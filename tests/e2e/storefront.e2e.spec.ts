import { expect, test } from '@playwright/test'

import { freePort, startStorefront } from '../helpers/servers'
import { cmsUrl, shopUrl } from './apps'
import { ensureItems } from './cms'

test.beforeAll(async () => {
  // Prices whose dollar amounts are classic floating-point traps (0.1 + 0.2, 19.99 * 100).
  await ensureItems(cmsUrl(), [
    { name: 'Thirty Cent Sweet', price: 30, quantity: 50 },
    { name: 'Nineteen Ninety Nine Hamper', price: 1999, quantity: 1 },
  ])
})

test('the catalogue shows items with their price and a stock badge in words', async ({ page }) => {
  const response = await page.goto(shopUrl())
  expect(response?.status()).toBe(200)
  expect(response?.headers()['cache-control']).toBe('public, no-cache')
  await expect(page).toHaveTitle("Everything in the shop · Uncle Pat's Minimart")
  expect(await page.locator('li.card').count()).toBeGreaterThanOrEqual(21)

  const card = async (q: string, name: string) => {
    await page.goto(`${shopUrl()}/?q=${encodeURIComponent(q)}`)
    return page.locator('li.card', { hasText: name })
  }
  const kaya = await card('kaya', 'Kaya Spread 400 g')
  await expect(kaya.locator('.price')).toHaveText('$4.80')
  await expect(kaya.locator('.stock')).toHaveText('Only 3 left')
  await expect(kaya.locator('.summary')).toContainText('coconut and pandan')

  const soldOut = await card('isotonic', 'Isotonic Drink 500 ml')
  await expect(soldOut.locator('.stock')).toHaveText('Sold out')

  const plenty = await card('mineral water', 'Mineral Water 1.5 L')
  await expect(plenty.locator('.stock')).toHaveText('In stock')
  await expect(plenty.locator('.price')).toHaveText('$1.25')
  await expect(page.locator('footer')).toContainText('SGD')
})

test("the shop's pages work under its Content-Security-Policy, with nothing refused", async ({ page }) => {
  const refused: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text())
  })
  for (const path of ['/', '/?q=kaya&sort=price-asc', '/items/kaya-spread-400-g', '/items/no-such-item']) {
    await page.goto(shopUrl() + path)
    await expect(page.locator('main')).toBeVisible()
  }
  expect(refused).toEqual([])
})

test('prices show exactly, with no floating-point artefacts', async ({ page }) => {
  await page.goto(`${shopUrl()}/?q=thirty+cent`)
  await expect(page.locator('li.card .price')).toHaveText(['$0.30'])
  await page.goto(`${shopUrl()}/items/nineteen-ninety-nine-hamper`)
  await expect(page.locator('.buy .price')).toHaveText('$19.99')
  await expect(page.locator('.buy .stock')).toHaveText('Only 1 left')
})

test("an item page: rich text as HTML, stock, and breadcrumbs back to the shopper's results", async ({ page }) => {
  await page.goto(`${shopUrl()}/?q=rice&sort=price-desc`)
  await page.getByRole('link', { name: 'Jasmine White Rice 5 kg' }).click()
  await expect(page).toHaveURL(`${shopUrl()}/items/jasmine-white-rice-5-kg?q=rice&sort=price-desc`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Jasmine White Rice 5 kg')
  await expect(page.locator('.description strong')).toHaveText('Thai Hom Mali')
  await expect(page.locator('.description li')).toHaveCount(2)
  await expect(page.locator('.buy .price')).toHaveText('$14.95')
  await expect(page.locator('.buy .stock')).toHaveText('In stock')
  await expect(page.locator('.media .placeholder')).toHaveAttribute('aria-hidden', 'true')

  const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' })
  await expect(crumbs.getByText('Jasmine White Rice 5 kg')).toHaveAttribute('aria-current', 'page')
  await crumbs.getByRole('link', { name: 'Results for “rice”' }).click()
  await expect(page).toHaveURL(`${shopUrl()}/?q=rice&sort=price-desc`)
})

test('an item page tells search engines about the product: title, description, canonical, Open Graph, JSON-LD', async ({ page }) => {
  await page.goto(`${shopUrl()}/items/kaya-spread-400-g?q=kaya`)
  await expect(page).toHaveTitle("Kaya Spread 400 g · Uncle Pat's Minimart")
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /coconut and pandan/)
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', `${shopUrl()}/items/kaya-spread-400-g`)
  await expect(page.locator('meta[property="og:type"]')).toHaveAttribute('content', 'product')
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', "Kaya Spread 400 g · Uncle Pat's Minimart")
  await expect(page.locator('meta[property="og:url"]')).toHaveAttribute('content', `${shopUrl()}/items/kaya-spread-400-g`)

  const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').first().textContent()) ?? '')
  expect(jsonLd).toMatchObject({
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: 'Kaya Spread 400 g',
    url: `${shopUrl()}/items/kaya-spread-400-g`,
    description: expect.stringContaining('coconut and pandan'),
    offers: { '@type': 'Offer', price: '4.80', priceCurrency: 'SGD', availability: 'https://schema.org/InStock' },
  })
  // Where it sits in the shop: its (first) aisle.
  const crumbs = JSON.parse((await page.locator('script[type="application/ld+json"]').nth(1).textContent()) ?? '')
  expect(crumbs['@type']).toBe('BreadcrumbList')
  expect(crumbs.itemListElement.map((crumb: { name: string }) => crumb.name)).toEqual(['Shop', 'Breakfast & staples', 'Kaya Spread 400 g'])

  await page.goto(`${shopUrl()}/items/isotonic-drink-500-ml`)
  const soldOut = JSON.parse((await page.locator('script[type="application/ld+json"]').first().textContent()) ?? '')
  expect(soldOut.offers).toMatchObject({ price: '2.10', availability: 'https://schema.org/OutOfStock' })
  await expect(page.locator('.buy .stock')).toHaveText('Sold out')
})

test('every page type has its own title; search results are not indexed', async ({ page }) => {
  const titles = new Set<string>()
  for (const path of ['/', '/?page=2', '/?q=milk', '/items/kaya-spread-400-g', '/items/fresh-eggs-10', '/items/nope']) {
    await page.goto(shopUrl() + path)
    titles.add(await page.title())
    await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /\S/)
  }
  expect(titles.size).toBe(6)
  await page.goto(`${shopUrl()}/?q=milk`)
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex, follow')
  await page.goto(shopUrl())
  await expect(page.locator('meta[name="robots"]')).toHaveCount(0)
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', `${shopUrl()}/`)
})

test('sitemap.xml lists the catalogue and every published item; robots.txt points to it', async ({ request }) => {
  const sitemap = await request.get(`${shopUrl()}/sitemap.xml`)
  expect(sitemap.status()).toBe(200)
  expect(sitemap.headers()['content-type']).toContain('application/xml')
  const xml = await sitemap.text()
  expect(xml).toContain(`<loc>${shopUrl()}/</loc>`)
  expect(xml).toContain(`<loc>${shopUrl()}/items/kaya-spread-400-g</loc>`)
  expect(xml).toContain(`<loc>${shopUrl()}/items/isotonic-drink-500-ml</loc>`)
  expect(xml.match(/<url>/g)?.length).toBeGreaterThan(21)

  const robots = await request.get(`${shopUrl()}/robots.txt`)
  expect(await robots.text()).toContain(`Sitemap: ${shopUrl()}/sitemap.xml`)
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
    for (const path of ['/', '/items/kaya-spread-400-g', '/?q=milk', '/sitemap.xml']) {
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
