/**
 * The admin's Items list at the bench's catalogue size, timed in a real browser (Chromium, as the
 * e2e tests run it): signed in as the seeded admin, from the click on "Items" in the side menu to
 * the first row of the table on screen, then each sortable column's first page, then its search
 * box (by name or SKU) for one item's name and for a word in many. Printed, never asserted.
 */
import { expect } from '@playwright/test'
import { chromium } from 'playwright'

import { CHROMIUM_LAUNCH } from '../helpers/chromium.ts'
import { TEST_ADMIN_PASSWORD } from '../helpers/servers.ts'
import { benchNameParts } from './seed.ts'

const SORTS = ['name', 'sku', 'price', 'quantity', '_status', 'updatedAt']

export async function measureAdminList(cmsUrl: string): Promise<Array<[string, number]>> {
  // Signed in through the API (the bench's production CMS only trusts its public origin for a
  // cookie login from a page); the token goes into the browser as the login cookie.
  const login = await fetch(`${cmsUrl}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'unclepat', password: TEST_ADMIN_PASSWORD }),
  })
  const { token } = (await login.json()) as { token?: string }
  if (!token) throw new Error(`admin login for the list timing answered ${login.status}`)
  const browser = await chromium.launch(CHROMIUM_LAUNCH)
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    await context.addCookies([{ name: 'payload-token', value: token, url: cmsUrl }])
    const page = await context.newPage()
    const timings: Array<[string, number]> = []
    await page.goto(`${cmsUrl}/admin`)
    // The side menu starts closed (inert) until opened, as a shopkeeper would.
    const link = page.locator('#nav-items')
    await link.waitFor({ timeout: 60_000 })
    const inert = () => link.evaluate((element) => Boolean(element.closest('[inert]')))
    if (await inert()) await page.locator('.nav-toggler, .template-default__nav-toggler, button[aria-label="Open Menu"]').first().click()
    await expect.poll(inert, { timeout: 60_000 }).toBe(false)
    let started = performance.now()
    await link.click()
    await page.locator('.table tbody tr').first().waitFor({ timeout: 60_000 })
    timings.push(['Items list: click in the menu → table', (performance.now() - started) / 1000])
    for (const sort of SORTS) {
      started = performance.now()
      await page.goto(`${cmsUrl}/admin/collections/items?sort=-${sort}&limit=10&page=1`)
      await page.locator('.table tbody tr').first().waitFor({ timeout: 60_000 })
      timings.push([`Items list sorted by ${sort} (descending), loaded → table`, (performance.now() - started) / 1000])
    }
    const one = benchNameParts(7)
    for (const words of [one.name, one.product.split(' ')[0]!]) {
      started = performance.now()
      await page.goto(`${cmsUrl}/admin/collections/items?search=${encodeURIComponent(words)}&limit=10&page=1`)
      await page.locator('.table tbody tr').first().waitFor({ timeout: 60_000 })
      timings.push([`Items list searched for "${words}", loaded → table`, (performance.now() - started) / 1000])
    }
    return timings
  } finally {
    await browser.close()
  }
}
