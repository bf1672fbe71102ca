import { expect, test } from '@playwright/test'

import { logInToAdmin } from './admin'
import { cmsUrl, shopUrl } from './apps'

test('Uncle Pat adds an item in the admin panel and a shopper sees it on the shop', async ({ page }) => {
  await logInToAdmin(page)

  await page.goto(`${cmsUrl()}/admin/collections/items/create`)
  await page.locator('#field-name').fill('Durian Puffs (6)')
  await page.locator('#field-price').fill('7.90')
  await page.locator('#field-quantity').fill('4')
  const editor = page.locator('.rich-text-lexical [contenteditable="true"]').first()
  await editor.click()
  await editor.pressSequentially('Creamy Mao Shan Wang in choux pastry.')
  await page.locator('#action-save').click()
  await expect(page).toHaveURL(/\/admin\/collections\/items\/\d+/)

  // The shopper's side, at once (the CMS purged the shop's cache): found with the right price and stock.
  await page.goto(`${shopUrl()}/?q=durian+puffs`)
  const card = page.locator('li.card', { hasText: 'Durian Puffs (6)' })
  await expect(card).toBeVisible()
  await expect(card.locator('.price')).toHaveText('$7.90')
  await expect(card.locator('.stock')).toHaveText('Only 4 left')

  await card.getByRole('link', { name: 'Durian Puffs (6)' }).click()
  await expect(page).toHaveURL(/\/items\/durian-puffs-6\?q=durian\+puffs$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Durian Puffs (6)')
  await expect(page.locator('.description')).toContainText('Creamy Mao Shan Wang in choux pastry.')
})

test('a wrong password does not open the admin panel', async ({ page }) => {
  await page.goto(`${cmsUrl()}/admin/login`)
  await page.locator('#field-username').fill('unclepat')
  await page.locator('#field-password').fill('not-the-password')
  await page.locator('button[type="submit"]').click()
  await expect(page.getByText(/incorrect/i)).toBeVisible()
  await expect(page).toHaveURL(/\/admin\/login/)
})
