import { expect, type Page, test } from '@playwright/test'

import { login, rest } from '../helpers/rest'
import { type Cms, startCms, TEST_ADMIN_PASSWORD } from '../helpers/servers'
import { randomBase32Secret, totpCode } from '../helpers/totp'

/**
 * The two-factor pages go "back" after a correct code (issue 11, finding 2): only to a page of
 * the admin's own origin, never to a javascript: URL or another site; and the admin runs under
 * its Content-Security-Policy without the browser refusing anything it needs.
 */
let cms: Cms
const secret = randomBase32Secret()

test.beforeAll(async () => {
  test.setTimeout(180_000)
  cms = await startCms()
  const admin = await login(cms.url, 'unclepat', TEST_ADMIN_PASSWORD)
  const created = await rest(cms.url, 'users', {
    method: 'POST',
    token: admin,
    body: { username: 'mei', password: 'mei-password-123', roles: ['staff'] },
  })
  expect(created.status).toBe(201)
  const token = await login(cms.url, 'mei', 'mei-password-123')
  const setup = await rest(cms.url, 'setup-totp', { method: 'POST', token, body: { secret, token: totpCode(secret) } })
  expect(setup.body).toEqual({ ok: true })
})
test.afterAll(() => cms?.stop())

async function logInWithPassword(page: Page, username: string, password: string): Promise<void> {
  await page.goto(`${cms.url}/admin/login`)
  await page.locator('#field-username').fill(username)
  await page.locator('#field-password').fill(password)
  await page.locator('button[type="submit"]').click()
}

async function typeCode(page: Page): Promise<void> {
  await page.locator('input[maxlength="1"]').first().click()
  await page.keyboard.type(totpCode(secret))
}

test('the verify page never follows a javascript: or foreign back= address', async ({ browser }) => {
  for (const back of ["javascript:alert('back')", '//evil.example.test/admin', '/\\evil.example.test', 'https://evil.example.test/']) {
    const page = await browser.newPage()
    const dialogs: string[] = []
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message())
      await dialog.dismiss()
    })
    await logInWithPassword(page, 'mei', 'mei-password-123')
    await expect(page).toHaveURL(/\/admin\/verify-totp/)
    await page.goto(`${cms.url}/admin/verify-totp?back=${encodeURIComponent(back)}`)
    await expect(page.getByRole('heading', { name: 'Verification' })).toBeVisible()
    await typeCode(page)
    await expect(page).not.toHaveURL(/verify-totp/)
    expect(new URL(page.url()).origin, back).toBe(cms.url)
    expect(dialogs, back).toEqual([])
    await page.close()
  }
})

test('a same-origin back= address is followed', async ({ browser }) => {
  const page = await browser.newPage()
  await logInWithPassword(page, 'mei', 'mei-password-123')
  await expect(page).toHaveURL(/\/admin\/verify-totp/)
  await page.goto(`${cms.url}/admin/verify-totp?back=${encodeURIComponent('/admin/collections/items')}`)
  await typeCode(page)
  await expect(page).toHaveURL(`${cms.url}/admin/collections/items`)
  await page.close()
})

test('the admin panel works under its CSP: no refusals on login, dashboard, item edit and two-factor pages', async ({ browser }) => {
  const page = await browser.newPage()
  const refusals: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) refusals.push(`${page.url()}: ${message.text()}`)
  })
  page.on('pageerror', (error) => {
    if (/Content Security Policy|Refused to/i.test(error.message)) refusals.push(`${page.url()}: ${error.message}`)
  })
  await logInWithPassword(page, 'unclepat', TEST_ADMIN_PASSWORD)
  await expect(page.getByRole('link', { name: /items/i }).first()).toBeVisible()
  await page.goto(`${cms.url}/admin/collections/items/create`)
  await page.locator('#field-name').fill('CSP bun')
  const admin = await login(cms.url, 'unclepat', TEST_ADMIN_PASSWORD)
  const item = await rest(cms.url, 'items', {
    method: 'POST',
    token: admin,
    body: { name: 'CSP loaf', price: 250, quantity: 3, _status: 'published' },
  })
  expect(item.status).toBe(201)
  await page.goto(`${cms.url}/admin/collections/items`)
  await expect(page.locator('.table')).toContainText('CSP loaf')
  await page.goto(`${cms.url}/admin/collections/items/${item.body.doc.id}`)
  await expect(page.locator('#field-name')).toHaveValue('CSP loaf')
  await expect(page.locator('[contenteditable="true"]').first()).toBeVisible()
  await page.goto(`${cms.url}/admin/setup-totp`)
  await expect(page.getByRole('heading', { name: 'Setup Two-Factor Authentication' })).toBeVisible()
  await page.context().clearCookies()
  await logInWithPassword(page, 'mei', 'mei-password-123')
  await expect(page).toHaveURL(/\/admin\/verify-totp/)
  await typeCode(page)
  await expect(page).not.toHaveURL(/verify-totp/)
  await page.goto(`${cms.url}/admin/account`)
  await expect(page.locator('#field-username')).toBeVisible()
  expect(refusals).toEqual([])
  await page.close()
})
