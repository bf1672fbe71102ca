import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'

import { formatMoney } from '../../shared/money'
import { TEST_ADMIN_PASSWORD } from '../helpers/servers'
import { logInToAdmin, WCAG_AA } from './admin'
import { cmsUrl, shopUrl } from './apps'
import { createItem } from './cms'

/**
 * Uncle Pat's dashboard (the admin's first screen) and an item's SEO tab, in a real browser: the
 * figures the database computed, the lowest-stock list one click from each item, the latest
 * changes, the chart's words; and SEO fields edited in the admin showing up in the shop's head.
 */

/** The dashboard's figures as GET /api/dashboard gives them (checked on both databases by tests/int/dashboard). */
async function figures(): Promise<any> {
  const login = await fetch(`${cmsUrl()}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'unclepat', password: TEST_ADMIN_PASSWORD }),
  })
  const { token } = await login.json()
  return (await fetch(`${cmsUrl()}/api/dashboard`, { headers: { authorization: `JWT ${token}` } })).json()
}

for (const width of [1280, 375]) {
  test(`the dashboard after login shows the shop's figures and the fewest in stock, one click from each (${width} px)`, async ({
    page,
  }, testInfo) => {
    await page.setViewportSize({ width, height: 900 })
    await logInToAdmin(page)
    const dashboard = page.locator('#minimart-dashboard')
    await expect(dashboard.getByRole('heading', { name: 'Your shop today' })).toBeVisible()
    const expected = await figures()
    const figure = (id: string) => dashboard.locator(`[data-figure="${id}"]`)
    await expect(figure('on-sale')).toHaveText(String(expected.onSale))
    await expect(figure('sold-out')).toHaveText(String(expected.soldOut))
    await expect(figure('low-stock')).toHaveText(String(expected.lowStock))
    await expect(figure('drafts')).toHaveText(String(expected.drafts))
    await expect(figure('stock-value')).toHaveText(formatMoney(expected.stockValue, { currency: 'SGD', locale: 'en-SG' }))
    expect(expected.onSale).toBeGreaterThan(0)

    const rows = dashboard.locator('#minimart-lowest tbody tr')
    await expect(rows).toHaveCount(10)
    await expect(rows.first()).toContainText(expected.lowest[0].name)
    await expect(dashboard.locator('#minimart-changes li').first()).toBeVisible()
    await expect(dashboard.locator('#minimart-chart-summary')).toContainText(/item edits? in the last 30 days/)
    await expect(dashboard.getByRole('img', { name: /in the last 30 days/ })).toBeVisible()

    const { violations } = await new AxeBuilder({ page }).include('#minimart-dashboard').withTags(WCAG_AA).analyze()
    expect(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([])
    await page.screenshot({ path: testInfo.outputPath(`dashboard-${width}.png`), fullPage: true })

    // One click opens the item with the fewest in stock.
    await rows.first().getByRole('link').click()
    await expect(page).toHaveURL(new RegExp(`/admin/collections/items/${expected.lowest[0].id}$`))
    await expect(page.locator('#field-name')).toHaveValue(expected.lowest[0].name)
  })
}

test('SEO fields are edited in the item’s SEO tab and show in the shop’s head', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 900 })
  await logInToAdmin(page)
  // An item of its own: other tests read the demo items' default titles.
  const kaya = await createItem(cmsUrl(), { name: 'Seo Kaya Jar', price: 520, quantity: 8 })
  await page.goto(`${shopUrl()}/items/${kaya.slug}`)
  await expect(page).toHaveTitle("Seo Kaya Jar · Uncle Pat's Minimart")

  await page.goto(`${cmsUrl()}/admin/collections/items/${kaya.id}`)
  await page.locator('.tabs-field__tab-button', { hasText: 'SEO' }).click()
  const title = page.locator('#field-meta__title')
  await expect(title).toBeVisible()
  await title.fill('Kaya spread, 400 g jar — fresh every week')
  await page
    .locator('#field-meta__description')
    .fill('Pandan kaya for your toast, made in Singapore. Pick it up at Uncle Pat’s, open daily.')
  await page.screenshot({ path: testInfo.outputPath('seo-tab.png'), fullPage: true })
  await page.locator('#action-save').click()
  await expect(page.getByText(/successfully/i).first()).toBeVisible()

  await expect
    .poll(async () => {
      await page.goto(`${shopUrl()}/items/${kaya.slug}`)
      return page.title()
    })
    .toBe('Kaya spread, 400 g jar — fresh every week')
  await expect(page.locator('meta[name="description"]')).toHaveAttribute(
    'content',
    'Pandan kaya for your toast, made in Singapore. Pick it up at Uncle Pat’s, open daily.',
  )
  const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').first().textContent()) ?? '{}')
  expect(jsonLd).toMatchObject({
    '@type': 'Product',
    name: 'Seo Kaya Jar',
    description: 'Pandan kaya for your toast, made in Singapore. Pick it up at Uncle Pat’s, open daily.',
  })
})
