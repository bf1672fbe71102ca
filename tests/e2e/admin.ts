/** What the admin-panel specs share: signing in through the login page, and the axe rules. */
import { expect, type Page } from '@playwright/test'

import { TEST_ADMIN_PASSWORD } from '../helpers/servers'
import { cmsUrl } from './apps'

/** WCAG 2.2 AA, and axe's best practices: what every page of the shop and the admin must pass. */
export const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']

/** Signs in on the admin's login page, as Uncle Pat unless told otherwise, and lands on the dashboard. */
export async function logInToAdmin(page: Page, username = 'unclepat', password = TEST_ADMIN_PASSWORD): Promise<void> {
  await page.goto(`${cmsUrl()}/admin/login`)
  await page.locator('#field-username').fill(username)
  await page.locator('#field-password').fill(password)
  await page.locator('button[type="submit"]').click()
  await expect(page).toHaveURL(/\/admin\/?$/)
}
