/**
 * A shopper finding things: search, each sort, each filter, pages, and all of them together,
 * always in the URL so a link reproduces the view.
 */
import { expect, type Page, test } from '@playwright/test'

import { cmsUrl, shopUrl } from './apps'
import { ensureItems, wafers } from './cms'

test.beforeAll(async () => {
  await ensureItems(cmsUrl(), wafers)
})

const cardNames = (page: Page) => page.locator('li.card h2').allTextContents()
const cardPrices = async (page: Page) =>
  (await page.locator('li.card .price').allTextContents()).map((text) => Math.round(Number(text.replace(/[^\d.]/g, '')) * 100))

test('search from the header box finds items by name and description', async ({ page }) => {
  await page.goto(shopUrl())
  await page.getByRole('searchbox', { name: 'Search the shop' }).fill('pandan')
  await page.getByRole('button', { name: 'Search' }).click()
  await expect(page).toHaveURL(`${shopUrl()}/?q=pandan`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Results for “pandan”')
  expect(await cardNames(page)).toEqual(['Kaya Spread 400 g'])
  await expect(page.getByRole('searchbox', { name: 'Search the shop' })).toHaveValue('pandan')
})

test('results come in pages of 24, with numbered links that keep the search', async ({ page }) => {
  await page.goto(`${shopUrl()}/?q=wafer`)
  await expect(page.locator('.count')).toHaveText('Showing 1–24 of 30 items')
  await expect(page.locator('li.card')).toHaveCount(24)
  const pages = page.getByRole('navigation', { name: 'Pages' })
  await expect(pages.getByRole('link', { name: 'Page 1, this page' })).toHaveAttribute('aria-current', 'page')
  await pages.getByRole('link', { name: 'Page 2' }).click()
  await expect(page).toHaveURL(`${shopUrl()}/?q=wafer&page=2`)
  await expect(page.locator('.count')).toHaveText('Showing 25–30 of 30 items')
  await expect(page.locator('li.card')).toHaveCount(6)
  await pages.getByRole('link', { name: /Previous/ }).click()
  await expect(page).toHaveURL(`${shopUrl()}/?q=wafer`)
})

test('by default sold-out items come after available ones; sorting by name mixes them in', async ({ page }) => {
  await page.goto(`${shopUrl()}/?q=wafer`)
  // The 20 available wafers come first, then the 10 sold-out ones.
  expect(await page.locator('li.card .stock').allTextContents()).toEqual([...Array(20).fill('In stock'), ...Array(4).fill('Sold out')])
  await page.goto(`${shopUrl()}/?q=wafer&page=2`)
  expect(await page.locator('li.card .stock').allTextContents()).toEqual(Array(6).fill('Sold out'))

  await page.goto(`${shopUrl()}/?q=wafer&sort=name`)
  const names = await cardNames(page)
  expect(names.slice(0, 4)).toEqual(['Wafer Roll No. 01', 'Wafer Roll No. 02', 'Wafer Roll No. 03', 'Wafer Roll No. 04'])
  await expect(page.locator('li.card[data-item="wafer-roll-no-03"] .stock')).toHaveText('Sold out')
})

test('each sort, chosen in the form, lands in the URL', async ({ page }) => {
  await page.goto(`${shopUrl()}/?q=wafer`)
  const sorts = [
    ['Price, low to high', 'price-asc'],
    ['Price, high to low', 'price-desc'],
    ['Newest first', 'newest'],
    ['Name, A to Z', 'name'],
  ] as const
  for (const [label, value] of sorts) {
    await page.getByLabel('Sort by').selectOption({ label })
    await page.getByRole('button', { name: 'Show items' }).click()
    await expect(page).toHaveURL(`${shopUrl()}/?q=wafer&sort=${value}`)
    await expect(page.getByLabel('Sort by')).toHaveValue(value)
    const prices = await cardPrices(page)
    const names = await cardNames(page)
    if (value === 'price-asc') expect(prices.slice(0, 3)).toEqual([100, 110, 120])
    if (value === 'price-desc') expect(prices.slice(0, 3)).toEqual([390, 380, 370])
    if (value === 'newest') expect(names[0]).toBe('Wafer Roll No. 30')
    if (value === 'name') expect(names[0]).toBe('Wafer Roll No. 01')
  }
})

test('in stock only, and a price range', async ({ page }) => {
  await page.goto(`${shopUrl()}/?q=wafer`)
  await page.getByLabel('In stock only', { exact: true }).check()
  await page.getByRole('button', { name: 'Show items' }).click()
  await expect(page).toHaveURL(`${shopUrl()}/?q=wafer&inStock=1`)
  await expect(page.locator('.count')).toHaveText('20 items')
  expect(await page.locator('li.card .stock').allTextContents()).not.toContain('Sold out')

  await page.goto(`${shopUrl()}/?q=wafer`)
  await page.getByLabel('From', { exact: true }).fill('1.50')
  await page.getByLabel('To', { exact: true }).fill('2')
  await page.getByRole('button', { name: 'Show items' }).click()
  await expect(page).toHaveURL(`${shopUrl()}/?q=wafer&min=1.50&max=2.00`)
  const prices = await cardPrices(page)
  expect(prices.length).toBe(6)
  expect(prices.every((cents) => cents >= 150 && cents <= 200)).toBe(true)
  await expect(page.getByRole('link', { name: 'Remove filter: $1.50 to $2.00' })).toBeVisible()
})

test('everything together: a link reproduces the view, and each filter can be removed', async ({ page }) => {
  const view = '/?q=wafer&sort=price-desc&inStock=1&min=1.00&max=3.00'
  await page.goto(shopUrl() + view)
  await expect(page).toHaveURL(shopUrl() + view)
  await expect(page.getByLabel('Sort by')).toHaveValue('price-desc')
  await expect(page.getByLabel('In stock only', { exact: true })).toBeChecked()
  await expect(page.getByLabel('From', { exact: true })).toHaveValue('1.00')
  await expect(page.getByLabel('To', { exact: true })).toHaveValue('3.00')
  // In stock and $1.00 to $3.00: 14 wafers, dearest first ($3.00 itself is sold out).
  await expect(page.locator('.count')).toHaveText('14 items')
  const prices = await cardPrices(page)
  expect(prices.slice(0, 3)).toEqual([290, 280, 260])
  expect(prices.slice(-2)).toEqual([110, 100])

  await page.getByRole('link', { name: 'Remove filter: In stock only' }).click()
  await expect(page).toHaveURL(`${shopUrl()}/?q=wafer&sort=price-desc&min=1.00&max=3.00`)
  await page.getByRole('link', { name: 'Remove filter: “wafer”' }).click()
  await expect(page).toHaveURL(`${shopUrl()}/?sort=price-desc&min=1.00&max=3.00`)

  await page.goto(`${shopUrl()}/?q=wafer&sort=price-desc&page=2`)
  expect(await cardPrices(page)).toEqual([150, 140, 130, 120, 110, 100])
  await expect(page.getByRole('link', { name: 'Page 1' })).toHaveAttribute('href', '/?q=wafer&sort=price-desc')
})

test('no results say so and offer to clear the filters', async ({ page }) => {
  await page.goto(`${shopUrl()}/?q=wafer&max=0.50`)
  await expect(page.getByText('Nothing matches “wafer” with these filters.')).toBeVisible()
  await page.getByRole('link', { name: 'Search all items for “wafer”' }).click()
  await expect(page).toHaveURL(`${shopUrl()}/?q=wafer`)

  await page.goto(`${shopUrl()}/?q=unobtainium`)
  await expect(page.getByText('Nothing matches “unobtainium”.')).toBeVisible()
  await page.getByRole('link', { name: 'Clear all filters' }).click()
  await expect(page).toHaveURL(`${shopUrl()}/`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Everything in the shop')
})

test('a typo or the other number still finds things, best match first; "Best match" is the default order when searching', async ({
  page,
}) => {
  await page.goto(`${shopUrl()}/?q=waffer+rolls`)
  expect((await cardNames(page)).slice(0, 2)).toEqual(['Wafer Roll No. 01', 'Wafer Roll No. 02'])
  await expect(page.getByLabel('Sort by')).toHaveValue('relevance')
  await page.goto(`${shopUrl()}/?q=choclate`)
  expect((await cardNames(page))[0]).toBe('Dark Chocolate Bar 100 g')
  // Without search words there is no best match: the link tidies to the catalogue's default.
  await page.goto(`${shopUrl()}/?sort=relevance`)
  await expect(page).toHaveURL(`${shopUrl()}/`)
  await expect(page.getByLabel('Sort by').locator('option[value="relevance"]')).toHaveCount(0)
})

test('when nothing matches, "did you mean" links to the closest items', async ({ page }) => {
  await page.goto(`${shopUrl()}/?q=chocolate+xylophone`)
  await expect(page.getByText('Nothing matches “chocolate xylophone”.')).toBeVisible()
  const suggestions = page.getByRole('list', { name: 'Did you mean' }).getByRole('link')
  await expect(suggestions.first()).toHaveText('Dark Chocolate Bar 100 g')
  await suggestions.first().click()
  await expect(page).toHaveURL(`${shopUrl()}/items/dark-chocolate-bar-100-g`)
})

test('mangled links show a sensible default; mistyped prices and endless searches get a 400 page that keeps the input', async ({
  page,
}) => {
  for (const mangled of ['/?page=-3', '/?sort=DROP', '/?page=abc&sort=', '/?inStock=maybe']) {
    const response = await page.goto(shopUrl() + mangled)
    expect(response?.status(), mangled).toBe(200)
    await expect(page).toHaveURL(`${shopUrl()}/`)
  }

  const response = await page.goto(`${shopUrl()}/?q=wafer&min=abc`)
  expect(response?.status()).toBe(400)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Please check your search')
  await expect(page.getByLabel('From', { exact: true })).toHaveValue('abc')
  await expect(page.getByLabel('From', { exact: true })).toHaveAttribute('aria-invalid', 'true')
  await expect(page.locator('#min-error')).toHaveText('Lowest price must be an amount like 12.50.')
  await page.getByLabel('From', { exact: true }).fill('1')
  await page.getByRole('button', { name: 'Show items' }).click()
  await expect(page).toHaveURL(`${shopUrl()}/?q=wafer&min=1.00`)

  const long = await page.goto(`${shopUrl()}/?q=${'x'.repeat(10_000)}`)
  expect(long?.status()).toBe(400)
  await expect(page.getByRole('alert')).toContainText('Search for at most 100 characters.')

  const past = await page.goto(`${shopUrl()}/?q=wafer&page=40`)
  expect(past?.status()).toBe(404)
  await expect(page.getByText("There's no page 40 here: this list has 2 pages.")).toBeVisible()
})

test('the pages work with JavaScript off', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await page.goto(shopUrl())
  await page.getByRole('searchbox', { name: 'Search the shop' }).fill('wafer')
  await page.getByRole('searchbox', { name: 'Search the shop' }).press('Enter')
  await expect(page).toHaveURL(`${shopUrl()}/?q=wafer`)
  await page.getByLabel('In stock only', { exact: true }).check()
  await page.getByRole('button', { name: 'Show items' }).click()
  await expect(page).toHaveURL(`${shopUrl()}/?q=wafer&inStock=1`)
  await page.getByRole('link', { name: 'Wafer Roll No. 01' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Wafer Roll No. 01')
  await context.close()
})
