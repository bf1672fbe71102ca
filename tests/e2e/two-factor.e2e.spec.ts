import { expect, test } from '@playwright/test'

import { startCms, TEST_ADMIN_PASSWORD } from '../helpers/servers'
import { totpCode } from '../helpers/totp'

/**
 * Two-factor authentication in the browser, on a CMS with TOTP_REQUIRED_FOR_ADMINS=true (as in
 * the docker-compose stack): the admin is sent to set it up after the password, and afterwards
 * every login asks for the code.
 */
test('an admin sets up two-factor on first login, then needs the code to get in', async ({ browser }) => {
  test.setTimeout(180_000)
  const cms = await startCms({ env: { TOTP_REQUIRED_FOR_ADMINS: 'true' } })
  try {
    const page = await browser.newPage()
    const logInWithPassword = async () => {
      await page.goto(`${cms.url}/admin/login`)
      await page.locator('#field-username').fill('unclepat')
      await page.locator('#field-password').fill(TEST_ADMIN_PASSWORD)
      await page.locator('button[type="submit"]').click()
    }
    const typeCode = async (secret: string) => {
      await page.locator('input[maxlength="1"]').first().click()
      await page.keyboard.type(totpCode(secret))
    }

    await logInWithPassword()
    await expect(page).toHaveURL(/\/admin\/setup-totp/)
    await expect(page.getByRole('heading', { name: 'Setup Two-Factor Authentication' })).toBeVisible()
    await page.getByText('Add code manually').click()
    const secret = await page.locator('input[name="secret"]').inputValue()
    await typeCode(secret)
    await expect(page).not.toHaveURL(/setup-totp/)
    await page.goto(`${cms.url}/admin/collections/users`)
    await expect(page.locator('.table')).toContainText('unclepat')

    // Next time: password, then the code.
    await page.context().clearCookies()
    await logInWithPassword()
    await expect(page).toHaveURL(/\/admin\/verify-totp/)
    await typeCode(secret)
    await expect(page).not.toHaveURL(/verify-totp/)
    await page.goto(`${cms.url}/admin/collections/users`)
    await expect(page.locator('.table')).toContainText('unclepat')
    await page.close()
  } finally {
    await cms.stop()
  }
})
