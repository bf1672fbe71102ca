/**
 * Walking the shop by aisle in a real browser: the header's aisle menu by keyboard (no
 * JavaScript needed), an aisle's list with sort, filter and pages in the URL, its breadcrumb,
 * item pages leading back to their aisles; and Uncle Pat making an aisle and filling it in the admin.
 */
import { expect, type Page, test } from '@playwright/test'

import { login, rest } from '../helpers/rest'
import { TEST_ADMIN_PASSWORD } from '../helpers/servers'
import { logInToAdmin } from './admin'
import { cmsUrl, shopUrl } from './apps'
import { ensureItems, wafers } from './cms'

const WAFER_AISLE = { name: 'Wafers & biscuits', slug: 'wafers-biscuits', position: 25, description: 'Crisp wafer rolls in every flavour.' }

test.beforeAll(async () => {
  // An aisle of 30 wafers: two pages.
  await ensureItems(cmsUrl(), wafers)
  const token = await login(cmsUrl(), 'unclepat', TEST_ADMIN_PASSWORD)
  let aisle = (await rest(cmsUrl(), `categories?where[slug][equals]=${WAFER_AISLE.slug}&depth=0`)).body.docs[0]
  aisle ??= (await rest(cmsUrl(), 'categories', { method: 'POST', token, body: WAFER_AISLE })).body.doc
  const moved = await rest(cmsUrl(), 'items?where[name][like]=Wafer Roll No.&limit=0', {
    method: 'PATCH',
    token,
    body: { categories: [aisle.id] },
  })
  expect(moved.status, JSON.stringify(moved.body)).toBe(200)
})

/** Presses Tab until the element is focused (a keyboard user's path), at most `limit` times. */
async function tabTo(page: Page, target: ReturnType<Page['locator']>, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab')
    if (await target.evaluate((element) => element === document.activeElement)) return
  }
  throw new Error(`Tab never reached ${target}`)
}

const cardNames = (page: Page) => page.locator('li.card h2').allTextContents()

test('the header aisle menu opens and is walked by keyboard alone, with JavaScript off', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  try {
    await page.goto(shopUrl())
    const menu = page.getByRole('navigation', { name: 'Aisles' })
    const toggle = menu.locator('summary')
    await expect(menu.getByRole('link', { name: 'Snacks' })).toBeHidden()
    await tabTo(page, toggle)
    await page.keyboard.press('Enter')
    await expect(menu.getByRole('link', { name: 'Snacks' })).toBeVisible()
    await tabTo(page, menu.getByRole('link', { name: 'Snacks' }))
    await page.keyboard.press('Enter')
    await expect(page).toHaveURL(`${shopUrl()}/aisles/snacks`)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Snacks')
    await expect(page).toHaveTitle("Snacks · Uncle Pat's Minimart")
    expect(await cardNames(page)).toEqual([
      'Dark Chocolate Bar 100 g',
      'Pineapple Tarts (12)',
      'Potato Chips, Sea Salt 150 g',
      'Prawn Crackers 100 g',
    ])
    // The menu marks where the shopper is; Space closes it again.
    await page.getByRole('navigation', { name: 'Aisles' }).locator('summary').focus()
    await page.keyboard.press('Space')
    await expect(menu.getByRole('link', { name: 'Snacks' })).toHaveAttribute('aria-current', 'page')
    await page.keyboard.press('Space')
    await expect(menu.getByRole('link', { name: 'Snacks' })).toBeHidden()
  } finally {
    await context.close()
  }
})

test('the home page lists the aisles, each a link to its page', async ({ page }) => {
  await page.goto(shopUrl())
  const aisles = page.getByRole('region', { name: 'Shop by aisle' })
  const names = (await aisles.locator('.name').allTextContents()).slice(0, 4)
  expect(names).toEqual(['Drinks', 'Snacks', WAFER_AISLE.name, 'Breakfast & staples'])
  await aisles.getByRole('link', { name: /Breakfast & staples/ }).click()
  await expect(page).toHaveURL(`${shopUrl()}/aisles/breakfast-staples`)
  await expect(page.getByText('Rice, noodles, bread, eggs, kaya')).toBeVisible()
})

test("an aisle's list pages, sorts and filters like the catalogue, all in the URL, with a breadcrumb back", async ({ page }) => {
  const aisleUrl = `${shopUrl()}/aisles/${WAFER_AISLE.slug}`
  await page.goto(aisleUrl)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(WAFER_AISLE.name)
  await expect(page.locator('.count')).toHaveText('Showing 1–24 of 30 items')
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Page 2' }).click()
  await expect(page).toHaveURL(`${aisleUrl}?page=2`)
  await expect(page.locator('li.card')).toHaveCount(6)

  await page.getByLabel('Sort by').selectOption({ label: 'Price, low to high' })
  await page.getByLabel('In stock only', { exact: true }).check()
  await page.getByLabel('Search in Wafers & biscuits').fill('wafer')
  await page.getByRole('button', { name: 'Show items' }).click()
  await expect(page).toHaveURL(`${aisleUrl}?q=wafer&sort=price-asc&inStock=1`)
  await expect(page.locator('.count')).toHaveText('20 items')
  expect((await cardNames(page)).slice(0, 2)).toEqual(['Wafer Roll No. 01', 'Wafer Roll No. 02'])
  const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' })
  await expect(crumbs.getByRole('link', { name: WAFER_AISLE.name })).toHaveAttribute('href', `/aisles/${WAFER_AISLE.slug}`)

  // To an item and back to the same view of the aisle.
  await page.getByRole('link', { name: 'Wafer Roll No. 02' }).click()
  await expect(page).toHaveURL(`${shopUrl()}/items/wafer-roll-no-02?q=wafer&sort=price-asc&inStock=1&aisle=${WAFER_AISLE.slug}`)
  const itemCrumbs = page.getByRole('navigation', { name: 'Breadcrumb' })
  await expect(itemCrumbs.getByRole('link')).toHaveText(['Shop', WAFER_AISLE.name, 'Results for “wafer”'])
  await itemCrumbs.getByRole('link', { name: 'Results for “wafer”' }).click()
  await expect(page).toHaveURL(`${aisleUrl}?q=wafer&sort=price-asc&inStock=1`)
  await expect(page.getByLabel('Sort by')).toHaveValue('price-asc')
  // Clear all goes back to the aisle, not the whole shop.
  await page.getByRole('list', { name: 'Filters in use' }).getByRole('link', { name: 'Clear all' }).click()
  await expect(page).toHaveURL(aisleUrl)
})

test('an item page links to its aisles', async ({ page }) => {
  await page.goto(`${shopUrl()}/items/kopi-o-coffee-powder-500-g`)
  const aisles = page.getByRole('navigation', { name: 'Aisles with this item' })
  await expect(aisles.getByRole('link')).toHaveText(['Drinks', 'Breakfast & staples'])
  await aisles.getByRole('link', { name: 'Drinks' }).click()
  await expect(page).toHaveURL(`${shopUrl()}/aisles/drinks`)
  await expect(page.locator('li.card[data-item="kopi-o-coffee-powder-500-g"]')).toBeVisible()
})

test('an unknown aisle is a 404', async ({ page }) => {
  expect((await page.goto(`${shopUrl()}/aisles/no-such-aisle`))?.status()).toBe(404)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("We couldn't find that")
})

test('Uncle Pat makes an aisle in the admin and puts an item in it; shoppers see it at once', async ({ page }) => {
  // The admin's first pages are slow on a busy two-core machine (57 s measured under load 10).
  test.setTimeout(180_000)
  await logInToAdmin(page)

  await page.goto(`${cmsUrl()}/admin/collections/categories/create`)
  await page.locator('#field-name').fill('Frozen food')
  await page.locator('#field-position').fill('60')
  await page.locator('#field-description').fill('Ice cream, dumplings and frozen peas.')
  await page.locator('#action-save').click()
  await expect(page).toHaveURL(/\/admin\/collections\/categories\/[\da-f]+$/)
  await expect(page.locator('#field-slug')).toHaveValue('frozen-food')

  // The item's edit page: its aisles are in the sidebar.
  const { body } = await rest(cmsUrl(), 'items?where[slug][equals]=full-cream-milk-1-l&depth=0')
  await page.goto(`${cmsUrl()}/admin/collections/items/${body.docs[0].id}`)
  const aisles = page.locator('#field-categories')
  await expect(aisles).toContainText('Drinks')
  await aisles.locator('.rs__input').fill('Frozen')
  await page.locator('.rs__option', { hasText: 'Frozen food' }).click()
  await expect(aisles).toContainText('Frozen food')
  await page.locator('#action-save').click()
  await expect(page.locator('.payload-toast-container')).toContainText(/published|updated/i)

  await page.goto(`${shopUrl()}/aisles/frozen-food`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Frozen food')
  expect(await cardNames(page)).toEqual(['Full Cream Milk 1 L'])
  await page.getByRole('navigation', { name: 'Aisles' }).locator('summary').click()
  await expect(page.getByRole('navigation', { name: 'Aisles' }).getByRole('link', { name: 'Frozen food' })).toBeVisible()
})
