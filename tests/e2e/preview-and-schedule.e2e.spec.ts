import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'

import { PREVIEW_LINK_SECONDS, signPreview } from '../../shared/preview.ts'
import { login, rest } from '../helpers/rest'
import { paragraph } from '../helpers/richText'
import { TEST_ADMIN_PASSWORD } from '../helpers/servers'
import { logInToAdmin, WCAG_AA } from './admin'
import { cmsUrl, revalidateSecret, shopUrl } from './apps'

/**
 * "Preview on the shop" and scheduled publishing in a real browser: staff open the preview from
 * an item's edit screen and see the draft with its banner; a stranger with a copied link that is
 * altered or expired sees the public page; staff schedule a publish in Payload's Schedule drawer.
 */

/** Set to a folder to keep screenshots of the preview page and the schedule drawer. */
const SCREENSHOTS = process.env.E2E_SCREENSHOTS

async function createItem(body: Record<string, unknown>, draftChange?: Record<string, unknown>) {
  const token = await login(cmsUrl(), 'unclepat', TEST_ADMIN_PASSWORD)
  const created = await rest(cmsUrl(), 'items', { method: 'POST', token, body })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  if (draftChange) {
    const saved = await rest(cmsUrl(), `items/${created.body.doc.id}?draft=true`, {
      method: 'PATCH',
      token,
      body: { ...draftChange, _status: 'draft' },
    })
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
  }
  return created.body.doc as { id: number; slug: string }
}

test('staff open the preview from the edit screen; a stranger with an altered or expired copy does not see the draft', async ({
  page,
  browser,
}) => {
  const name = `Pandan Chiffon ${Date.now()}`
  const item = await createItem(
    { name, price: 1450, quantity: 6, _status: 'published', description: paragraph('Baked every morning.') },
    { price: 1290, description: paragraph('Now with gula melaka.') },
  )

  await logInToAdmin(page)
  await page.goto(`${cmsUrl()}/admin/collections/items/${item.id}`)
  const button = page.getByRole('link', { name: 'Preview on the shop' })
  await expect(button).toBeVisible()
  if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/edit-screen-1280.png` })
  const [preview] = await Promise.all([page.context().waitForEvent('page'), button.click()])
  await preview.waitForLoadState()

  expect(preview.url()).toMatch(new RegExp(`^${shopUrl()}/items/${item.slug}\\?preview=`))
  await expect(preview.getByText('Preview — not on sale yet')).toBeVisible()
  await expect(preview.getByRole('heading', { level: 1 })).toHaveText(name)
  await expect(preview.getByText('$12.90')).toBeVisible()
  await expect(preview.getByText('Now with gula melaka.')).toBeVisible()
  await expect(preview.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/)

  for (const width of [375, 1280]) {
    await preview.setViewportSize({ width, height: 900 })
    const { violations } = await new AxeBuilder({ page: preview }).withTags(WCAG_AA).analyze()
    expect(
      violations.map((v) => `${v.id}: ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`),
      `axe at ${width} px`,
    ).toEqual([])
    if (SCREENSHOTS) await preview.screenshot({ path: `${SCREENSHOTS}/preview-${width}.png`, fullPage: true })
  }

  // A stranger's browser, with copies of the link: one altered, one expired.
  const copied = new URL(preview.url())
  const [id, expires, signature] = copied.searchParams.get('preview')!.split('.')
  const altered = `${id}.${Number(expires) + 86_400}.${signature}`
  const expired = signPreview(revalidateSecret(), item.id, Date.now() - (PREVIEW_LINK_SECONDS + 60) * 1000)
  const stranger = await browser.newContext()
  try {
    const strangerPage = await stranger.newPage()
    for (const token of [altered, expired]) {
      await strangerPage.goto(`${shopUrl()}/items/${item.slug}?preview=${encodeURIComponent(token)}`)
      expect(strangerPage.url()).toBe(`${shopUrl()}/items/${item.slug}`)
      await expect(strangerPage.getByRole('heading', { level: 1 })).toHaveText(name)
      await expect(strangerPage.getByText('$14.50')).toBeVisible()
      await expect(strangerPage.getByText('Preview — not on sale yet')).toHaveCount(0)
      await expect(strangerPage.getByText('$12.90')).toHaveCount(0)
      await expect(strangerPage.getByText('gula melaka')).toHaveCount(0)
    }
    // Nor can the stranger ask the CMS for a link.
    const response = await strangerPage.request.get(`${cmsUrl()}/api/items/${item.id}/preview`, { maxRedirects: 0 })
    expect([401, 403]).toContain(response.status())
  } finally {
    await stranger.close()
  }
})

test('staff schedule an item to go on sale from the Publish menu, and see it among the upcoming events', async ({ page }) => {
  const name = `Mooncake Gift Box ${Date.now()}`
  const item = await createItem({ name, price: 3800, quantity: 12, _status: 'draft' })

  await logInToAdmin(page)
  await page.goto(`${cmsUrl()}/admin/collections/items/${item.id}`)
  // The arrow beside "Publish changes" opens its menu, which holds "Schedule Publish".
  await page.locator('#action-save').locator('xpath=..').locator('.popup-button').click()
  await page.locator('#schedule-publish').click()
  const drawer = page.locator('.schedule-publish')
  await expect(drawer).toBeVisible()
  await expect(drawer.getByText('No upcoming events scheduled.')).toBeVisible()

  // A draft never published offers "Unpublish" first; going on sale is "Publish".
  await drawer.locator('.schedule-publish__type').getByText('Publish', { exact: true }).click()
  await drawer.locator('.react-datepicker__input-container input').click()
  await page.locator('.react-datepicker__day--today').first().click()
  await page.locator('.react-datepicker__time-list-item:not(.react-datepicker__time-list-item--disabled)').first().click()
  await drawer.locator('#scheduled-publish-save').click()
  await expect(page.getByText('Scheduled successfully')).toBeVisible()

  const upcoming = drawer.locator('.schedule-publish__upcoming table tbody tr')
  await expect(upcoming).toHaveCount(1)
  await expect(upcoming.first()).toContainText(/^Publish/)
  if (SCREENSHOTS) {
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: 900 })
      await page.screenshot({ path: `${SCREENSHOTS}/schedule-${width}.png` })
    }
  }
})
